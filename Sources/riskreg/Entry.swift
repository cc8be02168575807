import RiskregKit

/// The `riskreg` executable: everything lives in RiskregKit.
@main
enum Entry {
    static func main() async {
        await RiskregCommand.main(nil)
    }
}
