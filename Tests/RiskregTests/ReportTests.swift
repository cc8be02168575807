import Foundation
import Testing

@testable import RiskregCLI
@testable import RiskregImport
@testable import RiskregMarkdown
@testable import RiskregModel
@testable import RiskregReport
@testable import RiskregSite
@testable import RiskregStore
@testable import RiskregTemplate

/// Reports over a fixture register with a known history, built by importing on chosen days.
@Suite struct ReportTests {
    /// Drill 10 imported on 2026-05-06 (W19); on 2026-05-13 (W20) its first action is ticked.
    func history() throws -> RegisterSnapshot {
        let folder = try TestSupport.copyFixture("history")
        let database = folder.appendingPathComponent("riskreg.db").path
        func run(_ today: String) throws {
            var importer = Importer(databasePath: database, today: today)
            importer.base = folder.path
            let report = try importer.run(paths: ["."])
            #expect(!report.hasRefusals)
        }
        try run("2026-05-06")
        let log = folder.appendingPathComponent("2026-05-05-drill-10-worker-crash.md")
        let text = try String(contentsOf: log, encoding: .utf8)
        try text.replacingOccurrences(of: "- [ ] Reset status", with: "- [x] Reset status").write(to: log, atomically: true, encoding: .utf8)
        try run("2026-05-13")
        return try RegisterStore(path: database).snapshot()
    }

    func report(_ snapshot: RegisterSnapshot, week: String) -> WeeklyReport {
        let iso = ISOWeek(week)!
        return WeeklyReport.make(snapshot: snapshot, since: iso.monday, until: iso.sunday, label: week)
    }

    @Test func isoWeeks() {
        #expect(ISOWeek(containing: Day("2026-05-08")!).description == "2026-W19")
        #expect(ISOWeek(containing: Day("2021-01-03")!).description == "2020-W53")
        #expect(ISOWeek(containing: Day("2024-12-30")!).description == "2025-W01")
        #expect(ISOWeek("2026-W19")!.monday.iso == "2026-05-04")
        #expect(ISOWeek("2026-W19")!.sunday.iso == "2026-05-10")
        #expect(ISOWeek("2026-W54") == nil)
        #expect(Day("2026-03-01")!.adding(days: -1).iso == "2026-02-28")
    }

    @Test func weekOfTheDrill() throws {
        let w19 = report(try history(), week: "2026-W19")
        #expect(w19.executed.map(\.drill.number) == [10])
        #expect(w19.counts.itemsOpened == 2)  // the two actions; checklist items are counted in their own section
        #expect(w19.counts.itemsClosed == 0)
        #expect(w19.counts.openActions == 2)
        #expect(w19.overdue.map(\.text) == ["Alarm on receive count @sre due 2026-05-08"])
        #expect(w19.incompleteChecklists.map { $0.missing.map(\.item.text) } == [["Ship log reviewed"]])
        #expect(w19.slowRecovery.map(\.risk.id) == ["Q1"])  // 2m recorded vs 30s expected
        #expect(w19.neverDrilled.map(\.risk.id) == ["Q2", "Q3"])
        #expect(w19.changes.contains("Q1 drilled in drill 10 (2026-05-05)"))
        #expect(w19.headline.hasPrefix("1 drill executed (+1) · 2 actions opened, 0 closed · 2 open actions (+2) · 1 overdue (+1)"))
    }

    @Test func followingWeekClosesAnItem() throws {
        let w20 = report(try history(), week: "2026-W20")
        #expect(w20.executed.isEmpty)
        #expect(w20.closed.map(\.record.item.text) == ["Reset status on redelivery @backend due 2026-05-20"])
        #expect(w20.closed.first?.day == "2026-05-13")
        #expect(w20.counts.itemsOpened == 0)
        #expect(w20.counts.openActions == 1)
        #expect(w20.previous.openActions == 2)
        #expect(w20.headline.contains("1 open action (−1)"))
        #expect(w20.owners.map(\.owner) == ["@sre"])
        #expect(w20.owners.first?.oldestDays == 12)
    }

    @Test func riskBecomesOverdueForItsCadence() throws {
        let snapshot = try history()
        // Q1 is drilled every 30 days: last 2026-05-05, so due 2026-06-04.
        let w23 = report(snapshot, week: "2026-W23")  // 2026-06-01 … 06-07
        #expect(w23.overdueRisks.map(\.risk.id) == ["Q1"])
        #expect(w23.changes.contains("Q1 became overdue for its 30-day drill cadence"))
        #expect(report(snapshot, week: "2026-W22").overdueRisks.isEmpty)
    }

    @Test func markdownReadsWell() throws {
        let text = ReportMarkdown().render(report(try history(), week: "2026-W19"))
        #expect(text.hasPrefix("# Drill programme report — 2026-W19\n\n_2026-05-04 to 2026-05-10_\n\n**1 drill executed"))
        #expect(text.contains("### ✅ Drill 10 — worker crash mid-task\n\nexecuted 2026-05-05 · staging · risks Q1 · recovery 2m"))
        #expect(text.contains("| Recovery time | 2m |"))
        #expect(text.contains("- [ ] Alarm on receive count @sre due 2026-05-08 — Drill 10 · **overdue since 2026-05-08** · open 5 days"))
        #expect(text.contains("- **Q1** Worker crash mid-task — recorded 2m in drill 10, expected 30s"))
    }

    @Test func markdownWithoutMentionsAndWithSiteLinks() throws {
        let snapshot = try history()
        let text = ReportMarkdown(mentions: false, siteURL: "https://sre.example.com/risks").render(report(snapshot, week: "2026-W19"))
        #expect(text.hasPrefix("# Drill programme report — [2026-W19](https://sre.example.com/risks/reports/2026-W19.html)"))
        #expect(text.contains("Alarm on receive count `@sre` due 2026-05-08 — [Drill 10](https://sre.example.com/risks/drills/10.html)"))
        #expect(text.contains("- **[Q1](https://sre.example.com/risks/risks/Q1.html)** Worker crash mid-task"))
        // No bare handle is left anywhere: each @ starts a code span.
        for line in text.split(separator: "\n") {
            var rest = line[...]
            while let at = rest.firstIndex(of: "@") {
                #expect(at > rest.startIndex && rest[rest.index(before: at)] == "`", "bare mention in: \(line)")
                rest = rest[rest.index(after: at)...]
            }
        }
        #expect(ReportMarkdown.quotingMentions("mail ops@example.com or @sre, (@data-team/oncall)") == "mail ops@example.com or `@sre`, (`@data-team/oncall`)")
    }

    /// A report for an old week shows each box as it stood at the end of that week, in every
    /// format: "Reset status" was ticked in W20, so W19 lists it open.
    @Test func anOldWeekShowsItsBoxesAsTheyWereThen() throws {
        let snapshot = try history()
        let w19 = report(snapshot, week: "2026-W19"), w20 = report(snapshot, week: "2026-W20")
        let reset = try #require(w19.opened.first { $0.record.item.text.hasPrefix("Reset status") })
        #expect(reset.record.item.done)  // as the box stands today
        #expect(!w19.isDone(reset.record))
        #expect(w20.isDone(reset.record))
        #expect(w19.doneCount(snapshot.drills[0].actions) == 0 && w20.doneCount(snapshot.drills[0].actions) == 1)

        let markdown = ReportMarkdown().render(w19)
        #expect(markdown.contains("- [ ] Reset status on redelivery"), "\(markdown)")
        #expect(!markdown.contains("- [x] Reset status"))
        #expect(ReportMarkdown().render(w20).contains("- [x] Reset status on redelivery"))
        #expect(ReportJSON(w19).opened.map(\.done) == [false, false])
        #expect(ReportJSON(w20).closed.map(\.done) == [true])

        let views = SiteViews(analysis: RegisterAnalysis(snapshot: snapshot, asOf: w19.until), options: SiteOptions(asOf: w19.until), hasReports: true)
        let values = ReportViews.values(w19, views: views, root: "../")
        func rows(_ key: String) -> [TemplateValue] {
            guard case .list(let rows)? = values[key] else { return [] }
            return rows
        }
        let open = rows("open")
        #expect(open.map { $0["state"] } == [TemplateValue.text("open"), .text("open")])
        #expect(open.map { $0["done"] } == [TemplateValue.bool(false), .bool(false)])
        #expect(rows("executed").first?["actionsDone"] == .int(0))
        #expect(rows("incomplete").first?["checklistComplete"] == .bool(false))
        #expect(rows("incomplete").first?["checklistDone"] == .int(1))
    }

    @Test func reportCommandFormatsAndErrors() throws {
        let folder = try TestSupport.copyFixture("history")
        try TestSupport.run(["import", "."], in: folder, environment: ["RISKREG_TODAY": "2026-05-06"])
        let markdown = try TestSupport.run(["report", "weekly", "--week", "2026-W19"], in: folder)
        #expect(markdown.status == 0 && markdown.stdout.contains("## Lockstep checklists"))
        let json = try TestSupport.run(["report", "weekly", "--since", "2026-05-01", "--until", "2026-05-31", "--format", "json"], in: folder)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["week"] as? String == "2026-05-01..2026-05-31")
        let html = try TestSupport.run(["report", "weekly", "--week", "2026-W19", "--format", "html",
                                        "--templates", TestSupport.packageRoot.appendingPathComponent("templates").path], in: folder)
        #expect(html.status == 0 && html.stdout.contains("<h1>Week 2026-W19</h1>"))
        let bad = try TestSupport.run(["report", "weekly", "--week", "2026-19"], in: folder)
        #expect(bad.status != 0 && bad.stderr.contains("'2026-19' is not an ISO week like 2026-W19"))
        let status = try TestSupport.run(["status"], in: folder, environment: ["RISKREG_TODAY": "2026-05-08"])
        #expect(status.stdout.contains("Top untested risk: Q2 Queue receive fails (rank 2)"))
    }
}
