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
    @Flag(help: "Print JSON (the export schema's risk objects).") var json = false

    func run() async throws {
        let snapshot = try options.openStore().snapshot(includeHTML: false)
        if json {
            print(try Terminal.json(ExportDocument(snapshot: snapshot).risks))
            return
        }
        let rows = snapshot.risks.map { record -> [String] in
            let risk = record.risk
            let last = record.drills.compactMap { snapshot.drill($0)?.drill.date }.max() ?? "never"
            return [risk.id, risk.registerID, risk.rank.map { "\($0)" } ?? "—", risk.score.map { "\($0)" } ?? "—",
                    risk.status ?? "—", record.drills.map { String(format: "%02d", $0) }.joined(separator: " "), last, risk.title]
        }
        print(Terminal.table(["RISK", "REGISTER", "RANK", "SCORE", "STATUS", "DRILLS", "LAST DRILLED", "TITLE"], rows))
    }
}
