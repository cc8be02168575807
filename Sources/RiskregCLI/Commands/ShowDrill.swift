import ArgumentParser
import Foundation
import RiskregImport
import RiskregMarkdown
import RiskregModel
import RiskregReport
import RiskregSite
import RiskregStore

struct ShowDrill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "drill", abstract: "Show one drill or incident: numbers, findings, items.")

    @OptionGroup var options: RegisterOptions
    @Argument(help: "A drill number (4), a record id (dr-test-report) or a unique id prefix.", completion: Completions.records) var name: String
    @Flag(help: "Print the drill as JSON (export schema).") var json = false

    func run() async throws {
        let snapshot = try options.openStore().snapshot()
        let record = try options.record(name, in: snapshot)
        if json {
            print(try Terminal.json(ExportDocument(snapshot: snapshot).drills.first { $0.id == record.drill.id }))
            return
        }
        let drill = record.drill
        var out = TextFormat.drillName(drill) + "\n"
        out += "date \(drill.date ?? "unknown") · \(drill.status.rawValue)"
        if let environment = drill.environment { out += " · \(environment)" }
        out += " · risks \(record.risks.isEmpty ? "none" : record.risks.joined(separator: " ")) · \(record.path)\n"
        if !drill.metrics.isEmpty {
            out += "\nHeadline numbers\n" + Terminal.table(["NAME", "VALUE"], drill.metrics.map { [$0.name, $0.value] }) + "\n"
        }
        if !drill.findings.isEmpty {
            out += "\nFindings\n" + drill.findings.enumerated().map { "  \($0.offset + 1). \($0.element.title)" }.joined(separator: "\n") + "\n"
        }
        for (title, items) in [("Action items", record.actions), ("Lockstep checklist", record.checklist)] where !items.isEmpty {
            out += "\n\(title) (\(items.count(where: \.done))/\(items.count) done)\n"
            for item in items {
                var line = "  [\(item.done ? "x" : " ")] \(item.text)"
                // A due date from a table column is not in the item's text; one written in it is.
                if let due = item.due, !item.text.contains(due) { line += "  due \(due)" }
                out += line + "\n"
            }
        }
        print(out, terminator: "")
    }
}
