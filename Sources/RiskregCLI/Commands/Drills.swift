import ArgumentParser
import Foundation
import RiskregImport
import RiskregMarkdown
import RiskregModel
import RiskregReport
import RiskregSite
import RiskregStore

struct Drills: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "List drills: number, date, status, risks, items.")

    @OptionGroup var options: RegisterOptions
    @Flag(help: "Print JSON: each record's id, kind, number, date, title, status, risks and source (riskreg export has everything).") var json = false

    func run() async throws {
        let snapshot = try options.openStore().snapshot(includeHTML: false)
        if json {
            print(try Terminal.json(ExportDocument(snapshot: snapshot).drills.map(DrillSummary.init)))
            return
        }
        let rows = snapshot.drills.map { record -> [String] in
            let drill = record.drill
            let checklist = record.checklist
            let actions = record.actions
            return [
                drill.number.map { String(format: "%02d", $0) } ?? drill.id, drill.date ?? "—", drill.status.rawValue,
                record.risks.joined(separator: " "),
                "\(checklist.count(where: \.done))/\(checklist.count)",
                "\(actions.count(where: \.done))/\(actions.count)", drill.bareTitle,
            ]
        }
        print(Terminal.table(["DRILL", "DATE", "STATUS", "RISKS", "CHECKLIST", "ACTIONS", "TITLE"], rows))
    }

    struct DrillSummary: Encodable {
        var id: String
        var kind: String
        var number: Int?
        var date: String?
        var title: String
        var status: String
        var risks: [String]
        var source: String

        init(_ drill: ExportDocument.Drill) {
            id = drill.id
            kind = drill.kind
            number = drill.number
            date = drill.date
            title = drill.title
            status = drill.status
            risks = drill.risks
            source = drill.source
        }
    }
}
