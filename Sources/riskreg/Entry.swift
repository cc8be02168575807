import RiskregCLI

/// The `riskreg` executable: everything lives in the Riskreg* library targets.
@main
enum Entry {
    static func main() async {
        await RiskregCommand.mainReportingJSONErrors()
    }
}
