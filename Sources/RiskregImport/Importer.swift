import Algorithms
import Dispatch
import Foundation
import RiskregMarkdown
import RiskregModel
import RiskregStore

/// `riskreg import`: reads and parses markdown files on all cores while one thread writes the
/// register, in file order, in one transaction. A bad file is refused before any of it is
/// written; the rest import. A first import writes a new register beside its path and moves it
/// into place when done (`NewRegister`).
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
    /// Called with each phase's name and wall time in seconds (`RISKREG_TIMINGS=1`).
    package var timings: ((String, Double) -> Void)?

    package init(databasePath: String, today: String, prune: Bool = false) {
        self.databasePath = databasePath
        self.today = today
        self.prune = prune
    }

    package func run(paths: [String]) throws -> ImportReport {
        if let new = NewRegister.start(at: databasePath), let store = new.store {
            var report: ImportReport
            do {
                report = try run(paths: paths, store: store)
            } catch var error as StoreError where error.path == new.temporaryPath {
                // The register it was going to be is what the user knows.
                error.path = databasePath
                throw error
            }
            // Every file refused: no register, as before the run (not an empty one that a
            // build would then publish as an empty site).
            if report.hasRefusals && !report.entries.contains(where: { $0.outcome == .imported }) {
                new.discard()
                report.notes.append("no register was made at \(databasePath): nothing could be imported; fix the files above and import again")
                return report
            }
            let start = DispatchTime.now().uptimeNanoseconds
            if try new.publish() {
                timings?("moving the new register into place", Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
                return report
            }
            // Another first import put a register there meanwhile: this one imports into it.
        } else {
            NewRegister.removeAbandoned(besides: databasePath)
        }
        return try run(paths: paths, store: RegisterStore(path: databasePath))
    }

    private func run(paths: [String], store: RegisterStore) throws -> ImportReport {
        var clock = DispatchTime.now().uptimeNanoseconds
        func phase(_ name: String) {
            let now = DispatchTime.now().uptimeNanoseconds
            timings?(name, Double(now - clock) / 1e9)
            clock = now
        }
        let expansion = SourceFiles.expand(paths, base: base)
        phase("finding files")
        var report = ImportReport()
        for missing in expansion.missing {
            report.entries.append(.init(path: missing, outcome: .refused, detail: "no such file or folder"))
        }
        for folder in expansion.unreadable {
            report.entries.append(.init(path: folder.path, outcome: .refused, detail: "folder cannot be read (\(folder.reason)); fix its permissions"))
        }
        if let upgraded = store.migratedFrom {
            report.notes.append("upgraded the register \(databasePath) from schema \(upgraded) to \(Migrations.latest)")
        }
        let files = expansion.files
        // Files are read and parsed on all cores, ahead of the writer, which takes them in file
        // order (so the outcome is the same as a serial run). Parsing starts before the write
        // lock is asked for, and the lock is held while the rest parses: one pass instead of
        // parsing everything and then writing everything.
        let known = try store.files()
        phase("reading the register's file list")
        let prepared = prepare(files, known: known)
        defer { prepared.cancel() }
        let database = store.database
        try database.transaction {
            var written: [PreparedFile] = []
            var reread = 0
            for index in files.indices {
                let file = prepared.take(index)
                let entry = try write(file, store: store)
                if file.rereading && entry.outcome == .updated { reread += 1 }
                report.entries.append(entry)
                // Freeing a written document's strings and arrays took a tenth of the writer's
                // time: written files go to another thread to be freed, a chunk at a time.
                written.append(file)
                if written.count == chunkSize {
                    let chunk = written
                    written = []
                    DispatchQueue.global().async { _ = chunk }
                }
                if (index + 1) % chunkSize == 0 { progress?(index + 1, files.count) }
            }
            progress?(files.count, files.count)
            phase("reading, parsing and writing")
            if reread > 0 {
                report.notes.append("read \(reread) unchanged \(reread == 1 ? "file" : "files") again: an older riskreg read \(reread == 1 ? "it" : "them"), and this one reads write-ups differently")
            }
            // Warnings about unknown ids, now that every register of this run is in.
            for index in report.entries.indices where report.entries[index].kind == "shiplog" {
                if let key = report.entries[index].key,
                    report.entries[index].outcome == .imported || report.entries[index].outcome == .updated
                {
                    let unknown = try store.unknownMentions(drill: key)
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
                let what = try store.recordLabel(path: path) ?? "register"
                if prune {
                    try store.removeFile(path: path)
                    report.entries.append(.init(path: path, outcome: .pruned, detail: "\(what) removed", kind: record.kind, label: what))
                } else {
                    report.entries.append(.init(
                        path: path, outcome: .missing, detail: "file is gone; \(what) kept (run with --prune to remove it)",
                        kind: record.kind, label: what))
                }
            }
            phase("warnings and missing files")
        }
        phase("committing")
        return report
    }

    /// One file read, hashed and parsed; nothing written yet.
    private struct PreparedFile: Sendable {
        var path: String
        var size: Int
        var mtime: Double
        var hash: String?
        var unchanged: Bool
        /// What the register held for this path when the import began (`register`, `shiplog`),
        /// nil for a file new to it.
        var knownKind: String?
        /// Unchanged, but read by an older version of riskreg's reading: read again.
        var rereading = false
        var result: Result<ParsedDocument, ImportError>?

        /// This file with `data`, its bytes, parsed (or refused).
        func parsed(_ data: Data, by parser: DocumentParser) -> PreparedFile {
            var file = self
            do {
                file.result = .success(try parser.parse(path: path, data: data))
            } catch let error as DocumentError {
                file.result = .failure(ImportError(error))
            } catch {
                file.result = .failure(ImportError(path: path, line: nil, reason: "\(error)"))
            }
            return file
        }
    }

    /// Starts reading and parsing `paths` in one background thread per core, chunk by chunk in
    /// file order; `take` hands each file over as it is ready.
    private func prepare(_ paths: [String], known: [String: RegisterStore.FileRecord]) -> PreparedFiles {
        let chunkLength = max(1, chunkSize / 16)
        let chunks = Array(paths.indices.chunks(ofCount: chunkLength))
        let results = PreparedFiles(count: paths.count, chunks: chunks.count, chunkLength: chunkLength)
        // The import reports only warnings; where each fact came from is for `explain`.
        let parser = { var parser = self.parser; parser.explains = false; return parser }()
        let base = self.base
        for _ in 0..<max(1, ProcessInfo.processInfo.activeProcessorCount) {
            Thread {
                #if os(Linux)
                // The writer is the one serial part: when it and a parsing thread both want a
                // core, the writer gets it (nice 10 is about a tenth of the share of nice 0).
                // On Linux the nice value is per thread, and 0 names the calling thread.
                setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
                #endif
                while let chunk = results.nextChunk() {
                    results.set(chunks[chunk].map { index in
                        (index, Self.prepare(path: paths[index], absolute: SourceFiles.absolutePath(paths[index], base: base),
                                             record: known[paths[index]], parser: parser))
                    })
                }
            }.start()
        }
        return results
    }

    /// Results of parallel parsing, one slot per file, taken by the writer in order (and
    /// released as it goes).
    /// Unchecked-Sendable: every access to its variables holds `condition`.
    private final class PreparedFiles: @unchecked Sendable {
        /// How many chunks parsing may run ahead of the writer, so parsed documents do not pile
        /// up in memory when writing is the slower side (a large register).
        static let window = 64

        private let condition = NSCondition()
        private var slots: [PreparedFile?]
        private var cancelled = false
        private var chunksTaken = 0
        private var filesTaken = 0
        private let chunkCount: Int
        private let chunkLength: Int

        init(count: Int, chunks: Int, chunkLength: Int) {
            slots = Array(repeating: nil, count: count)
            chunkCount = chunks
            self.chunkLength = chunkLength
        }

        /// The next chunk for a parsing thread, in order, once the writer is near enough; nil
        /// when all are taken or the writer gave up.
        func nextChunk() -> Int? {
            condition.withLock {
                while !cancelled, chunksTaken < chunkCount, chunksTaken - filesTaken / chunkLength >= Self.window {
                    condition.wait()
                }
                guard !cancelled, chunksTaken < chunkCount else { return nil }
                defer { chunksTaken += 1 }
                return chunksTaken
            }
        }

        func set(_ files: [(Int, PreparedFile)]) {
            condition.withLock {
                for (index, file) in files { slots[index] = file }
                condition.broadcast()
            }
        }

        /// The file at `index`, waiting until it is parsed.
        func take(_ index: Int) -> PreparedFile {
            condition.withLock {
                while slots[index] == nil { condition.wait() }
                defer { slots[index] = nil }
                filesTaken = index + 1
                // A chunk done: a parsing thread waiting for the writer may go on.
                if filesTaken % chunkLength == 0 { condition.broadcast() }
                return slots[index]!
            }
        }

        /// Parsing threads skip the chunks they have not started (the writer gave up).
        func cancel() {
            condition.withLock {
                cancelled = true
                condition.broadcast()
            }
        }
    }

    private static func prepare(path: String, absolute: String, record: RegisterStore.FileRecord?, parser: DocumentParser) -> PreparedFile {
        var info = stat()
        let found = lstat(absolute, &info) == 0 && ((info.st_mode & S_IFMT) != S_IFLNK || stat(absolute, &info) == 0)
        let size = found ? Int(info.st_size) : -1
        let mtime = found ? Double(info.st_mtim.tv_sec) + Double(info.st_mtim.tv_nsec) / 1e9 : 0
        var file = PreparedFile(path: path, size: size, mtime: mtime, hash: nil, unchanged: false, result: nil)
        file.knownKind = record?.kind
        func refuse(_ reason: String) -> PreparedFile {
            file.result = .failure(ImportError(path: path, line: nil, reason: reason))
            return file
        }
        guard found else { return refuse("cannot be read: \(String(cString: strerror(errno)))") }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            return refuse("not a regular file (a FIFO, device or socket); only markdown files can be imported")
        }
        // A file anyone may read needs no question to the kernel (most files; one `access` per
        // file was a tenth of a no-change import).
        guard info.st_mode & S_IROTH != 0 || access(absolute, R_OK) == 0 else {
            return refuse("cannot be read: permission denied; fix its permissions")
        }
        guard size <= parser.maxBytes else {
            return refuse("file is \(size) bytes, over the \(parser.maxBytes)-byte limit for a write-up")
        }
        // A file an older riskreg read is read again, unchanged or not.
        let current = record.map { $0.reader == DocumentParser.readerVersion } ?? false
        if let record, current, record.size == size, record.mtime == mtime {
            file.unchanged = true
            return file
        }
        let data: Data
        do {
            data = try Self.read(absolute, limit: parser.maxBytes, expectedSize: size)
        } catch {
            return refuse("cannot be read: \(error.localizedDescription)")
        }
        file.size = data.count
        let hash = ContentHash.hex(data)
        file.hash = hash
        if let record, record.hash == hash {
            guard current else {
                file.rereading = true
                return file.parsed(data, by: parser)
            }
            file.unchanged = true
            return file
        }
        return file.parsed(data, by: parser)
    }

    /// A file that held a record and now reads as none (its title and sections edited away):
    /// the record is not silently left standing for a file that no longer says it. With
    /// `--prune` it goes, as for a file that is gone; without, it is kept as last imported and
    /// the file's row keeps its old hash, so every import reads the file again and warns until
    /// it is fixed or pruned.
    private func forget(_ entry: inout ImportReport.Entry, kind: String, store: RegisterStore) throws {
        let label = try store.recordLabel(path: entry.path)
        let what = label ?? (kind == "register" ? "its register" : "its record")
        entry.label = label
        if prune {
            try store.removeFile(path: entry.path)
            entry.outcome = .pruned
            entry.detail = "no longer reads as a record (\(entry.detail ?? "skipped")); \(what) removed"
        } else {
            entry.warnings.append("\(what) is kept as last imported, but the file no longer reads as a record; fix the file, or import with --prune to remove \(what)")
        }
    }

    /// At most `limit + 1` bytes of a regular file (so an over-long file is noticed, not read whole).
    private static func read(_ path: String, limit: Int, expectedSize: Int) throws -> Data {
        let descriptor = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
        guard descriptor >= 0 else { throw ImportError(path: path, line: nil, reason: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var data = Data()
        // Big enough for the whole file (as stat saw it) and the read that finds its end.
        var buffer = [UInt8](repeating: 0, count: min(max(expectedSize + 1, 4096), 64 * 1024))
        while data.count <= limit {
            let count = buffer.withUnsafeMutableBytes { Foundation.read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw ImportError(path: path, line: nil, reason: String(cString: strerror(errno)))
            }
            if count == 0 { break }
            data.append(contentsOf: buffer[0..<count])
        }
        return data
    }

    private func write(_ file: PreparedFile, store: RegisterStore) throws -> ImportReport.Entry {
        var entry = ImportReport.Entry(path: file.path, outcome: .unchanged)
        if file.unchanged {
            if file.hash != nil { try store.touchFile(path: file.path, mtime: file.mtime) }
            return entry
        }
        switch file.result {
        case nil:
            return entry
        case .failure(let error):
            entry.outcome = .refused
            entry.detail = error.errorDescription
        case .success(let document):
            guard let hash = file.hash else { return entry }
            // No savepoint per file: the store refuses a conflicting file before it writes any of
            // it, and any other error ends the whole import's transaction. (A savepoint kept the
            // original of every page a file changed, in 1 KB pieces: 4% of a cold import's cycles.)
            do {
                switch document {
                case .register(let register):
                    entry.kind = "register"
                    let existed = file.knownKind != nil
                    try store.save(register: register, hash: hash, size: file.size, mtime: file.mtime, reader: DocumentParser.readerVersion, today: today)
                    entry.outcome = existed ? .updated : .imported
                case .shipLog(let drill, let reading):
                    entry.kind = "shiplog"
                    entry.label = drill.number.map { "drill \($0)" } ?? "\(drill.kind.rawValue) \(drill.id)"
                    entry.warnings = reading.warnings
                    let saved = try store.save(drill: drill, path: file.path, hash: hash, size: file.size, mtime: file.mtime,
                                               reader: DocumentParser.readerVersion, today: today)
                    entry.key = saved.key
                    entry.outcome = saved.isNew ? .imported : .updated
                case .skipped(let reason):
                    entry.outcome = .skipped
                    entry.detail = reason
                    if let kind = file.knownKind { try forget(&entry, kind: kind, store: store) }
                }
            } catch let error as StoreError where error.kind == .conflict {
                entry.outcome = .refused
                entry.detail = error.errorDescription
            }
        }
        return entry
    }
}
