import Foundation
import Testing

@testable import RiskregImport
@testable import RiskregModel
@testable import RiskregReport
@testable import RiskregStore

/// The site's one-pass weekly reports equal `WeeklyReport.make` week by week (bar the open
/// list, which the pass stops at `listLimit`): on a generated register with a history of ticks,
/// more open items than the limit, planned, aborted and undated drills.
@Suite struct WeeklyReportPassTests {
    /// 90 drills over 2026 with actions and checklists, imported on three days with ticks between.
    func generated() throws -> RegisterSnapshot {
        let folder = try TestSupport.temporaryFolder("pass")
        let statuses = ["executed", "executed", "executed", "planned", "aborted"]
        try "# R9 — Generated\n\n## G1 — One\n- Drill every: 30 days\n- Expected recovery: 60s\n\n## G2 — Two\n- Drill every: 90 days\n- Status: accepted\n\n## G3 — Three\n- Drill every: 14 days\n"
            .write(to: folder.appendingPathComponent("R9.md"), atomically: true, encoding: .utf8)
        for number in 1...90 {
            let month = 1 + (number * 7) % 11, day = 1 + (number * 13) % 27
            let date = String(format: "2026-%02d-%02d", month, day)
            var text = "---\ndrill: \(number)\n" + (number % 17 == 0 ? "" : "date: \(date)\n")
            text += "status: \(statuses[number % statuses.count])\nrisks: [G\(1 + number % 3)]\n---\n\n# Drill \(number): generated\n\n"
            text += "## Headline numbers\n\n- Recovery time: \(30 + (number * 37) % 300)s\n\n## Checklist\n\n"
            for step in 0..<(number % 3) { text += "- [\(step == 0 && number % 2 == 0 ? "x" : " ")] Step \(step)\n" }
            text += "\n## Action items\n\n"
            for action in 0..<(1 + number % 4) {
                let owner = ["@sre", "@platform", "", "@data"][(number + action) % 4]
                let due = (number + action) % 3 == 0 ? " due " + String(format: "2026-%02d-%02d", 1 + (number + action) % 12, 10) : ""
                text += "- [\((number + action) % 5 == 0 ? "x" : " ")] Action \(action) of drill \(number) \(owner)\(due)\n"
            }
            try text.write(to: folder.appendingPathComponent("d\(number).md"), atomically: true, encoding: .utf8)
        }
        let database = folder.appendingPathComponent("r.db").path
        func importOn(_ today: String) throws {
            var importer = Importer(databasePath: database, today: today)
            importer.base = folder.path
            #expect(try !importer.run(paths: ["."]).hasRefusals)
        }
        try importOn("2026-06-01")
        // Tick and untick some actions on later days, so events fall inside weeks.
        for (round, today) in [(1, "2026-07-15"), (2, "2026-09-02")] {
            for number in stride(from: round, through: 90, by: 4) {
                let file = folder.appendingPathComponent("d\(number).md")
                var text = try String(contentsOf: file, encoding: .utf8)
                text = round == 1 ? text.replacingOccurrences(of: "- [ ] Action 0", with: "- [x] Action 0")
                    : text.replacingOccurrences(of: "- [x] Action 0", with: "- [ ] Action 0").replacingOccurrences(of: "- [ ] Step 1", with: "- [x] Step 1")
                try text.write(to: file, atomically: true, encoding: .utf8)
            }
            try importOn(today)
        }
        return try RegisterStore(path: database).snapshot(includeHTML: false)
    }

    private func encoded(_ report: WeeklyReport) throws -> String {
        var bounded = report
        bounded.open = Array(report.open.prefix(WeeklyReport.listLimit))
        bounded.incompleteChecklists = Array(report.incompleteChecklists.prefix(WeeklyReport.listLimit))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let owners = report.owners.map { "\($0.owner) \($0.open) \($0.overdue) \($0.oldestDays)" }.joined(separator: "\n")
        return String(decoding: try encoder.encode(ReportJSON(bounded)), as: UTF8.self) + "\n" + owners
    }

    @Test func onePassEqualsOneReportPerWeek() throws {
        let snapshot = try generated()
        for asOf in ["2026-09-05", "2026-12-31"] {
            let day = try #require(Day(asOf))
            let weeks = WeeklyReportSet.weeks(snapshot: snapshot, asOf: day)
            let pass = WeeklyReportPass.reports(snapshot: snapshot, weeks: weeks, asOf: day)
            #expect(pass.count == weeks.count && weeks.count > 30)
            var sawTruncation = false
            for (week, report) in zip(weeks, pass) {
                let single = WeeklyReportSet.report(snapshot: snapshot, week: week, asOf: day)
                sawTruncation = sawTruncation || single.open.count > WeeklyReport.listLimit
                #expect(try encoded(report) == encoded(single), "week \(week) as of \(asOf)")
                #expect(report.open.count <= WeeklyReport.listLimit && report.openCount == single.open.count)
            }
            #expect(sawTruncation, "the fixture should have more open items than a report lists")
        }
    }

    @Test func examplesAgreeToo() throws {
        for fixture in ["figures", "history", "basic"] {
            let folder = try TestSupport.copyFixture(fixture)
            var importer = Importer(databasePath: folder.appendingPathComponent("r.db").path, today: "2026-11-21")
            importer.base = folder.path
            _ = try importer.run(paths: ["."])
            let snapshot = try RegisterStore(path: folder.appendingPathComponent("r.db").path).snapshot(includeHTML: false)
            let day = Day("2026-11-21")!
            let weeks = WeeklyReportSet.weeks(snapshot: snapshot, asOf: day)
            for (week, report) in zip(weeks, WeeklyReportPass.reports(snapshot: snapshot, weeks: weeks, asOf: day)) {
                #expect(try encoded(report) == encoded(WeeklyReportSet.report(snapshot: snapshot, week: week, asOf: day)), "\(fixture) \(week)")
            }
        }
    }
}
