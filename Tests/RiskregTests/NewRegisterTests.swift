import Foundation
import Testing

@testable import RiskregImport
@testable import RiskregStore

/// A first import writes its register beside the path and moves it into place when done.
@Suite struct NewRegisterTests {
    /// Files of `folder` (not recursive), sorted.
    func names(_ folder: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted()
    }

    @Test func firstImportLeavesOnlyAWALRegister() throws {
        let folder = try TestSupport.copyFixture("basic")
        let registerFolder = folder.appendingPathComponent("state")
        let database = registerFolder.appendingPathComponent("r.db").path
        let report = try Importer(databasePath: database, today: "2026-05-20").run(paths: [folder.path])
        #expect(report.count(.imported) == 3)
        #expect(try names(registerFolder) == ["r.db"])
        let store = try RegisterStore(path: database)
        #expect(try store.database.statement("PRAGMA journal_mode").rows { $0.string(0) } == ["wal"])
        #expect(try store.database.statement("PRAGMA integrity_check").rows { $0.string(0) } == ["ok"])
        #expect(try store.snapshot().drills.count == 2)
        // The same files imported into a register that exists: the same register.
        let again = folder.appendingPathComponent("again.db").path
        _ = try RegisterStore(path: again)
        _ = try Importer(databasePath: again, today: "2026-05-20").run(paths: [folder.path])
        #expect(try TestSupport.exportJSON(again) == TestSupport.exportJSON(database))
    }

    /// A new register is written without checking each row's references (it only inserts, and
    /// only rows whose record came first): the same files make the same register, report and
    /// all, as in a register that exists and checks them, and every reference holds.
    @Test(arguments: ["basic", "duplicate-risks", "figures", "history", "hostile", "months", "styles", "tick", "writeups"])
    func firstImportHasEveryReference(fixture: String) throws {
        let folder = try TestSupport.copyFixture(fixture)
        // Files the register refuses or numbers itself, beside each fixture's own.
        for (name, text) in [
            ("zz-drill-04-copy.md", "# Drill 4 again\n"), ("zz-drill-04-third.md", "# Drill 4 once more\n"),
            ("zz-one.md", "---\nid: pm-7\nkind: incident\ndate: 2026-11-17\n---\n# Outage one\n\nR1 and A10 and Q77.\n\n## Action items\n\n- Fix it\n"),
            ("zz-two.md", "---\nid: pm-7\nkind: incident\ndate: 2026-11-18\n---\n# Outage two\n"),
            ("zz-three.md", "---\nkind: incident\ndate: 2026-11-19\n---\n# Outage three\n\n## Action items\n\n- [ ] Page the owner\n"),
        ] {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        let database = folder.appendingPathComponent("new.db").path
        let existing = folder.appendingPathComponent("existing.db").path
        _ = try RegisterStore(path: existing)
        func lines(_ report: ImportReport) -> [String] {
            report.entries.map { "\($0.path) \($0.outcome) \($0.kind ?? "-") \($0.label ?? "-") \($0.detail ?? "-") \($0.warnings)" } + report.notes
        }
        let first = try Importer(databasePath: database, today: "2026-05-20").run(paths: [folder.path])
        let again = try Importer(databasePath: existing, today: "2026-05-20").run(paths: [folder.path])
        #expect(!first.entries.isEmpty)
        #expect(lines(first) == lines(again))
        #expect(try TestSupport.exportJSON(database) == TestSupport.exportJSON(existing))
        let store = try RegisterStore(path: database)
        #expect(try store.database.scalarInt("SELECT COUNT(*) FROM pragma_foreign_key_check") == 0)
        #expect(try store.database.scalarInt("PRAGMA foreign_keys") == 1)
    }

    @Test func abandonedTemporaryFilesAreRemovedAndLiveOnesKept() throws {
        let folder = try TestSupport.copyFixture("basic")
        let database = folder.appendingPathComponent("r.db").path
        // Left by a killed first import: nobody holds its lock.
        let abandoned = folder.appendingPathComponent(".r.db.new-0011223344556677").path
        try Data("half a register".utf8).write(to: URL(fileURLWithPath: abandoned))
        try Data("its WAL".utf8).write(to: URL(fileURLWithPath: abandoned + "-wal"))
        // A first import still running: this test holds its lock.
        let live = folder.appendingPathComponent(".r.db.new-8899aabbccddeeff").path
        try Data("being written".utf8).write(to: URL(fileURLWithPath: live))
        let descriptor = open(live, O_RDONLY)
        defer { close(descriptor) }
        #expect(flock(descriptor, LOCK_EX | LOCK_NB) == 0)
        // Another register's file, and a user's own file with a similar name.
        try Data("other".utf8).write(to: folder.appendingPathComponent(".other.db.new-0011223344556677"))
        try Data("mine".utf8).write(to: folder.appendingPathComponent("r.db.new-notes"))

        _ = try Importer(databasePath: database, today: "2026-05-20").run(paths: [folder.appendingPathComponent("logs").path])
        #expect(try names(folder) == [".other.db.new-0011223344556677", ".r.db.new-8899aabbccddeeff", "logs", "r.db", "r.db.new-notes", "register.md"])
        // A name left by a first import killed after linking its file into place: removed by
        // the next import, the register untouched.
        try FileManager.default.linkItem(atPath: database, toPath: abandoned)
        let export = try TestSupport.exportJSON(database)
        _ = try Importer(databasePath: database, today: "2026-05-20").run(paths: [folder.appendingPathComponent("logs").path])
        #expect(!FileManager.default.fileExists(atPath: abandoned))
        #expect(try TestSupport.exportJSON(database) == export)
    }

    /// Two first imports at once: the one that finishes second finds the register in place,
    /// leaves it alone, and its caller imports again into it.
    @Test func publishingNeverReplacesARegisterThatAppeared() throws {
        let folder = try TestSupport.temporaryFolder("new-register")
        let path = folder.appendingPathComponent("r.db").path
        let new = try #require(NewRegister.start(at: path))
        let temporary = new.temporaryPath
        #expect(FileManager.default.fileExists(atPath: temporary))
        #expect(!FileManager.default.fileExists(atPath: path))
        // Meanwhile another import made the register.
        let other = try RegisterStore(path: path)
        try other.database.execute("CREATE TABLE marker (x)")
        #expect(try new.publish() == false)
        #expect(!FileManager.default.fileExists(atPath: temporary))
        #expect(try other.database.scalarInt("SELECT COUNT(*) FROM sqlite_master WHERE name = 'marker'") == 1)
        // Nothing is started where something is already.
        #expect(NewRegister.start(at: path) == nil)
    }

    /// A first import killed half way leaves no register, as before it ran; the next one
    /// removes what it left and imports.
    @Test func killedFirstImportLeavesNoRegister() throws {
        let folder = try TestSupport.temporaryFolder("killed-first")
        try TestSupport.writeLogs(1...3000, in: folder.appendingPathComponent("logs")) { number in
            "# Drill \(number) executed\n\n## Results\n\n- Recovery time: 40s\n\n## Action items\n\n- [ ] item \(number) @sam\n"
        }
        let state = folder.appendingPathComponent("state")
        let run = try TestSupport.launch(["import", "logs", "--db", "state/r.db", "--quiet"], in: folder)
        // Killed as soon as its temporary register exists.
        var started = false
        for _ in 0..<20_000 where !started {
            started = ((try? names(state)) ?? []).contains { $0.hasPrefix(".r.db.new-") }
            if !started { usleep(500) }
        }
        #expect(started)
        kill(run.process.processIdentifier, SIGKILL)
        run.process.waitUntilExit()
        #expect(run.process.terminationReason == .uncaughtSignal, "the import finished before it was killed")
        #expect(!FileManager.default.fileExists(atPath: state.appendingPathComponent("r.db").path))

        let again = try TestSupport.launch(["import", "logs", "--db", "state/r.db", "--quiet"], in: folder)
        let output = String(decoding: again.outPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        again.process.waitUntilExit()
        #expect(again.process.terminationStatus == 0)
        #expect(output.contains("3000 imported"), "\(output)")
        #expect(try names(state) == ["r.db"])
    }
}
