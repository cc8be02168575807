import ArgumentParser
import Foundation
import RiskregImport
import RiskregMarkdown
import RiskregModel
import RiskregReport
import RiskregSite
import RiskregStore

/// Flags every command shares.
struct RegisterOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The register database.", discussion: "Default: $RISKREG_DB, else register/riskreg.db.", valueName: "path"))
    var db: String?

    var databasePath: String {
        db ?? ProcessInfo.processInfo.environment["RISKREG_DB"] ?? "register/riskreg.db"
    }

    func openStore() throws -> RegisterStore {
        try RegisterStore.openExisting(path: databasePath)
    }
}
