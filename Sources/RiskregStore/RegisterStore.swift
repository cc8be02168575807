import CSQLite
import Foundation
import RiskregModel

/// The register in SQLite: what the importer writes and what every view reads.
///
/// Write commands open it with `init(path:)`, which creates, refuses a database that is not
/// riskreg's, and migrates an older schema. Read commands use `openExisting(path:)`, which
/// opens read-only, never migrates, and reads one snapshot (a read transaction held for the
/// store's life), so every query of a command sees the same committed state.
package final class RegisterStore {
    package let database: Database
    /// The schema version the register had before this process upgraded it, if it did.
    package private(set) var migratedFrom: Int?
    /// WAL files a read-only open created; removed again if the file turns out to be damaged.
    private var createdSidecars: [String] = []
    /// Opened by `openExisting`: every query reads one snapshot, and nothing is written.
    package private(set) var readsOneSnapshot = false
    /// The SQL of each multi-row insert made so far (`insertRows`), by where the insert's text
    /// is stored and the row count, with the insert it was made for.
    private var insertSQL: [InsertShape: (insert: String, sql: String)] = [:]

    deinit {
        guard !createdSidecars.isEmpty else { return }
        database.close()
        Self.removeUnusedSidecars(of: database.path, created: createdSidecars)
    }

    /// A reading command leaves the register's folder as it found it: the `-wal` and `-shm`
    /// files its read-only connection created are removed again, but only when no connection
    /// uses the register and the WAL is empty. This follows SQLite's own last-close protocol:
    /// every WAL-mode connection holds a SHARED lock on the database file while it is open, and
    /// a new one takes that lock before it opens the `-wal` file. Holding SQLite's EXCLUSIVE
    /// lock (a write lock on its shared byte range) therefore proves nobody is connected and
    /// keeps anyone from opening the sidecars while they are removed. Unlinking them without
    /// that lock once let a concurrent import write its whole transaction into a deleted WAL
    /// (exit 0, its drills gone).
    private static func removeUnusedSidecars(of path: String, created: [String]) {
        let wal = path + "-wal", shm = path + "-shm"
        // A write lock needs a descriptor open for writing; nothing is written through it.
        let database = open(path, O_RDWR | O_CLOEXEC)
        guard database >= 0 else { return }
        defer { close(database) }
        guard lockForWriting(database, start: sqliteSharedFirst, length: sqliteSharedSize) else { return }
        var info = stat()
        if stat(wal, &info) == 0, info.st_size > 0 { return }
        if created.contains(shm) {
            // Belt and braces: SQLite's "dead man switch" byte in the shared-memory file.
            let descriptor = open(shm, O_RDWR | O_CLOEXEC)
            guard descriptor >= 0 else { return }
            defer { close(descriptor) }
            guard lockForWriting(descriptor, start: 128, length: 1) else { return }
            unlink(shm)
        }
        if created.contains(wal) { unlink(wal) }
    }

    /// SQLite's unix locking bytes (`PENDING_BYTE` is 0x40000000; the shared range follows the
    /// pending and reserved bytes).
    private static let sqliteSharedFirst = 0x4000_0002
    private static let sqliteSharedSize = 510

    private static func lockForWriting(_ descriptor: Int32, start: Int, length: Int) -> Bool {
        var lock = flock()
        lock.l_type = Int16(F_WRLCK)
        lock.l_whence = Int16(SEEK_SET)
        lock.l_start = off_t(start)
        lock.l_len = off_t(length)
        return fcntl(descriptor, F_SETLK, &lock) == 0
    }

    /// Opens the register at `path` for writing, creating its folder and file on first use,
    /// and migrates it. A SQLite file that is not a riskreg register is refused untouched.
    /// `unjournaled` is for a file no other process can see yet (`NewRegister`'s): written
    /// without a journal, syncs or foreign-key checks (its first import only inserts), and made
    /// a WAL register when it is moved into place.
    package init(path: String, unjournaled: Bool = false) throws {
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty {
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        database = try Database(path: path)
        if database.isReadOnly {
            throw StoreError(kind: .sqlite(SQLITE_READONLY), path: path, message: "read-only")
        }
        try Self.refuseForeign(database)
        // Never write into a damaged file: SQLite checks only the pages a statement reads, so a
        // write could succeed on a register whose other pages are already lost. The check is
        // linear in the file's size (about 40 ms for 40 MB). On a register that is already in
        // WAL mode at the current schema, nothing is written before the first COMMIT (changes
        // wait in the WAL until then), so the check runs on a second connection beside the
        // caller's reading and parsing, and every COMMIT waits for it. Otherwise (a new file,
        // one to upgrade) it runs first, as nothing may be written before it.
        if try Self.isSettled(database) {
            let check = BackgroundWork { [path] in Self.quickCheck(Result { try Database(readOnlyAt: path) }) }
            database.beforeCommit = { [path] in
                if let failure = check.value() {
                    throw StoreError(kind: .sqlite(SQLITE_CORRUPT), path: path, message: "quick_check: \(failure)")
                }
            }
        } else if let failure = Self.quickCheck(.success(database)) {
            throw StoreError(kind: .sqlite(SQLITE_CORRUPT), path: path, message: "quick_check: \(failure)")
        }
        if unjournaled {
            try database.execute("PRAGMA journal_mode = OFF")
            try database.execute("PRAGMA synchronous = OFF")
        } else {
            try database.enableWAL()
            try database.execute("PRAGMA synchronous = NORMAL")
        }
        try database.execute("PRAGMA foreign_keys = ON")
        // One import writes much of the register in one transaction. With SQLite's default
        // 2 MB page cache the dirty pages spill to the WAL over and over before the commit
        // (about 300,000 page writes for a 10,000-log register of 10,000 pages); 64 MB keeps
        // them in memory (the cache grows only as pages are used).
        try database.execute("PRAGMA cache_size = -65536")
        // A statement that may change several rows keeps the original of every page it changes
        // in a statement journal: a temporary file by default, memory here.
        try database.execute("PRAGMA temp_store = MEMORY")
        database.beforeCommittingChanges = Self.sealChanges
        migratedFrom = try Migrations.migrate(database)
        // A new register's first import only inserts: every row names a record or register
        // written before it in the same transaction, and no delete can meet a row (each path
        // is read once, and a file new to the register has no rows yet). Checking each row's
        // parent was a twelfth of that import's writing; tests check the result is sound
        // (`PRAGMA foreign_key_check`). Any later opening enforces them.
        if unjournaled { try database.execute("PRAGMA foreign_keys = OFF") }
    }

    private init(readingAt path: String) throws {
        database = try Database(readOnlyAt: path)
        try Self.refuseForeign(database)
        let version = try database.scalarInt("SELECT MAX(version) FROM schema_migrations") ?? 0
        if version < Migrations.latest {
            throw StoreError(kind: .schema, path: path, message: "the register has schema version \(version); this riskreg reads \(Migrations.latest); run `riskreg import` once to upgrade it (reading commands never change it)")
        }
        if version > Migrations.latest {
            throw StoreError(kind: .schema, path: path, message: "register schema version \(version) is newer than this riskreg knows (\(Migrations.latest)); upgrade riskreg")
        }
        // One snapshot for every query this store runs.
        try database.execute("BEGIN")
        _ = try database.scalarInt("SELECT COUNT(*) FROM schema_migrations")
        readsOneSnapshot = true
    }

    /// Opens an existing register for reading only: fails if it does not exist, never writes.
    package static func openExisting(path: String) throws -> RegisterStore {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError(kind: .notFound, path: path, message: "no register here yet; run `riskreg import register/` first, or pass --db to use another one") }
        let sidecars = [path + "-wal", path + "-shm"].filter { !FileManager.default.fileExists(atPath: $0) }
        do {
            let store = try RegisterStore(readingAt: path)
            store.createdSidecars = sidecars
            return store
        } catch {
            // A file riskreg refuses is left as it was: remove the WAL files SQLite made for it.
            for sidecar in sidecars { try? FileManager.default.removeItem(atPath: sidecar) }
            throw error
        }
    }

    /// Throws when the register's file is damaged (see `init(path:)`): waits for the check
    /// where it runs beside the caller. Every commit does this itself; call it before a change
    /// outside the register that must not happen if the register cannot take the write.
    package func requireSound() throws {
        try database.beforeCommit?()
    }

    /// Whether the register is in WAL mode at the current schema: opening it for writing
    /// changes nothing in the file.
    private static func isSettled(_ database: Database) throws -> Bool {
        let mode = try database.statement("PRAGMA journal_mode").rows { $0.string(0) }.first
        guard mode?.lowercased() == "wal",
            try database.scalarInt("SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'") == 1
        else { return false }
        return try database.scalarInt("SELECT MAX(version) FROM schema_migrations") == Migrations.latest
    }

    /// SQLite's `quick_check` of the whole file on `database`: nil when it is sound, else what
    /// is wrong (the first problem, or the error that stopped the check).
    private static func quickCheck(_ database: Result<Database, any Error>) -> String? {
        do {
            let rows = try database.get().statement("PRAGMA quick_check(1)").rows { $0.string(0) }
            // SQLite's report spans lines ("*** in database main ***\nPage 17: …"): one line here.
            return rows.first.map { $0 == "ok" ? nil : $0.split(whereSeparator: \.isNewline).joined(separator: " ") } ?? "no result"
        } catch {
            return "\(error)"
        }
    }

    /// A database with tables but no `schema_migrations` is some other application's.
    private static func refuseForeign(_ database: Database) throws {
        let tables = try database.statement("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .rows { $0.string(0) }
        if !tables.isEmpty && !tables.contains("schema_migrations") {
            throw StoreError(kind: .schema, path: database.path, message: "not a riskreg register (it holds other tables: \(tables.prefix(5).joined(separator: ", "))); it was left untouched; pass --db with another path")
        }
    }

    package struct FileRecord: Sendable, Equatable {
        package var kind: String
        package var hash: String
        package var size: Int
        package var mtime: Double
        /// The version of riskreg's reading the file's rows were made with (0: before versions).
        package var reader: Int
    }

    package func files() throws -> [String: FileRecord] {
        var files: [String: FileRecord] = [:]
        try database.statement("SELECT path, kind, hash, size, mtime, reader FROM files").query { row in
            files[row.string(0)] = FileRecord(kind: row.string(1), hash: row.string(2), size: row.int(3), mtime: row.double(4), reader: row.int(5))
        }
        return files
    }

    package func touchFile(path: String, mtime: Double) throws {
        try database.statement("UPDATE files SET mtime = ? WHERE path = ?").run(.double(mtime), .text(path))
    }

    package func removeFile(path: String) throws {
        try database.statement("DELETE FROM files WHERE path = ?").run(.text(path))
    }

    /// What a file holds, for messages: `drill 4`, `incident pm-2023-004`; nil for a register.
    package func recordLabel(path: String) throws -> String? {
        try database.statement("SELECT author_number, kind, id FROM drills WHERE path = ?").rows(.text(path)) { row in
            row.optionalInt(0).map { "drill \($0)" } ?? "\(row.string(1)) \(row.string(2))"
        }.first
    }

    private func saveFile(path: String, kind: String, hash: String, size: Int, mtime: Double, reader: Int, today: String) throws {
        try database.statement("""
            INSERT INTO files (path, kind, hash, size, mtime, imported_at, reader) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(path) DO UPDATE SET kind = excluded.kind, hash = excluded.hash, size = excluded.size,
                mtime = excluded.mtime, imported_at = excluded.imported_at, reader = excluded.reader
            """).run { row in
                try row.text(path)
                try row.text(kind)
                try row.text(hash)
                try row.int(size)
                try row.double(mtime)
                try row.text(today)
                try row.int(reader)
            }
    }

    // MARK: Registers

    /// Throws a `.conflict` error only before it writes anything (the importer relies on it:
    /// a refused file leaves no rows behind, with no savepoint per file). `reader` is the
    /// version of the reading that made `register` (`DocumentParser.readerVersion`); an older
    /// one, or 0, has the next import read the file again.
    package func save(register: Register, hash: String, size: Int, mtime: Double, reader: Int = 0, today: String) throws {
        let path = register.path
        if let other = try database.statement("SELECT path FROM registers WHERE id = ? AND path != ?")
            .rows(.text(register.id), .text(path), transform: { $0.string(0) }).first
        {
            throw StoreError(kind: .conflict, path: path, line: 1, message: "register \(register.id) is already defined in \(other); give one of them another id")
        }
        for risk in register.risks {
            if let (otherPath, line) = try database.statement("""
                SELECT g.path, r.line FROM risks r JOIN registers g ON g.id = r.register_id WHERE r.id = ? AND g.path != ?
                """).rows(.text(risk.id), .text(path), transform: { ($0.string(0), $0.int(1)) }).first
            {
                throw StoreError(kind: .conflict, path: path, line: risk.line, message: "risk \(risk.id) is already defined at \(otherPath):\(line); risk ids must be unique across registers")
            }
        }
        try database.statement("DELETE FROM drills WHERE path = ?").run(.text(path))
        try database.statement("DELETE FROM registers WHERE path = ?").run(.text(path))
        try saveFile(path: path, kind: "register", hash: hash, size: size, mtime: mtime, reader: reader, today: today)
        try database.statement("INSERT INTO registers (id, title, path) VALUES (?, ?, ?)")
            .run(.text(register.id), .text(register.title), .text(path))
        let insert = try database.statement("""
            INSERT INTO risks (id, register_id, position, title, description_html, description_text, rank, likelihood,
                impact, owner, expected_recovery, expected_recovery_seconds, verification, drill_every_days, status,
                fields_json, line) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let encoder = JSONEncoder()
        // The same register gives the same bytes in every run (keys in a fixed order).
        encoder.outputFormatting = .sortedKeys
        for (position, risk) in register.risks.enumerated() {
            let fields = String(decoding: try encoder.encode(risk.fields), as: UTF8.self)
            try insert.run(
                .text(risk.id), .text(register.id), .int(position), .text(risk.title), .text(risk.descriptionHTML),
                .text(risk.descriptionText), .init(risk.rank), .init(risk.likelihood), .init(risk.impact),
                .init(risk.owner), .init(risk.expectedRecovery), .init(risk.expectedRecoverySeconds),
                .init(risk.verification), .init(risk.drillEveryDays), .init(risk.status), .text(fields), .int(risk.line))
        }
    }

    // MARK: Drills

    /// Unnumbered records get internal keys from here up; authors' numbers stay below.
    package static let firstUnnumberedKey = 1_000_000

    /// Whether the record was new (or updated in place), and its internal key. Throws a
    /// `.conflict` error only before it writes anything, as `save(register:)` does.
    @discardableResult
    package func save(drill: Drill, path: String, hash: String, size: Int, mtime: Double, reader: Int = 0, today: String) throws -> (isNew: Bool, key: Int) {
        // What the register holds that this record meets, in one query (four lookups per file
        // were a tenth of a cold import's writing): another file with its id or its number,
        // whether this path was imported before, and whether its number is taken.
        let lookup = try database.statement("""
            SELECT (SELECT path FROM drills WHERE id = ?1 AND path != ?2),
                (SELECT path FROM drills WHERE author_number = ?3 AND path != ?2),
                EXISTS (SELECT 1 FROM files WHERE path = ?2),
                EXISTS (SELECT 1 FROM drills WHERE number = ?3)
            """).rows(.text(drill.id), .text(path), .init(drill.number)) {
                (sameID: $0.optionalString(0), sameNumber: $0.optionalString(1), fileKnown: $0.bool(2), numberTaken: $0.bool(3))
            }[0]
        if let other = lookup.sameID {
            let what = drill.number.map { "drill \($0)" } ?? "record id \(drill.id)"
            throw StoreError(kind: .conflict, path: path, line: nil, message: "\(what) is already imported from \(other); each \(drill.number == nil ? "id" : "drill number") belongs to one file (set a different `id:` in the front matter)")
        }
        if let number = drill.number, let other = lookup.sameNumber {
            throw StoreError(kind: .conflict, path: path, line: nil, message: "drill \(number) is already imported from \(other); each drill number belongs to one ship log")
        }
        // The internal key: the author's number, else the key this file already has, else a new one.
        var key: Int
        if let number = drill.number {
            key = number
        } else if lookup.fileKnown, let existing = try database.scalarInt("SELECT number FROM drills WHERE path = ? AND author_number IS NULL", .text(path)) {
            key = existing
        } else {
            key = max(Self.firstUnnumberedKey, (try database.scalarInt("SELECT MAX(number) FROM drills") ?? 0) + 1)
        }
        // The file may have held another record or been a register before (rows naming a path
        // need its `files` row).
        if lookup.fileKnown {
            try database.statement("DELETE FROM drills WHERE path = ? AND number != ?").run(.text(path), .int(key))
            try database.statement("DELETE FROM registers WHERE path = ?").run(.text(path))
        }
        let isNew = drill.number != nil ? !lookup.numberTaken : try database.scalarInt("SELECT 1 FROM drills WHERE number = ?", .int(key)) == nil
        try saveFile(path: path, kind: "shiplog", hash: hash, size: size, mtime: mtime, reader: reader, today: today)
        try database.statement("""
            INSERT INTO drills (number, id, kind, author_number, path, date, title, status, environment, recovery_seconds, summary, html)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT(number) DO UPDATE SET id = excluded.id, kind = excluded.kind, author_number = excluded.author_number,
                path = excluded.path, date = excluded.date, title = excluded.title,
                status = excluded.status, environment = excluded.environment,
                recovery_seconds = excluded.recovery_seconds, summary = excluded.summary, html = excluded.html
            """).run { row in
                try row.int(key)
                try row.text(drill.id)
                try row.text(drill.kind.rawValue)
                try row.int(drill.number)
                try row.text(path)
                try row.text(drill.date)
                try row.text(drill.title)
                try row.text(drill.status.rawValue)
                try row.text(drill.environment)
                try row.double(drill.recoverySeconds)
                try row.text(drill.summary)
                try row.text(drill.html)
            }
        let number = Statement.Value.int(key)
        // A new record has no rows in the tables below yet.
        if !isNew {
            for table in ["drill_declared_risks", "drill_mentions", "metrics", "findings"] {
                try database.statement("DELETE FROM \(table) WHERE drill = ?").run(number)
            }
        }
        // The arrays are taken out of `drill` first: read through it inside the closures, the
        // whole record was copied (and released) for every row.
        let declaredRisks = drill.declaredRisks, mentions = drill.mentions, metrics = drill.metrics, findings = drill.findings
        try insertRows("INSERT OR IGNORE INTO drill_declared_risks (drill, risk_id)", width: 2, rows: declaredRisks.count) { row, index in
            try row.int(key)
            try row.text(declaredRisks[index])
        }
        try insertRows("INSERT OR IGNORE INTO drill_mentions (drill, token, position)", width: 3, rows: mentions.count) { row, index in
            try row.int(key)
            try row.text(mentions[index])
            try row.int(index)
        }
        try insertRows("INSERT INTO metrics (drill, position, name, value, number, unit, line)", width: 7, rows: metrics.count) { row, index in
            let metric = metrics[index]
            try row.int(key)
            try row.int(index)
            try row.text(metric.name)
            try row.text(metric.value)
            try row.double(metric.number.flatMap { $0.isFinite ? $0 : nil })
            try row.text(metric.unit)
            try row.int(metric.line)
        }
        try insertRows("INSERT INTO findings (drill, position, title, html, line)", width: 5, rows: findings.count) { row, index in
            let finding = findings[index]
            try row.int(key)
            try row.int(index)
            try row.text(finding.title)
            try row.text(finding.html)
            try row.int(finding.line)
        }
        try saveItems(drill: drill, key: key, isNewDrill: isNew, today: today)
        return (isNew, key)
    }

    /// Runs `insert` (`INSERT INTO table (columns)`) for `rows` rows of `width` values, which
    /// `bindRow` binds row by row, several rows per statement: the same rows, in the same order,
    /// as one statement per row, with fewer statements to run. Each row count's statement is
    /// prepared once.
    private func insertRows(_ insert: String, width: Int, rows: Int, bindRow: (inout Statement.Binder, Int) throws -> Void) throws {
        var start = 0
        while start < rows {
            let count = min(rows - start, Self.rowsPerInsert)
            let key = InsertShape(address: Database.address(of: insert), rows: count)
            let sql: String
            if let known = insertSQL[key], known.insert == insert {
                sql = known.sql
            } else {
                let row = "(" + Array(repeating: "?", count: width).joined(separator: ", ") + ")"
                sql = insert + " VALUES " + Array(repeating: row, count: count).joined(separator: ", ")
                if key.address != nil { insertSQL[key] = (insert, sql) }
            }
            let chunk = start..<(start + count)
            try database.statement(sql).run { binder in
                for index in chunk { try bindRow(&binder, index) }
            }
            start += count
        }
    }

    /// Rows per multi-row `INSERT` (SQLite allows 32,766 parameters per statement).
    private static let rowsPerInsert = 64

    /// An insert by where its text is stored (the inserts are literals, whose bytes stay put)
    /// and a row count: no hashing of the whole SQL for every record.
    private struct InsertShape: Hashable {
        var address: UnsafeRawPointer?
        var rows: Int
    }

    /// Matches the log's items to the stored ones so each keeps its identity and history:
    /// first by kind and text, then an edited item by kind and position.
    private func saveItems(drill: Drill, key: Int, isNewDrill: Bool, today: String) throws {
        struct Existing {
            var id: Int
            var kind: String
            var key: String
            var position: Int
            var taken = false
        }
        let number = Statement.Value.int(key)
        // A new record has no stored items to match.
        var existing = isNewDrill ? [] : try database.statement("SELECT id, kind, key, position FROM items WHERE drill = ? ORDER BY kind, position")
            .rows(number) { Existing(id: $0.int(0), kind: $0.string(1), key: $0.string(2), position: $0.int(3)) }
        // Each item's position among the items of its kind, and its text key. (Not an array of
        // (item, position, key): copying every item into it cost a tenth of the writer.)
        let items = drill.items
        var positions: [Int] = []
        positions.reserveCapacity(items.count)
        var counts = (action: 0, checklist: 0)
        for index in items.indices {
            switch items[index].kind {
            case .action: positions.append(counts.action); counts.action += 1
            case .checklist: positions.append(counts.checklist); counts.checklist += 1
            }
        }
        let keys = items.map { TaskItem.key(for: $0.text) }
        // Linear matching: stored items by (kind, text key) in order, and by (kind, position).
        var byKey: [String: [Int]] = [:]
        var byPosition: [String: Int] = [:]
        for (index, stored) in existing.enumerated().reversed() {
            byKey[stored.kind + "\u{0}" + stored.key, default: []].append(index)
            byPosition[stored.kind + "\u{0}" + String(stored.position)] = index
        }
        var matches = [Int?](repeating: nil, count: items.count)
        for offset in items.indices where !existing.isEmpty {
            let name = items[offset].kind.rawValue + "\u{0}" + keys[offset]
            while let index = byKey[name]?.popLast() {
                guard !existing[index].taken else { continue }
                matches[offset] = existing[index].id
                existing[index].taken = true
                break
            }
        }
        for offset in items.indices where matches[offset] == nil && !existing.isEmpty {
            if let index = byPosition[items[offset].kind.rawValue + "\u{0}" + String(positions[offset])], !existing[index].taken {
                matches[offset] = existing[index].id
                existing[index].taken = true
            }
        }
        let previous = existing.isEmpty ? [] : try database.statement("SELECT id, done, done_on FROM items WHERE drill = ?")
            .rows(number) { ($0.int(0), $0.bool(1), $0.optionalString(2)) }
        var previousByID: [Int: (done: Bool, doneOn: String?)] = [:]
        for (id, done, doneOn) in previous { previousByID[id] = (done, doneOn) }
        for leftover in existing where !leftover.taken {
            try database.statement("DELETE FROM items WHERE id = ?").run(.int(leftover.id))
        }
        // A brand-new drill's items date from the drill; items added by a later edit from today.
        let origin = isNewDrill ? min(drill.date ?? today, today) : today
        if existing.isEmpty {
            // Every item is new: ids are given as SQLite would (one past the largest), so the
            // items go in as a few multi-row inserts. Each one's first event is in its row
            // (`opened_on` or `done_on`; see migration 6).
            guard !items.isEmpty else { return }
            let first = (try database.scalarInt("SELECT MAX(id) FROM items") ?? 0) + 1
            // Through a buffer pointer each field is read in place; an array element read in the
            // closure was copied whole (every string retained and released) field by field.
            try items.withUnsafeBufferPointer { items in try insertRows("""
                INSERT INTO items (id, drill, kind, position, key, text, done, line, box_column, artifact, owner, due, refs,
                    first_seen, opened_on, done_on, first_event_in_row)
                """, width: 17, rows: items.count) { row, index in
                    try row.int(first + index)
                    try row.int(key)
                    try row.text(items[index].kind.rawValue)
                    try row.int(positions[index])
                    try row.text(keys[index])
                    try row.text(items[index].text)
                    let done = items[index].done
                    try row.int(done ? 1 : 0)
                    try row.int(items[index].line)
                    try row.int(items[index].boxColumn)
                    try row.text(items[index].artifact)
                    try row.text(items[index].owner)
                    try row.text(items[index].due)
                    let refs = items[index].refs
                    try row.text(refs.isEmpty ? "" : refs.count == 1 ? refs[0] : refs.joined(separator: " "))
                    try row.text(today)
                    try row.text(done ? nil : origin)
                    try row.text(done ? origin : nil)
                    try row.int(1)
                }
            }
            return
        }
        let update = try database.statement("""
            UPDATE items SET position = ?, key = ?, text = ?, done = ?, line = ?, box_column = ?, artifact = ?, owner = ?,
                due = ?, refs = ?, done_on = COALESCE(done_on, ?) WHERE id = ?
            """)
        let insert = try database.statement("""
            INSERT INTO items (drill, kind, position, key, text, done, line, box_column, artifact, owner, due, refs,
                first_seen, opened_on, done_on, first_event_in_row) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)
            """)
        let event = try database.statement("INSERT INTO item_events (item, on_day, done) VALUES (?, ?, ?)")
        for (offset, item) in items.enumerated() {
            let position = positions[offset], key = keys[offset]
            let refs = Statement.Value.text(item.refs.joined(separator: " "))
            if let id = matches[offset], let before = previousByID[id] {
                try update.run(
                    .int(position), .text(key), .text(item.text), .int(item.done ? 1 : 0), .int(item.line),
                    .int(item.boxColumn), .init(item.artifact), .init(item.owner), .init(item.due), refs,
                    item.done ? .text(today) : .null, .int(id))
                if before.done != item.done {
                    try event.run(.int(id), .text(today), .int(item.done ? 1 : 0))
                }
            } else {
                try insert.run(
                    number, .text(item.kind.rawValue), .int(position), .text(key), .text(item.text),
                    .int(item.done ? 1 : 0), .int(item.line), .int(item.boxColumn), .init(item.artifact), .init(item.owner),
                    .init(item.due), refs, .text(today), item.done ? .null : .text(origin), item.done ? .text(origin) : .null)
            }
        }
    }

    /// Risk-id-shaped tokens a drill mentions that are neither risks nor registers.
    package func unknownMentions(drill number: Int) throws -> [String] {
        try database.statement("""
            SELECT token FROM (
                SELECT token, position FROM drill_mentions WHERE drill = ?1
                UNION ALL SELECT risk_id, -1 FROM drill_declared_risks WHERE drill = ?1)
            WHERE token NOT IN (SELECT id FROM risks) AND token NOT IN (SELECT id FROM registers)
            ORDER BY position
            """).rows(.int(number)) { $0.string(0) }
    }
}
