import ArgumentParser
import Foundation
import RiskregImport
import RiskregMarkdown
import RiskregModel
import RiskregReport
import RiskregSite
import RiskregStore

struct ShowDrill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "drill", abstract: "Show one drill: numbers, findings, items.")

    @OptionGroup var options: RegisterOptions
    @Argument(help: "The drill number, e.g. 4.") var number: Int
    @Flag(help: "Print the drill as JSON (export schema).") var json = false

    func run() async throws {
        let snapshot = try options.openStore().snapshot()
        guard let record = snapshot.drill(number) else {
            let known = snapshot.drills.map { String($0.drill.number) }.joined(separator: ", ")
            throw ValidationError("no drill \(number) in the register (drills: \(known.isEmpty ? "none" : known))")
        }
        if json {
            print(try Terminal.json(ExportDocument(snapshot: snapshot).drills.first { $0.number == number }))
            return
        }
        let drill = record.drill
        var out = "Drill \(String(format: "%02d", drill.number)) — \(drill.title)\n"
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
            out += "\n\(title) (\(items.filter(\.item.done).count)/\(items.count) done)\n"
            for item in items {
                var line = "  [\(item.item.done ? "x" : " ")] \(item.item.text)"
                if let due = item.item.due { line += "  due \(due)" }
                out += line + "\n"
            }
        }
        print(out, terminator: "")
    }
}
