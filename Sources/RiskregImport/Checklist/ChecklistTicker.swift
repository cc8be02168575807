import Foundation
import RiskregMarkdown
import RiskregModel
import RiskregStore

/// `riskreg tick` / `untick`: finds the record and item, edits only the item's box in the real
/// file (inside the repository only), then re-imports that file.
package struct ChecklistTicker {
    package var databasePath: String
    package var today: String
    /// The repository root: stored paths are relative to it, and no file outside it is edited.
    package var base = FileManager.default.currentDirectoryPath

    package init(databasePath: String, today: String) {
        self.databasePath = databasePath
        self.today = today
    }

    package struct Outcome: Sendable {
        /// False when the box already was as asked.
        package var changed: Bool
        package var number: Int
        package var item: TaskItem
        package var path: String
        /// `Drill 04`, or the title of a record without a number.
        package var recordName: String
    }

    package func set(record name: String, item query: String, done: Bool) throws -> Outcome {
        let (record, known): (RegisterSnapshot.DrillRecord?, [String]) = try {
            let snapshot = try RegisterStore.openExisting(path: databasePath).snapshot(includeHTML: false)
            return (try snapshot.record(named: name), snapshot.drills.map(\.drill.id))
        }()
        guard let record else {
            let list = known.isEmpty ? "none" : known.prefix(30).joined(separator: ", ") + (known.count > 30 ? ", …" : "")
            throw ImportError(path: databasePath, line: nil,
                              reason: Int(name) != nil ? "no drill \(name) in the register (drills: \(list))" : "no record '\(name)' in the register (ids: \(list))")
        }
        let path = record.path
        let absolute = SourceFiles.absolutePath(path, base: base)
        guard let real = Self.realPath(absolute), let root = Self.realPath(base),
            real == root || real.hasPrefix(root.hasSuffix("/") ? root : root + "/")
        else {
            throw ImportError(path: path, line: nil, reason: "is not a file inside \(base) (missing, or a link leading outside it); run riskreg from the repository you imported from")
        }
        guard let data = FileManager.default.contents(atPath: real) else {
            throw ImportError(path: path, line: nil, reason: "cannot be read")
        }
        // Work from the file as it is now, not as last imported.
        let parsed: Drill
        do {
            guard case .shipLog(let drill, _) = try DocumentParser().parse(path: path, data: data), drill.id == record.drill.id else {
                throw ImportError(path: path, line: nil, reason: "no longer holds record \(record.drill.id); run riskreg import")
            }
            parsed = drill
        } catch let error as DocumentError {
            throw ImportError(error)
        }
        let match = try ChecklistEditor.find(query, in: ChecklistEditor.numbered(parsed.items))
        // Make sure the register can be written before the file is edited, so a refused tick
        // leaves the write-up as it was.
        do {
            let store = try RegisterStore(path: databasePath)
            try store.database.execute("BEGIN IMMEDIATE")
            try store.database.execute("ROLLBACK")
            try store.requireSound()
        }
        let changed = try ChecklistEditor.set(match.item, done: done, path: real)
        var importer = Importer(databasePath: databasePath, today: today)
        importer.base = base
        let report = try importer.run(paths: [path])
        if let refused = report.entries.first(where: { $0.outcome == .refused }) {
            throw ImportError(path: path, line: nil, reason: "edited, but the re-import was refused: \(refused.detail ?? "")")
        }
        return Outcome(changed: changed, number: match.number, item: match.item, path: path, recordName: parsed.number.map { "drill \($0 < 10 ? "0" : "")\($0)" } ?? parsed.title)
    }

    private static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
