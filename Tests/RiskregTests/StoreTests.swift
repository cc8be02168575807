import CSQLite
import Foundation
import Testing

@testable import RiskregModel
@testable import RiskregStore

/// The store on its own: schema upgrades, read-only opening, foreign files, binds.
@Suite struct StoreTests {
    /// A database written by the first schema (`Fixtures/schema-v1/register.sql`, a `.dump` of
    /// the example register made by riskreg before records had ids).
    func schemaOneDatabase() throws -> (folder: URL, path: String) {
        let folder = try TestSupport.temporaryFolder("schema1")
        let path = folder.appendingPathComponent("riskreg.db").path
        let sql = try String(contentsOf: TestSupport.fixtures.appendingPathComponent("schema-v1/register.sql"), encoding: .utf8)
        let database = try Database(path: path)
        try database.execute(sql)
        return (folder, path)
    }

    @Test func readingAnOlderSchemaSaysHowToUpgradeAndChangesNothing() throws {
        let (folder, path) = try schemaOneDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        let error = #expect(throws: StoreError.self) { try RegisterStore.openExisting(path: path) }
        #expect(error?.errorDescription?.contains("schema version 1; this riskreg reads \(Migrations.latest); run `riskreg import` once to upgrade it") == true)
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
    }

    @Test func writingMigratesTheFirstSchemaKeepingEveryDrillAndItem() throws {
        let (folder, path) = try schemaOneDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let counts = "SELECT (SELECT COUNT(*) FROM metrics) || ' ' || (SELECT COUNT(*) FROM drill_mentions) || ' ' || (SELECT COUNT(*) FROM drill_risks)"
        let rowsBefore = try Database(path: path).statement(counts).rows { $0.string(0) }
        let store = try RegisterStore(path: path)
        #expect(store.migratedFrom == 1)
        // Schema 5 rebuilt metrics and mentions in key order, every row kept.
        #expect(try store.database.statement(counts).rows { $0.string(0) } == rowsBefore && rowsBefore != ["0 0 0"])
        let rebuilt = try store.database.statement("SELECT sql FROM sqlite_master WHERE name IN ('metrics', 'drill_mentions')").rows { $0.string(0) }
        #expect(rebuilt.count == 2 && rebuilt.allSatisfy { $0.hasSuffix("WITHOUT ROWID") })
        #expect(try store.database.statement("PRAGMA integrity_check").rows { $0.string(0) } == ["ok"])
        let snapshot = try store.snapshot()
        #expect(snapshot.drills.map(\.drill.id) == ["1", "2", "3", "4", "5", "6", "7"])
        #expect(snapshot.drills.allSatisfy { $0.drill.kind == .drill && $0.drill.number == $0.key })
        #expect(snapshot.drill(4)?.items.isEmpty == false)
        #expect(snapshot.risk("A10")?.drills.contains(4) == true)
        // Reading works now, and a second open does not migrate again.
        #expect(try RegisterStore.openExisting(path: path).snapshot().drills.count == 7)
        #expect(try RegisterStore(path: path).migratedFrom == nil)
    }

    /// Items written before schema 6 keep every event in `item_events`, the first included;
    /// reading them after the upgrade gives the same history, with no first event added twice.
    @Test func itemsWrittenBeforeSchemaSixKeepTheirEvents() throws {
        let (folder, path) = try schemaOneDatabase()
        defer { try? FileManager.default.removeItem(at: folder) }
        let old = try Database(path: path)
        // One item reopened and closed again after its first import, the way old imports logged it.
        try old.execute("INSERT INTO item_events (item, on_day, done) VALUES (9, '2026-04-20', 1), (9, '2026-05-02', 0)")
        let stored = try old.statement("SELECT item, on_day, done FROM item_events ORDER BY item, rowid").rows {
            "\($0.int(0)) \($0.string(1)) \($0.bool(2))"
        }
        let snapshot = try RegisterStore(path: path).snapshot()
        let read = snapshot.drills.flatMap { Array($0.checklist) + Array($0.actions) }.sorted { $0.id < $1.id }.flatMap { record in
            record.eventDays.map { "\(record.id) \($0.day.iso) \($0.done)" }
        }
        #expect(read == stored && stored.count == 38)
        #expect(read.filter { $0.hasPrefix("9 ") } == ["9 2026-03-26 false", "9 2026-04-20 true", "9 2026-05-02 false"])
    }

    @Test func aForeignDatabaseIsRefusedUntouched() throws {
        let folder = try TestSupport.temporaryFolder("foreign")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("notes.db").path
        try Database(path: path).execute("CREATE TABLE notes (x TEXT); INSERT INTO notes VALUES ('keep')")
        let before = try Data(contentsOf: URL(fileURLWithPath: path))
        for open in [{ _ = try RegisterStore(path: path) }, { _ = try RegisterStore.openExisting(path: path) }] {
            let error = #expect(throws: StoreError.self) { try open() }
            #expect(error?.errorDescription?.contains("not a riskreg register (it holds other tables: notes); it was left untouched") == true)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
        let sidecars = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0 != "notes.db" }
        #expect(sidecars.isEmpty, "\(sidecars)")
    }

    /// A reading command removes the `-wal`/`-shm` files it made only when nobody is connected.
    /// Another process here holds what a connection holds from the moment it opens the register
    /// (SQLite's SHARED lock on the database file) but not yet the shared-memory lock: the moment
    /// in which removing the files once sent a concurrent import's transaction into a deleted WAL.
    @Test func aReadLeavesTheWALFilesWhileAnotherProcessHoldsTheRegister() throws {
        let folder = try TestSupport.temporaryFolder("sidecars")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("riskreg.db").path
        let register = Register(id: "R1", title: "Test register", path: "r.md", risks: [])
        do {
            let store = try RegisterStore(path: path)
            try store.database.transaction { try store.save(register: register, hash: "h", size: 1, mtime: 1, today: "2026-05-20") }
        }
        let sidecars = { ["-wal", "-shm"].filter { FileManager.default.fileExists(atPath: path + $0) } }
        #expect(sidecars().isEmpty, "the last writer removes its WAL files")
        #expect(try RegisterStore.openExisting(path: path).snapshot().registers.map(\.id) == ["R1"])
        #expect(sidecars().isEmpty, "a read with nobody else connected leaves the folder as it found it")

        // Another process takes a read lock on SQLite's shared range (0x40000002, 510 bytes).
        let holder = Process()
        holder.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        holder.arguments = ["python3", "-c", """
            import fcntl, os, sys
            fd = os.open(sys.argv[1], os.O_RDONLY)
            fcntl.lockf(fd, fcntl.LOCK_SH, 510, 0x40000002)
            print("locked", flush=True)
            sys.stdin.read()
            """, path]
        let input = Pipe(), output = Pipe()
        holder.standardInput = input
        holder.standardOutput = output
        try holder.run()
        defer { if holder.isRunning { holder.terminate() } }
        let line = String(decoding: output.fileHandleForReading.availableData, as: UTF8.self)
        try #require(line.hasPrefix("locked"))

        #expect(try RegisterStore.openExisting(path: path).snapshot().registers.map(\.id) == ["R1"])
        #expect(sidecars() == ["-wal", "-shm"], "removed while another process had the register open")
        try input.fileHandleForWriting.close()
        holder.waitUntilExit()
    }

    /// A reading store reads items on a second connection beside the rest. A write committed
    /// after the reading store opened must not reach them: the snapshot is one state, not a mix.
    @Test func itemsReadBesideTheRestBelongToTheSameSnapshot() throws {
        let folder = try TestSupport.temporaryFolder("two-connections")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("riskreg.db").path
        func log(_ box: String) throws -> Drill {
            try TestSupport.drill("""
                # Drill 1 executed: restart the queue
                ## Action items
                - [\(box)] Alert on queue depth
                """)
        }
        func save(_ drill: Drill, hash: String) throws {
            let store = try RegisterStore(path: path)
            try store.database.transaction {
                _ = try store.save(drill: drill, path: "log.md", hash: hash, size: 1, mtime: 1, today: "2026-05-20")
            }
        }
        try save(try log(" "), hash: "open")
        let reader = try RegisterStore.openExisting(path: path)
        try save(try log("x"), hash: "done")

        let snapshot = try reader.snapshot()
        #expect(snapshot.drills.map(\.sourceHash) == ["open/0"])
        #expect(snapshot.drills.flatMap(\.items).map(\.item.done) == [false], "items from a later state than the drills")
        let now = try RegisterStore.openExisting(path: path).snapshot()
        #expect(now.drills.map(\.sourceHash) == ["done/0"])
        #expect(now.drills.flatMap(\.items).map(\.item.done) == [true])
    }

    /// A writing store checks the whole file on a second connection beside the caller's work,
    /// and every commit waits for the check. Damage where the write never reads (the findings
    /// table, for a change to the files table only) must still refuse the commit and leave the
    /// file as it was.
    @Test func aCommitWaitsForTheWholeFileCheck() throws {
        let folder = try TestSupport.temporaryFolder("damaged")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("riskreg.db").path
        do {
            let store = try RegisterStore(path: path)
            let drill = try TestSupport.drill("""
                # Drill 1 executed: restart the queue
                ## Findings
                ### Draining took four minutes
                The queue kept taking work after SIGTERM.
                """)
            try store.database.transaction {
                _ = try store.save(drill: drill, path: "log.md", hash: "one", size: 1, mtime: 1, today: "2026-05-20")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: path + "-wal"), "the last connection folds the WAL into the file")
        let (root, pageSize): (Int, Int) = try {
            let database = try Database(readOnlyAt: path)
            return (try #require(try database.scalarInt("SELECT rootpage FROM sqlite_master WHERE name = 'findings'")),
                    try #require(try database.scalarInt("PRAGMA page_size")))
        }()
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: path))
        try handle.seek(toOffset: UInt64((root - 1) * pageSize))
        try handle.write(contentsOf: Data(repeating: 0xA5, count: pageSize))
        try handle.close()
        let damaged = try Data(contentsOf: URL(fileURLWithPath: path))

        let store = try RegisterStore(path: path)
        #expect(try store.files()["log.md"]?.mtime == 1, "the files table itself reads fine")
        let error = #expect(throws: StoreError.self) {
            try store.database.transaction { try store.touchFile(path: "log.md", mtime: 2) }
        }
        #expect(error?.localizedDescription.contains("quick_check") == true, "\(String(describing: error))")
        #expect(error?.localizedDescription.contains("\n") == false, "one line, not SQLite's several")
        #expect(throws: StoreError.self) { try store.requireSound() }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == damaged, "a refused commit wrote into the file")
    }

    /// Item histories hold their first event inline; the collection reads the same either way.
    @Test func itemEventsReadInOrder() throws {
        let days = try (1...4).map { try #require(Day("2026-05-0\($0)")) }
        #expect(ItemEvents([]).isEmpty)
        #expect(ItemEvents([(days[0], false)]).map(\.day) == [days[0]])
        let many = ItemEvents(days.enumerated().map { ($1, $0 % 2 == 1) })
        #expect(many.count == 4)
        #expect(many.map(\.day) == days)
        #expect(many.map(\.done) == [false, true, false, true])
        #expect(many.last?.day == days[3] && many[1].done)
        // Iterating (its own iterator) reads what indexing reads, and ends where it should.
        for events in [ItemEvents([]), ItemEvents([(days[0], true)]), many] {
            var iterated: [Day] = []
            for event in events { iterated.append(event.day) }
            #expect(iterated == events.indices.map { events[$0].day })
            var iterator = events.makeIterator()
            for _ in events { _ = iterator.next() }
            #expect(iterator.next() == nil && iterator.next() == nil)
        }
        let record = RegisterSnapshot.ItemRecord(
            id: 1, item: TaskItem(kind: .action, text: "Alert on queue depth", done: true, line: 3, boxColumn: 3, artifact: nil,
                                  owner: nil, due: nil, refs: []),
            firstSeen: "2026-05-01", openedOn: "2026-05-01", doneOn: "2026-05-03",
            events: [("2026-05-01", false), ("not a day", true), ("2026-05-03", true)])
        #expect(record.events.map(\.day) == ["2026-05-01", "2026-05-03"], "days kept as Day, written back as YYYY-MM-DD")
    }

    /// An item's dates are held as days and read back as the text the importer stored; an
    /// open item's age counts from the day it was opened, else first seen.
    @Test func itemDatesReadBackAsStored() throws {
        let item = TaskItem(kind: .action, text: "Page on hit rate", done: false, line: 70_000, boxColumn: 5, artifact: nil,
                            owner: "sam", due: "2026-06-30", refs: ["12"])
        let opened = RegisterSnapshot.ItemRecord(id: 1, item: item, firstSeen: "2026-05-10", openedOn: "2026-05-08", doneOn: nil, events: [])
        #expect(opened.firstSeen == "2026-05-10" && opened.openedOn == "2026-05-08" && opened.doneOn == nil)
        #expect(opened.openedDay == Day("2026-05-08") && opened.dueDay == Day("2026-06-30"))
        #expect(opened.item.line == 70_000 && opened.item.boxColumn == 5)
        let seen = RegisterSnapshot.ItemRecord(id: 2, item: item, firstSeen: "2026-05-10", openedOn: nil, doneOn: "2026-05-12", events: [])
        #expect(seen.openedDay == Day("2026-05-10") && seen.doneOn == "2026-05-12")
        // Text that is no day (never stored by the importer) reads as no date.
        let odd = RegisterSnapshot.ItemRecord(id: 3, item: item, firstSeen: "soon", openedOn: "2026-02-30", doneOn: nil, events: [])
        #expect(odd.firstSeen == "" && odd.openedOn == nil && odd.openedDay == nil)
        // The layouts that keep 300,000 items of a 50,000-record register small.
        #expect(MemoryLayout<Day>.size == 4 && MemoryLayout<Day?>.size == 5)
        #expect(MemoryLayout<TaskItem>.size <= 86)
        #expect(Day(ordinal: Int.max).ordinal == Int32.max, "out-of-range days clamp, never trap")
    }

    /// Items read together share one text store: each reads back its own text and artifact
    /// (UTF-8 of any length, an artifact or none, an empty text), as a string or as bytes, and
    /// gives back the item it was made from.
    @Test func itemsShareOneTextStore() throws {
        let items = [
            TaskItem(kind: .checklist, text: "Kill the consumer task — mid-stream ✅", done: true, line: 4, boxColumn: 3,
                     artifact: "docs/chaos-drills/results/04.txt", owner: "sre", due: nil, refs: []),
            TaskItem(kind: .action, text: "", done: false, line: 9, boxColumn: 5, artifact: nil, owner: nil, due: "2026-06-30",
                     refs: ["221", "7"]),
            TaskItem(kind: .action, text: "Alarm on receive count", done: false, line: 12, boxColumn: 3, artifact: "", owner: nil,
                     due: "2026-02-30", refs: []),
        ]
        let store = ItemTexts()
        let records = items.enumerated().map { index, item in
            RegisterSnapshot.ItemRecord(id: index + 1, item: item, texts: store, firstSeen: Day("2026-05-01"), openedOn: nil,
                                        doneOn: nil, eventDays: ItemEvents([]))
        }
        for (record, item) in zip(records, items) {
            #expect(record.item == item)
            #expect(record.text == item.text && record.artifact == item.artifact)
            #expect(record.withText { String(decoding: $0, as: UTF8.self) } == item.text)
            var artifact: String?
            let hasArtifact = record.withArtifact { artifact = String(decoding: $0, as: UTF8.self) }
            #expect(hasArtifact == (item.artifact != nil) && artifact == item.artifact)
            #expect(record.dueDay == Day(item.due) && record.firstSeen == "2026-05-01" && record.openedOn == nil)
        }
    }

    /// The store fills chunks of its fixed size without growing one: an entry that does not fit
    /// starts the next chunk, one larger than a chunk gets a chunk of its own, and every item
    /// still reads back whole. An item object stays in malloc's 112-byte class.
    @Test func itemTextsFillFixedChunksAndItemsStayNarrow() throws {
        let store = ItemTexts()
        let size = ItemTexts.chunkSize
        let texts = [String(repeating: "a", count: size - 10), "0123456789", "x", String(repeating: "é", count: size), "tail"]
        let records = texts.enumerated().map { index, text in
            RegisterSnapshot.ItemRecord(
                id: index, item: TaskItem(kind: .action, text: text, done: index % 2 == 0, line: index + 1, boxColumn: 3,
                                          artifact: index == 1 ? "a.txt" : nil, owner: index == 2 ? "ops" : nil,
                                          due: index == 4 ? "2026-06-30" : nil, refs: []),
                texts: store, firstSeen: nil, openedOn: nil, doneOn: nil, eventDays: ItemEvents([]))
        }
        for (record, text) in zip(records, texts) { #expect(record.text == text) }
        #expect(records[1].artifact == "a.txt" && records[2].owner == "ops" && records[4].due == "2026-06-30")
        #expect(records[4].dueDay == Day("2026-06-30") && records[4].done && !records[1].done && records[3].line == 4)
        // Chunks: [a…, 0123456789] full; [x]; [é…] (2 MB, its own); [tail].
        let (used, allocated) = store.size
        #expect(used == texts.reduce(0) { $0 + $1.utf8.count } + 5 + 3 + 10)
        #expect(allocated < used + 3 * size, "chunks never double: \(allocated) bytes allocated for \(used)")
        // glibc's `malloc_usable_size` (in malloc.h, which no Swift module imports).
        let symbol = try #require(dlsym(UnsafeMutableRawPointer(bitPattern: 0), "malloc_usable_size"))
        let usableSize = unsafeBitCast(symbol, to: (@convention(c) (UnsafeMutableRawPointer?) -> Int).self)
        let bytes = usableSize(Unmanaged.passUnretained(records[0]).toOpaque())
        #expect(bytes >= 96 && bytes <= 104, "an item object takes \(bytes) bytes")
    }

    /// A record's checklist and actions are parts of its one array of items, each indexed from 0.
    @Test func checklistAndActionsArePartsOfOneArray() throws {
        func item(_ kind: TaskItem.Kind, _ text: String) -> RegisterSnapshot.ItemRecord {
            RegisterSnapshot.ItemRecord(id: text.count, item: TaskItem(kind: kind, text: text, done: false, line: 1, boxColumn: 3,
                                                                      artifact: nil, owner: nil, due: nil, refs: []),
                                        firstSeen: "2026-05-01", openedOn: nil, doneOn: nil, events: [])
        }
        let drill = Drill(id: "4", number: 4, date: "2026-05-08", title: "t", status: .executed, environment: nil, declaredRisks: [],
                          mentions: [], recoverySeconds: nil, summary: "", metrics: [], findings: [], items: [], html: "")
        let record = RegisterSnapshot.DrillRecord(key: 4, drill: drill, path: "p.md", risks: [], registers: [],
                                                  checklist: [item(.checklist, "c1"), item(.checklist, "c2")],
                                                  actions: [item(.action, "a1")], sourceHash: "h")
        #expect(record.items.map(\.text) == ["c1", "c2", "a1"])
        #expect(record.checklist.map(\.text) == ["c1", "c2"] && record.checklist[1].text == "c2")
        #expect(record.actions.count == 1 && record.actions[0].text == "a1" && record.actions.first?.kind == .action)
        var seen: [String] = []
        for item in record.actions { seen.append(item.text) }
        #expect(seen == ["a1"])
        let none = RegisterSnapshot.DrillRecord(key: 5, drill: drill, path: "q.md", risks: [], registers: [], checklist: [], actions: [],
                                                sourceHash: "h")
        #expect(none.checklist.isEmpty && none.actions.isEmpty && Array(none.actions).isEmpty)
    }

    @Test func aReadOnlyFolderCanStillBeRead() throws {
        let folder = try TestSupport.temporaryFolder("readonly")
        defer {
            chmod(folder.path, 0o755)
            try? FileManager.default.removeItem(at: folder)
        }
        let path = folder.appendingPathComponent("riskreg.db").path
        let register = Register(id: "R1", title: "Test register", path: "r.md", risks: [])
        do {
            let store = try RegisterStore(path: path)
            try store.database.transaction { try store.save(register: register, hash: "h", size: 1, mtime: 1, today: "2026-05-20") }
        }
        chmod(path, 0o444)
        chmod(folder.path, 0o555)
        // Root ignores permissions; the check below still proves no write was attempted.
        let snapshot = try RegisterStore.openExisting(path: path).snapshot()
        #expect(snapshot.registers.map(\.id) == ["R1"])
    }

    @Test func resultCodesAreNamedInMessages() {
        let busy = StoreError(kind: .sqlite(SQLITE_BUSY), path: "r.db", message: "database is locked")
        #expect(busy.errorDescription == "r.db: the register is busy: another riskreg is writing it; wait for it to finish and run again")
        let full = StoreError(kind: .sqlite(SQLITE_FULL), path: "r.db", message: "database or disk is full", sql: "COMMIT")
        #expect(full.errorDescription == "r.db: the disk is full; free some space and run again (the register is unchanged)")
        let readOnly = StoreError(kind: .sqlite(SQLITE_READONLY), path: "r.db", message: "attempt to write a readonly database")
        #expect(readOnly.errorDescription?.contains("read-only; fix the permissions or pass --db") == true)
    }

    @Test func contentHashAndDaysAgreeWithTheirDefinitions() {
        // SHA-256 test vectors (FIPS 180-2).
        #expect(ContentHash.hex(Array("".utf8)) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(ContentHash.hex(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // Parts gathered before hashing give the digest of the parts joined with NUL bytes,
        // a part over the buffer's size included.
        let parts = ["drill", String(repeating: "x", count: 5000), "", "é", String(repeating: "y", count: 4095)]
        var hasher = ContentHasher()
        for part in parts { hasher.add(part) }
        #expect(hasher.hex() == ContentHash.hex(Array(parts.map { $0 + "\u{0}" }.joined().utf8)))
        // Strict days: no roll-over into the next month.
        #expect(Day("2026-02-31") == nil && Day("2026-13-45") == nil && Day("2026-02-30") == nil)
        #expect(Day("2028-02-29")?.iso == "2028-02-29" && Day("2026-02-29") == nil && Day("2100-02-29") == nil)
        #expect(Day("2026-5-8") == nil && Day("2026-05-08")?.iso == "2026-05-08")
        #expect(ContainedPath("docs/results/04.md")?.components == ["docs", "results", "04.md"])
        #expect(ContainedPath("drills/months/2026-05.html")?.components == ["drills", "months", "2026-05.html"])
        #expect(ContainedPath("a/.../b")?.components == ["a", "...", "b"])
        #expect(ContainedPath("notes/ship log é.md")?.components == ["notes", "ship log é.md"])
        for escaping in ["../x", "/etc/passwd", "a/../b", "a//b", "a/", "~/x", "./a", "c:\\\\x", "https://x", "",
                         "..", ".", "a/.", "a/..", "/", "a/./b", "x\u{0}y", "../\u{e9}"] {
            #expect(ContainedPath(escaping) == nil, "\(escaping)")
        }
    }
}
