import Foundation
import Testing

@testable import RiskregCLI
@testable import RiskregImport
@testable import RiskregMarkdown
@testable import RiskregModel
@testable import RiskregReport
@testable import RiskregSite
@testable import RiskregStore

@Suite struct ImporterTests {
    func importer(_ folder: URL, today: String = "2026-05-20", prune: Bool = false) -> Importer {
        Importer(databasePath: folder.appendingPathComponent("riskreg.db").path, today: today, prune: prune)
    }

    @Test func importsRegisterAndLogsThenReimportIsUnchanged() throws {
        let folder = try TestSupport.copyFixture("basic")
        let report = try importer(folder).run(paths: [folder.path])
        #expect(report.count(.imported) == 3)
        #expect(!report.hasRefusals)
        let drill4 = try #require(report.entries.first { $0.label == "drill 4" })
        #expect(drill4.warnings == ["mentions B9, which look like risk ids but are in no register; not linked"])

        let snapshot = try RegisterStore(path: folder.appendingPathComponent("riskreg.db").path).snapshot()
        #expect(snapshot.drills.map(\.drill.number) == [2, 4])
        #expect(snapshot.drill(4)?.risks == ["A10"])
        #expect(snapshot.drill(4)?.registers == ["R20"])
        #expect(snapshot.drill(2)?.risks == ["A12"])
        #expect(snapshot.risk("A10")?.drills == [4])
        #expect(snapshot.drill(2)?.drill.recoverySeconds == 280)

        let before = try TestSupport.exportJSON(folder.appendingPathComponent("riskreg.db").path)
        let again = try importer(folder, today: "2026-05-21").run(paths: [folder.path])
        #expect(again.count(.unchanged) == 3)
        // Touch without changing bytes: the hash keeps it unchanged.
        let log = folder.appendingPathComponent("logs/drill-02.md")
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: log.path)
        #expect(try importer(folder).run(paths: [folder.path]).count(.unchanged) == 3)
        #expect(try TestSupport.exportJSON(folder.appendingPathComponent("riskreg.db").path) == before)
    }

    @Test func editsKeepItemIdentityAndHistory() throws {
        let folder = try TestSupport.copyFixture("basic")
        let log = folder.appendingPathComponent("logs/2026-05-08-drill-04-task-stop.md")
        _ = try importer(folder, today: "2026-05-10").run(paths: [folder.path])
        // Each item's first state is in its own row (schema 6): only later changes are events.
        let database = folder.appendingPathComponent("riskreg.db").path
        let eventRows = { try Database(readOnlyAt: database).scalarInt("SELECT COUNT(*) FROM item_events") }
        #expect(try eventRows() == 0)
        var text = try String(contentsOf: log, encoding: .utf8)
        text = text.replacingOccurrences(of: "- [ ] FIS hard-kill scenario", with: "- [x] FIS hard-kill scenario")
        text = text.replacingOccurrences(of: "Drill 05: RDS connection storm", with: "Drill 05: RDS connection storm (booked)")
        text += "- [ ] A new item added later\n"
        try text.write(to: log, atomically: true, encoding: .utf8)
        let report = try importer(folder, today: "2026-05-27").run(paths: [folder.path])
        #expect(report.entries.first { $0.label == "drill 4" }?.outcome == .updated)

        let snapshot = try RegisterStore(path: folder.appendingPathComponent("riskreg.db").path).snapshot()
        let actions = try #require(snapshot.drill(4)).actions
        #expect(actions.map(\.item.text) == ["FIS hard-kill scenario @platform due 2026-06-30", "Drill 05: RDS connection storm (booked)"])
        // Opened on the drill's date at first import, closed when the import first saw it done.
        #expect(actions[0].openedOn == "2026-05-08" && actions[0].doneOn == "2026-05-27")
        // The edited text kept its identity (position match), so its opening date survives.
        #expect(actions[1].openedOn == "2026-05-08" && actions[1].doneOn == nil)
        let checklist = try #require(snapshot.drill(4)).checklist
        #expect(checklist.count == 3)
        #expect(checklist[2].openedOn == "2026-05-27")
        #expect(actions[0].events.map(\.done) == [false, true])
        #expect(checklist[2].events.map(\.day) == ["2026-05-27"] && checklist[2].events.map(\.done) == [false])
        #expect(try eventRows() == 1)

        // Unticking keeps the first-done date; the event log records the reopening.
        try text.replacingOccurrences(of: "- [x] FIS", with: "- [ ] FIS").write(to: log, atomically: true, encoding: .utf8)
        _ = try importer(folder, today: "2026-06-03").run(paths: [folder.path])
        let reopened = try #require(RegisterStore(path: folder.appendingPathComponent("riskreg.db").path).snapshot().drill(4)).actions[0]
        #expect(!reopened.item.done && reopened.doneOn == "2026-05-27")
        #expect(reopened.events.map(\.day) == ["2026-05-08", "2026-05-27", "2026-06-03"])
        #expect(try eventRows() == 2)
    }

    @Test func badFilesAreRefusedWithReasonsAndNothingStored() throws {
        let folder = try TestSupport.copyFixture("bad")
        let good = try TestSupport.copyFixture("basic")
        let database = folder.appendingPathComponent("riskreg.db").path
        _ = try Importer(databasePath: database, today: "2026-05-20").run(paths: [good.path])
        let before = try TestSupport.exportJSON(database)
        let report = try Importer(databasePath: database, today: "2026-05-20").run(paths: [folder.path])
        func detail(_ name: String) -> String {
            report.entries.first { $0.path.hasSuffix("/" + name) }?.detail ?? "not refused"
        }
        // Issue 8: a file with no date, front matter, number or known section is not a record:
        // skipped with a note, not refused.
        #expect(report.count(.refused) == 6)
        #expect(report.count(.skipped) == 1)
        #expect(detail("empty.md").hasSuffix("empty.md: empty file"))
        #expect(detail("binary.md").contains("binary file"))
        #expect(detail("invalid-utf8.md").hasSuffix("invalid-utf8.md:1: invalid UTF-8; save the file as UTF-8"))
        #expect(detail("no-identity.md").contains("not a record"))
        #expect(detail("broken-front-matter.md").contains("broken-front-matter.md:3: broken front matter"))
        #expect(detail("unclosed-front-matter.md").contains(":1: front matter opened with --- is never closed"))
        #expect(detail("bad-status.md").contains("status 'maybe' must be executed, planned or aborted"))
        #expect(try TestSupport.exportJSON(database) == before)
    }

    @Test func aFirstImportThatRefusesEveryFileMakesNoRegister() throws {
        let bad = try TestSupport.copyFixture("bad")
        let folder = try TestSupport.temporaryFolder()
        // In folders that do not exist yet: the import makes them, and removes them again.
        let database = folder.appendingPathComponent("team/register/riskreg.db").path
        let report = try Importer(databasePath: database, today: "2026-05-20").run(paths: [bad.path])
        #expect(report.count(.refused) == 6 && report.count(.imported) == 0)
        #expect(report.notes.contains { $0.hasPrefix("no register was made at \(database): nothing could be imported") })
        // Nothing at the path, no temporary file beside it, no folder made for it.
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path) == [])
        // Once one file can be imported, the register is made.
        let good = try TestSupport.copyFixture("basic")
        let next = try Importer(databasePath: database, today: "2026-05-20").run(paths: [bad.path, good.path])
        #expect(next.count(.imported) == 3 && next.notes.isEmpty)
        #expect(FileManager.default.fileExists(atPath: database))
    }

    @Test func oversizedFileIsRefused() throws {
        var parser = DocumentParser()
        parser.maxBytes = 10
        #expect(throws: DocumentError.self) { try parser.parse(path: "big.md", data: Data("# Drill 1\n\nmore text".utf8)) }
    }

    @Test func duplicateRiskIdsNameBothPlaces() throws {
        let folder = try TestSupport.copyFixture("duplicate-risks")
        let report = try importer(folder).run(paths: [folder.path])
        let refused = report.entries.filter { $0.outcome == .refused }.compactMap(\.detail)
        #expect(refused.count == 3)
        #expect(refused.contains { $0.contains("same-file.md:4: risk C1 is defined twice (first at") && $0.contains("same-file.md:3") })
        #expect(refused.contains { $0.contains("two.md:6: risk A10 is already defined at") && $0.contains("one.md:3") })
        #expect(refused.contains { $0.contains("bad-field.md:4: risk D1 Likelihood 'very high' must be a number from 1 to 5") })
        let snapshot = try RegisterStore(path: folder.appendingPathComponent("riskreg.db").path).snapshot()
        #expect(snapshot.registers.map(\.id) == ["R20"])
        #expect(snapshot.risks.map(\.risk.id) == ["A10"])
    }

    @Test func duplicateDrillNumberIsRefused() throws {
        let folder = try TestSupport.copyFixture("basic")
        try "# Drill 4 again\n".write(to: folder.appendingPathComponent("logs/zz-drill-04-copy.md"), atomically: true, encoding: .utf8)
        let report = try importer(folder).run(paths: [folder.path])
        let refused = try #require(report.entries.first { $0.outcome == .refused })
        #expect(refused.detail?.contains("drill 4 is already imported from") == true)
        #expect(refused.detail?.contains("2026-05-08-drill-04-task-stop.md") == true)
    }

    /// A file refused for a conflict leaves no row behind: the register equals one imported
    /// without it (the store checks before it writes; there is no savepoint per file).
    @Test func conflictingFilesLeaveNoRows() throws {
        let folder = try TestSupport.copyFixture("basic")
        _ = try importer(folder).run(paths: [folder.path])
        let database = folder.appendingPathComponent("riskreg.db").path
        let before = try TestSupport.exportJSON(database)
        let logs = folder.appendingPathComponent("logs")
        // A new file taking an existing drill's number, with items, metrics, findings and risks.
        try """
            ---
            drill: 4
            risks: [A1]
            ---
            # Drill 4, written twice

            Mentions A2.

            ## Findings

            ### It broke

            Badly.

            - [ ] Fix it @sam due 2026-12-01
            - [x] Register updated
            """.write(to: logs.appendingPathComponent("zz-drill-04-copy.md"), atomically: true, encoding: .utf8)
        // A known file edited to take another drill's number.
        let two = logs.appendingPathComponent("drill-02.md")
        try String(contentsOf: two, encoding: .utf8).replacingOccurrences(of: "drill: 2\n", with: "drill: 4\n")
            .appending("\n- [ ] Another action @kim\n").write(to: two, atomically: true, encoding: .utf8)
        let files = try RegisterStore(path: database).files()
        let report = try importer(folder).run(paths: [folder.path])
        #expect(report.count(.refused) == 2)
        #expect(try TestSupport.exportJSON(database) == before)
        #expect(try RegisterStore(path: database).files() == files)
        let snapshot = try RegisterStore(path: database).snapshot()
        #expect(snapshot.drill(4)?.path.hasSuffix("2026-05-08-drill-04-task-stop.md") == true)
        #expect(snapshot.drill(2)?.path.hasSuffix("drill-02.md") == true)
    }

    @Test func filesAnOlderReaderReadAreReadAgainOnce() throws {
        let folder = try TestSupport.copyFixture("basic")
        let database = folder.appendingPathComponent("riskreg.db").path
        _ = try importer(folder).run(paths: [folder.path])
        let before = try TestSupport.exportJSON(database)
        // As an older riskreg would have left one log: another reading of it, and an older
        // reader version on its file row.
        let store = try RegisterStore(path: database)
        let log = try #require(try store.files().keys.first { $0.hasSuffix("drill-02.md") })
        try store.database.execute("UPDATE drills SET title = 'read by an older riskreg', summary = 'stale' WHERE number = 2")
        try store.database.statement("UPDATE files SET reader = ? WHERE path = ?").run(.int(DocumentParser.readerVersion - 1), .text(log))
        #expect(try TestSupport.exportJSON(database) != before)

        let report = try importer(folder).run(paths: [folder.path])
        #expect(report.count(.updated) == 1 && report.count(.unchanged) == 2)
        #expect(report.entries.first { $0.outcome == .updated }?.path == log)
        #expect(report.notes == ["read 1 unchanged file again: an older riskreg read it, and this one reads write-ups differently"])
        #expect(try TestSupport.exportJSON(database) == before)
        #expect(try RegisterStore(path: database).files()[log]?.reader == DocumentParser.readerVersion)
        // Once read by this reader, it is unchanged again.
        let again = try importer(folder).run(paths: [folder.path])
        #expect(again.count(.unchanged) == 3 && again.notes.isEmpty)
    }

    @Test func missingFilesAreReportedThenPruned() throws {
        let folder = try TestSupport.copyFixture("basic")
        _ = try importer(folder).run(paths: [folder.path])
        try FileManager.default.removeItem(at: folder.appendingPathComponent("logs/drill-02.md"))
        let report = try importer(folder).run(paths: [folder.path])
        #expect(report.entries.first { $0.outcome == .missing }?.label == "drill 2")
        let database = folder.appendingPathComponent("riskreg.db").path
        #expect(try RegisterStore(path: database).snapshot().drill(2) != nil)
        let pruned = try importer(folder, prune: true).run(paths: [folder.path])
        #expect(pruned.count(.pruned) == 1)
        #expect(try RegisterStore(path: database).snapshot().drill(2) == nil)
    }

    @Test func aRecordWhoseFileNoLongerReadsAsOneIsFlaggedThenPruned() throws {
        let folder = try TestSupport.copyFixture("basic")
        let database = folder.appendingPathComponent("riskreg.db").path
        // Drill 2 under a name that says nothing (its front matter says which drill it is).
        let log = folder.appendingPathComponent("logs/notes.md")
        try FileManager.default.moveItem(at: folder.appendingPathComponent("logs/drill-02.md"), to: log)
        _ = try importer(folder).run(paths: [folder.path])
        let before = try TestSupport.exportJSON(database)
        // Then edited into notes that are no write-up at all.
        try FileManager.default.removeItem(at: log)
        try FileManager.default.copyItem(at: TestSupport.fixtures.appendingPathComponent("bad/no-identity.md"), to: log)
        func entry(_ report: ImportReport) throws -> ImportReport.Entry {
            try #require(report.entries.first { $0.path.hasSuffix("logs/notes.md") })
        }
        let warning = "drill 2 is kept as last imported, but the file no longer reads as a record; fix the file, or import with --prune to remove drill 2"
        for _ in 0..<2 {
            // Kept, and said so on every import until the file is fixed or pruned.
            let report = try importer(folder).run(paths: [folder.path])
            let skipped = try entry(report)
            #expect(skipped.outcome == .skipped && skipped.label == "drill 2" && skipped.detail?.contains("not a record") == true)
            #expect(skipped.warnings == [warning])
            #expect(!report.hasRefusals)
            #expect(try TestSupport.exportJSON(database) == before)
        }
        let pruned = try entry(try importer(folder, prune: true).run(paths: [folder.path]))
        #expect(pruned.outcome == .pruned && pruned.label == "drill 2")
        #expect(pruned.detail?.hasPrefix("no longer reads as a record (not a record: ") == true && pruned.detail?.hasSuffix("); drill 2 removed") == true)
        let store = try RegisterStore(path: database)
        #expect(try store.snapshot().drill(2) == nil && store.snapshot().drill(4) != nil)
        #expect(try store.files().keys.contains { $0.hasSuffix("notes.md") } == false)
        // Afterwards it is a file like any other that is no write-up: skipped, nothing to warn of.
        let after = try entry(try importer(folder).run(paths: [folder.path]))
        #expect(after.outcome == .skipped && after.label == nil && after.warnings.isEmpty)
    }

    @Test func symlinkedFoldersAreNotEnteredSoCyclesEnd() throws {
        let folder = try TestSupport.copyFixture("basic")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("logs/loop").path, withDestinationPath: "..")
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("linked.md").path,
                                                   withDestinationPath: folder.appendingPathComponent("logs/drill-02.md").path)
        let expansion = SourceFiles.expand(["."], base: folder.path)
        #expect(expansion.files == ["linked.md", "logs/2026-05-08-drill-04-task-stop.md", "logs/drill-02.md", "register.md"])
    }

    @Test func riskAddedLaterLinksToEarlierLogs() throws {
        let folder = try TestSupport.copyFixture("basic")
        _ = try importer(folder).run(paths: [folder.path])
        let register = folder.appendingPathComponent("register.md")
        try (String(contentsOf: register, encoding: .utf8) + "\n## B9 — Added later\n- Likelihood: 1\n")
            .write(to: register, atomically: true, encoding: .utf8)
        _ = try importer(folder).run(paths: [folder.path])
        let snapshot = try RegisterStore(path: folder.appendingPathComponent("riskreg.db").path).snapshot()
        #expect(snapshot.drill(4)?.risks == ["A10", "B9"])
    }

    @Test func exportFollowsSchema() throws {
        let folder = try TestSupport.copyFixture("basic")
        _ = try importer(folder).run(paths: [folder.path])
        let json = try TestSupport.exportJSON(folder.appendingPathComponent("riskreg.db").path)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "riskreg/2")
        let drills = try #require(object["drills"] as? [[String: Any]])
        let drill = try #require(drills.first { $0["number"] as? Int == 4 })
        for key in ["id", "kind", "number", "date", "title", "status", "risks", "registers", "metrics", "findings", "actions", "checklist", "source"] {
            #expect(drill[key] != nil, "drill is missing \(key)")
        }
        let checklist = try #require(drill["checklist"] as? [[String: Any]])
        #expect(checklist.first?["artifact"] as? String == "docs/results/04.md")
        #expect(checklist.first?["line"] as? Int == 20)
        let metrics = try #require(drill["metrics"] as? [[String: Any]])
        #expect(metrics.first?["number"] as? Double == 48.34)
        let risks = try #require(object["risks"] as? [[String: Any]])
        #expect(risks.first?["drills"] as? [String] == ["4"])
        #expect(drill["id"] as? String == "4" && drill["kind"] as? String == "drill")
    }
}
