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
    @Option(name: .long, help: ArgumentHelp("The register database.", discussion: "Default: $RISKREG_DB, else register/riskreg.db in the repository root.", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp(
        "The repository root: stored paths, artifacts, the database, templates and the site are relative to it.",
        discussion: "Default: the nearest folder at or above the current one holding register/riskreg.db or .git (as git finds its work tree), else the current folder.",
        valueName: "folder"))
    var root: String?

    /// The repository root (see `--root`); a `--root` that is not a folder is an error.
    func repositoryRoot() throws -> String {
        try RepositoryRoot.resolve(explicit: root)
    }

    /// `--db`, `RISKREG_DB` (both relative to the current folder), else the root's `register/riskreg.db`.
    var databasePath: String {
        if let path = db ?? ProcessInfo.processInfo.environment["RISKREG_DB"] { return path }
        guard let root = try? repositoryRoot() else { return RepositoryRoot.databasePath }
        let path = (root as NSString).appendingPathComponent(RepositoryRoot.databasePath)
        return SourceFiles.display(path)
    }

    func openStore() throws -> RegisterStore {
        _ = try repositoryRoot()
        return try RegisterStore.openExisting(path: databasePath)
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

    /// The template folder: `--templates` when given, else the repository's `templates/` when
    /// it has one (a team's customised copy), else nil: riskreg's built-in templates.
    func templateFolder(_ option: String?) throws -> String? {
        if let option { return option }
        let folder = ((try repositoryRoot()) as NSString).appendingPathComponent("templates")
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { return nil }
        return SourceFiles.display(folder)
    }
}
