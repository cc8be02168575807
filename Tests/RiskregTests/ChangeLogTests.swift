import Foundation
import Testing
@testable import RiskregModel
@testable import RiskregStore

/// The register's change log: what the store logs when records change, and the builds that
/// compare only the pages of the records it names.
@Suite(.serialized) struct ChangeLogTests {
    static let today = ["RISKREG_TODAY": "2026-11-21"]

    private func edit(_ file: URL, _ change: (String) -> String) throws {
        let text = try String(contentsOf: file, encoding: .utf8)
        let changed = change(text)
        #expect(changed != text, "the edit changed nothing in \(file.lastPathComponent)")
        try changed.write(to: file, atomically: true, encoding: .utf8)
    }

    @discardableResult
    private func importAll(_ folder: URL, _ extra: [String] = []) throws -> TestSupport.Run {
        let run = try TestSupport.run(["import", ".", "--db", "r.db"] + extra, in: folder, environment: Self.today)
        #expect(run.status == 0, "\(run.stderr)")
        return run
    }

    /// Every insert, update and delete of a record is logged with where the record was
    /// before; an import that changes nothing logs nothing; a mark of another register, or one
    /// older than the log keeps, gives no changes (every page is then compared).
    @Test func theStoreLogsEveryRecordChange() throws {
        let folder = try TestSupport.copyFixture("months")
        try importAll(folder)
        let path = folder.appendingPathComponent("r.db").path
        func read<T>(_ body: (RegisterStore) throws -> T) throws -> T {
            try body(try RegisterStore.openExisting(path: path))
        }
        let first = try #require(try read { try $0.changeMark() })
        #expect(try read { try $0.recordChanges(after: first) } == [])

        try importAll(folder)
        #expect(try read { try $0.changeMark() } == first, "an import with nothing new logs nothing")

        try edit(folder.appendingPathComponent("logs/2026-02-03-drill-05-broker-restart.md")) {
            $0.replacingOccurrences(of: "date: 2026-02-03", with: "date: 2026-03-20")
        }
        try importAll(folder)
        let second = try #require(try read { try $0.changeMark() })
        #expect(second.sequence > first.sequence && second.seal != first.seal)
        #expect(try read { try $0.recordChanges(after: first) } == [.init(key: 5, before: .init(date: "2026-02-03"))])
        #expect(try read { try $0.recordChanges(after: second) } == [])

        // A file that goes (the record with it, by a cascade) and one that comes.
        try FileManager.default.removeItem(at: folder.appendingPathComponent("logs/2026-03-10-drill-08-clock-skew.md"))
        try """
            ---
            drill: 12
            date: 2026-03-12
            status: executed
            ---

            # Drill 12: a new one

            ## Summary

            Added later.
            """.write(to: folder.appendingPathComponent("logs/2026-03-12-drill-12-new.md"), atomically: true, encoding: .utf8)
        try importAll(folder, ["--prune"])
        let changes = try #require(try read { try $0.recordChanges(after: second) })
        #expect(Set(changes.map(\.key)) == [8, 12])
        #expect(changes.first { $0.key == 8 }?.before == .init(date: "2026-03-10"))
        #expect(changes.first { $0.key == 12 }?.before == nil)
        #expect(try read { try $0.recordChanges(after: first) }?.count == changes.count + 1)

        // Another register's mark (or a copy's, written since): its seal is not in this log.
        #expect(try read { try $0.recordChanges(after: .init(sequence: second.sequence, seal: second.seal &+ 1)) } == nil)

        // Rows past the limit go with their seals: a mark before them gives nothing.
        let store = try RegisterStore(path: path)
        try store.database.transaction { try RegisterStore.sealChanges(store.database, keeping: 1) }
        #expect(try read { try $0.recordChanges(after: first) } == nil)
        let last = try #require(try read { try $0.changeMark() })
        #expect(try read { try $0.recordChanges(after: last) } == [])
    }

    /// A site's files, manifest included, but the stamp (it names the output folder and the log's point).
    private func files(_ folder: URL) throws -> [String: Data] {
        try TestSupport.siteFiles(folder, skipping: [".riskreg-build"])
    }

    /// After each edit, a build that compares only the pages of the records the change log
    /// names (and their neighbours then and now) equals a fresh build byte for byte, manifest
    /// included: moving a record in the date order, renaming it, removing and adding records,
    /// undating one; with the lists cut into month pages. An edit to the register documents,
    /// which every page shows, compares all.
    @Test func aBuildComparesOnlyChangedRecordsAndGivesTheFreshSite() throws {
        let folder = try TestSupport.copyFixture("months")
        let templates = TestSupport.packageRoot.appendingPathComponent("templates").path
        let logs = folder.appendingPathComponent("logs")
        func build(_ out: String) throws -> (compared: Int, of: Int) {
            // Over the list limit: the lists become month pages, carried over on the log's word too.
            let run = try TestSupport.run(["build", "--db", "r.db", "--out", out, "--templates", templates, "--base-url", "https://example.org/r/",
                                           "--list-page-limit", "4"],
                                          in: folder, environment: Self.today.merging(["RISKREG_TIMINGS": "1"]) { $1 })
            #expect(run.status == 0, "\(run.stderr)")
            // "  records compared: 3 of 12 (…)"
            guard let line = run.stderr.split(separator: "\n").first(where: { $0.contains("records compared:") }) else {
                Issue.record("no 'records compared' line: \(run.stderr)")
                return (-1, -1)
            }
            let numbers = line.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            return (numbers[0], numbers[1])
        }
        try importAll(folder)
        let first = try build("site")
        #expect(first.compared == first.of && first.of == 12)

        let edits: [(name: String, file: String, change: (String) -> String, prune: Bool)] = [
            ("tick nothing, move drill 05 two months on", "2026-02-03-drill-05-broker-restart.md",
             { $0.replacingOccurrences(of: "date: 2026-02-03", with: "date: 2026-04-01") }, false),
            ("rename drill 07 (its neighbours name it)", "2026-03-03-drill-07-disk-full.md",
             { $0.replacingOccurrences(of: "# Drill 07: disk full", with: "# Drill 07: disk full on the broker") }, false),
            ("undate drill 03 (it goes last)", "2025-12-16-drill-03-worker-kill-again.md",
             { $0.replacingOccurrences(of: "date: 2025-12-16\n", with: "") }, false),
            ("move drill 09 to a month of its own, the newest", "2026-03-17-drill-09-dns-failure.md",
             { $0.replacingOccurrences(of: "date: 2026-03-17", with: "date: 2026-06-05") }, false),
            ("empty the oldest month", "2025-11-04-drill-01-worker-kill.md",
             { $0.replacingOccurrences(of: "date: 2025-11-04", with: "date: 2025-12-20") }, false),
            ("remove drill 08", "2026-03-10-drill-08-clock-skew.md", { _ in "" }, true),
            ("add drill 12 between 04 and 06", "2026-02-01-drill-12-new.md", { _ in
                "---\ndrill: 12\ndate: 2026-02-01\nstatus: executed\nrisks: [M2]\n---\n\n# Drill 12: a new one\n\n## Summary\n\nAdded later.\n"
            }, false),
        ]
        for edit in edits {
            let file = logs.appendingPathComponent(edit.file)
            if edit.prune {
                try FileManager.default.removeItem(at: file)
            } else if FileManager.default.fileExists(atPath: file.path) {
                try self.edit(file, edit.change)
            } else {
                try edit.change("").write(to: file, atomically: true, encoding: .utf8)
            }
            try importAll(folder, edit.prune ? ["--prune"] : [])
            let incremental = try build("site")
            #expect(incremental.compared < incremental.of, "\(edit.name): \(incremental)")
            try? FileManager.default.removeItem(at: folder.appendingPathComponent("fresh"))
            _ = try build("fresh")
            let a = try files(folder.appendingPathComponent("site")), b = try files(folder.appendingPathComponent("fresh"))
            TestSupport.expectSameSite(a, b, edit.name)
        }

        // The register document is on every page: every record is compared.
        try edit(folder.appendingPathComponent("R1-months.md")) { $0 + "\nOne more line about the register.\n" }
        try importAll(folder)
        let all = try build("site")
        #expect(all.compared == all.of, "\(all)")
        // And with nothing changed since, none is.
        try edit(logs.appendingPathComponent("2026-03-17-drill-09-dns-failure.md")) { $0 + "\nA note.\n" }
        try importAll(folder)
        let one = try build("site")
        #expect(one.compared <= 3, "drill 09 and its two neighbours: \(one)")
    }
}
