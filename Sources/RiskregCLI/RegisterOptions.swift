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

    /// The record a user names (number, id or unique id prefix), or a `CommandError` that
    /// lists what there is.
    func record(_ name: String, in snapshot: RegisterSnapshot) throws -> RegisterSnapshot.DrillRecord {
        if let record = try snapshot.record(named: name) { return record }
        let known = snapshot.drills.map(\.drill.id)
        let list = known.isEmpty ? "none" : known.prefix(30).joined(separator: ", ") + (known.count > 30 ? ", …" : "")
        if Int(name) != nil { throw CommandError("no drill \(name) in the register (drills: \(list))") }
        throw CommandError("no record '\(name)' in the register (ids: \(list))")
    }
}
