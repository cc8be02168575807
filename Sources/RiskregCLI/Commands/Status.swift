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
        let status = RegisterStatus(snapshot: try options.openStore().snapshot(includeHTML: false), today: try CommonDay.parse(nil))
        if json {
            print(try Terminal.json(ReportJSON(status.report)))
        } else {
            print(status.lines.joined(separator: "\n"))
        }
    }
}
