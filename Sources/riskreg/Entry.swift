import CMallocTuning
import RiskregCLI

/// The `riskreg` executable: everything lives in the Riskreg* library targets.
@main
enum Entry {
    static func main() async {
        // Buffers of 256 KB or more (a long list page and its layout, the JSON export's batches)
        // are mapped on their own and given back when freed. By default glibc raises the
        // threshold after each such free, so later ones come from the heap and stay there as
        // holes: a cold build of 50,000 records peaked 38 MB higher (377 MB against 339 MB).
        _ = riskreg_map_allocations_from(256 * 1024)
        await RiskregCommand.mainReportingJSONErrors()
    }
}
