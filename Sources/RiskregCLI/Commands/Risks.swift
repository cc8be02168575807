import ArgumentParser
import Foundation
import RiskregImport
import RiskregMarkdown
import RiskregModel
import RiskregReport
import RiskregSite
import RiskregStore

struct Risks: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List risks by register and rank, with score and drills.")

    @OptionGroup var options: RegisterOptions
    @Flag(help: "Print JSON: each risk's export object plus its standing (last drilled, cadence, recovery) as of today.") var json = false

    func run() async throws {
        let analysis = RegisterAnalysis(snapshot: try options.openStore().snapshot(includeHTML: false), asOf: try CommonDay.parse(nil))
        if json {
            print(try Terminal.json(RiskStandingJSON.all(analysis)))
            return
        }
        let rows = analysis.riskStatuses.map { status -> [String] in
            let risk = status.risk
            let drills = status.record.drills.compactMap { analysis.drillsByNumber[$0] }.map { TextFormat.drillRef($0.drill) }
            let due = status.isOverdue ? "overdue since \(status.nextDueText)" : status.nextDueText
            return [risk.id, risk.registerID, risk.rank.map { "\($0)" } ?? "—", risk.score.map { "\($0)" } ?? "—",
                    risk.status ?? "—", drills.joined(separator: " "), status.lastDrilled?.iso ?? "never", due, risk.title]
        }
        print(Terminal.table(["RISK", "REGISTER", "RANK", "SCORE", "STATUS", "RECORDS", "LAST DRILLED", "NEXT DUE", "TITLE"], rows))
    }
}
