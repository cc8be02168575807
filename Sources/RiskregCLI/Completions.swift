import ArgumentParser
import Foundation
import RiskregImport
import RiskregModel
import RiskregStore

/// Shell completion of record and risk ids, read from the register the command line names
/// (`--db`, `--root`, else the one found from the current folder). Never prints or fails: a
/// missing or unreadable register completes nothing.
enum Completions {
    /// Drill ids and numbers (`04`, `dr-test-nat-gateway-loss`) starting with the typed prefix.
    static let records = CompletionKind.custom { words, _, prefix in
        guard let snapshot = snapshot(words) else { return [] }
        var names: [String] = []
        for record in snapshot.drills {
            if let number = record.drill.number { names.append(String(number)) }
            if record.drill.number.map(String.init) != record.drill.id { names.append(record.drill.id) }
        }
        return names.filter { $0.hasPrefix(prefix) }
    }

    /// Risk ids (`A10`), case-insensitively by the typed prefix.
    static let risks = CompletionKind.custom { words, _, prefix in
        guard let snapshot = snapshot(words) else { return [] }
        return snapshot.risks.map(\.risk.id).filter { $0.lowercased().hasPrefix(prefix.lowercased()) }
    }

    /// The register named by `--db`/`--root` among the words being completed, read-only.
    private static func snapshot(_ words: [String]) -> RegisterSnapshot? {
        func value(_ flag: String) -> String? {
            if let index = words.firstIndex(of: flag), index + 1 < words.count { return words[index + 1] }
            return words.first { $0.hasPrefix(flag + "=") }.map { String($0.dropFirst(flag.count + 1)) }
        }
        let path: String
        if let db = value("--db") ?? ProcessInfo.processInfo.environment["RISKREG_DB"] {
            path = db
        } else {
            guard let root = try? RepositoryRoot.resolve(explicit: value("--root")) else { return nil }
            path = (root as NSString).appendingPathComponent(RepositoryRoot.databasePath)
        }
        guard FileManager.default.fileExists(atPath: path) else { return nil }
        return try? RegisterStore.openExisting(path: path).snapshot(includeHTML: false)
    }
}
