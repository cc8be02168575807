import ArgumentParser
import Foundation
import RiskregImport
import RiskregMarkdown
import RiskregModel
import RiskregReport
import RiskregSite
import RiskregStore

struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "The top of this week's report, for the whole register, on one screen.")

    @OptionGroup var options: RegisterOptions
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let snapshot = try options.openStore().snapshot(includeHTML: false)
        let today = Day(Clock.today())!
        let week = ISOWeek(containing: today)
        let report = WeeklyReport.make(snapshot: snapshot, since: week.monday, until: today, label: week.description)
        if json {
            print(try Terminal.json(ReportJSON(report)))
            return
        }
        let analysis = RegisterAnalysis(snapshot: snapshot, asOf: today)
        let statuses = analysis.riskStatuses
        let items = snapshot.drills.flatMap(\.items)
        let checklist = items.filter { $0.item.kind == .checklist }
        print("Register as of \(today.iso) (\(week)): \(snapshot.risks.count) risks in \(snapshot.registers.count) registers, \(snapshot.drills.count) drills")
        print("This week: \(report.headline)")
        print("Checklists: \(checklist.filter(\.item.done).count)/\(checklist.count) items done across \(snapshot.drills.filter { !$0.checklist.isEmpty }.count) drills")
        if let top = report.neverDrilled.first {
            print("Top untested risk: \(top.risk.id) \(top.risk.title) (rank \(top.risk.rank.map(String.init) ?? "—"))")
        }
        for status in statuses.filter(\.slowerThanExpected) {
            print("Slow recovery: \(status.risk.id) recorded \(TextFormat.duration(status.recordedRecovery!.seconds)), expected \(status.risk.expectedRecovery ?? "—")")
        }
        for item in report.overdue.prefix(5) {
            print("Overdue: \(TextFormat.inlineName(item.drill.drill.shortName)) \(item.item.text) (due \(item.item.due ?? "?"))")
        }
    }
}
