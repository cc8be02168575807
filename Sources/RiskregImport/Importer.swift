import Dispatch
import Foundation
import RiskregMarkdown
import RiskregModel
import RiskregStore

/// `riskreg import`: reads markdown files, parses them (in parallel, in chunks, so memory
/// stays flat), and writes the register in one transaction. A bad file is refused in its own
/// savepoint; the rest import.
package struct Importer {
    package var databasePath: String
    /// The day history is recorded on (`YYYY-MM-DD`); tests fix it.
    package var today: String
    package var prune = false
    package var parser = DocumentParser()
    package var chunkSize = 256
    /// Stored paths are relative to this folder; files are read from it.
    package var base = FileManager.default.currentDirectoryPath
    /// Called with (done, total) as files are processed.
    package var progress: ((Int, Int) -> Void)?

    package init(databasePath: String, today: String, prune: Bool = false) {
        self.databasePath = databasePath
        self.today = today
        self.prune = prune
    }

    package func run(paths: [String]) throws -> ImportReport {
        let expansion = SourceFiles.expand(paths, base: base)
        var report = ImportReport()
        for missing in expansion.missing {
            report.entries.append(.init(path: missing, outcome: .refused, detail: "no such file or folder", warnings: []))
        }
        let store = try RegisterStore(path: databasePath)
        let database = store.database
        try database.transaction {
            let known = try store.files()
            let files = expansion.files
            let chunks = stride(from: 0, to: files.count, by: chunkSize).map { Array(files[$0..<min($0 + chunkSize, files.count)]) }
            // A pipeline: the next chunk is read and parsed while this one is written.
            var next = chunks.first.map { Self.startPreparing($0, known: known, base: base, parser: parser) }
            var done = 0
            for index in chunks.indices {
                guard let current = next else { break }
                let prepared = current.wait()
                next = index + 1 < chunks.count
                    ? Self.startPreparing(chunks[index + 1], known: known, base: base, parser: parser) : nil
                for file in prepared {
                    report.entries.append(try write(file, store: store))
                }
                done += chunks[index].count
                progress?(done, files.count)
            }
            // Warnings about unknown ids, now that every register of this run is in.
            for index in report.entries.indices where report.entries[index].kind == "shiplog" {
                if let number = report.entries[index].drill,
                    report.entries[index].outcome == .imported || report.entries[index].outcome == .updated
                {
                    let unknown = try store.unknownMentions(drill: number)
                    if !unknown.isEmpty {
                        report.entries[index].warnings.append(
                            "mentions \(unknown.joined(separator: ", ")), which look like risk ids but are in no register; not linked")
                    }
                }
            }
            let present = Set(files)
            for (path, record) in known.sorted(by: { $0.key < $1.key })
            where !present.contains(path) && SourceFiles.isUnder(path, roots: expansion.roots)
                && !FileManager.default.fileExists(atPath: SourceFiles.absolutePath(path, base: base))
            {
                let drill = try store.drillNumber(path: path)
                let what = drill.map { "drill \($0)" } ?? "register"
                if prune {
                    try store.removeFile(path: path)
                    report.entries.append(.init(path: path, outcome: .pruned, detail: "\(what) removed", kind: record.kind, drill: drill, warnings: []))
                } else {
                    report.entries.append(.init(
                        path: path, outcome: .missing, detail: "file is gone; \(what) kept (run with --prune to remove it)",
                        kind: record.kind, drill: drill, warnings: []))
                }
            }
        }
        return report
    }

    /// One file read, hashed and parsed; nothing written yet.
    private struct PreparedFile: Sendable {
        var path: String
        var size: Int
        var mtime: Double
        var hash: String?
        var unchanged: Bool
        var result: Result<ParsedDocument, ImportError>?
    }

    /// Parsing under way in the background; `wait` returns its files.
    private final class Pending: @unchecked Sendable {
        let group = DispatchGroup()
        var files: [PreparedFile] = []

        func wait() -> [PreparedFile] {
            group.wait()
            return files
        }
    }

    private static func startPreparing(_ paths: [String], known: [String: RegisterStore.FileRecord], base: String,
                                       parser: DocumentParser) -> Pending {
        let pending = Pending()
        DispatchQueue.global().async(group: pending.group) {
            pending.files = prepare(paths, known: known, base: base, parser: parser)
        }
        return pending
    }

    private static func prepare(_ paths: [String], known: [String: RegisterStore.FileRecord], base: String,
                                parser: DocumentParser) -> [PreparedFile] {
        var prepared = [PreparedFile?](repeating: nil, count: paths.count)
        prepared.withUnsafeMutableBufferPointer { buffer in
            nonisolated(unsafe) let slots = buffer
            DispatchQueue.concurrentPerform(iterations: paths.count) { index in
                slots[index] = Self.prepare(path: paths[index], absolute: SourceFiles.absolutePath(paths[index], base: base),
                                            record: known[paths[index]], parser: parser)
            }
        }
        return prepared.map { $0! }
    }

    private static func prepare(path: String, absolute: String, record: RegisterStore.FileRecord?, parser: DocumentParser) -> PreparedFile {
        var info = stat()
        let found = stat(absolute, &info) == 0
        let size = found ? Int(info.st_size) : -1
        let mtime = found ? Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9 : 0
        var file = PreparedFile(path: path, size: size, mtime: mtime, hash: nil, unchanged: false, result: nil)
        if let record, record.size == size, record.mtime == mtime {
            file.unchanged = true
            return file
        }
        guard let data = FileManager.default.contents(atPath: absolute) else {
            file.result = .failure(ImportError(path: path, line: nil, reason: "cannot be read (permissions?)"))
            return file
        }
        file.size = data.count
        let hash = ContentHash.hex(data)
        file.hash = hash
        if let record, record.hash == hash {
            file.unchanged = true
            return file
        }
        do {
            file.result = .success(try parser.parse(path: path, data: data))
        } catch let error as DocumentError {
            file.result = .failure(ImportError(error))
        } catch {
            file.result = .failure(ImportError(path: path, line: nil, reason: "\(error)"))
        }
        return file
    }

    private func write(_ file: PreparedFile, store: RegisterStore) throws -> ImportReport.Entry {
        var entry = ImportReport.Entry(path: file.path, outcome: .unchanged, detail: nil, kind: nil, drill: nil, warnings: [])
        if file.unchanged {
            if file.hash != nil { try store.touchFile(path: file.path, mtime: file.mtime) }
            return entry
        }
        guard let result = file.result, let hash = file.hash else { return entry }
        switch result {
        case .failure(let error):
            entry.outcome = .refused
            entry.detail = error.errorDescription
        case .success(let document):
            do {
                try store.database.savepoint {
                    switch document {
                    case .register(let register):
                        entry.kind = "register"
                        let existed = try store.files()[file.path] != nil
                        try store.save(register: register, hash: hash, size: file.size, mtime: file.mtime, today: today)
                        entry.outcome = existed ? .updated : .imported
                    case .shipLog(let drill, let warnings):
                        entry.kind = "shiplog"
                        entry.drill = drill.number
                        entry.warnings = warnings
                        let isNew = try store.save(drill: drill, path: file.path, hash: hash, size: file.size, mtime: file.mtime, today: today)
                        entry.outcome = isNew ? .imported : .updated
                    }
                }
            } catch let error as StoreError where error.kind == .conflict {
                entry.outcome = .refused
                entry.detail = error.errorDescription
            }
        }
        return entry
    }
}
