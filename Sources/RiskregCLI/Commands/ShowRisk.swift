import ArgumentParser
import Foundation
import RiskregImport
import RiskregMarkdown
import RiskregModel
import RiskregReport
import RiskregSite
import RiskregStore

struct ShowRisk: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "risk", abstract: "Show one risk: fields, description, drills.")

    @OptionGroup var options: RegisterOptions
    @Argument(help: "The risk id, e.g. A10.") var id: String
    @Flag(help: "Print the risk as JSON (export schema).") var json = false

    func run() async throws {
        let snapshot = try options.openStore().snapshot(includeHTML: false)
        guard let record = snapshot.risk(id) ?? snapshot.risk(id.uppercased()) else {
            let known = snapshot.risks.map(\.risk.id).joined(separator: ", ")
            throw CommandError("no risk \(id) in the register (risks: \(known.isEmpty ? "none" : known))")
        }
        if json {
            print(try Terminal.json(ExportDocument(snapshot: snapshot).risks.first { $0.id == record.risk.id }))
            return
        }
        let risk = record.risk
        var out = "\(risk.id) — \(risk.title)\nregister \(risk.registerID) · \(risk.path):\(risk.line)\n\n"
        out += Terminal.table(["FIELD", "VALUE"], risk.fields.map { [$0.key, $0.value] }) + "\n"
        if !risk.descriptionText.isEmpty { out += "\n\(risk.descriptionText)\n" }
        out += "\nDrills\n"
        if record.drills.isEmpty { out += "  never drilled\n" }
        for number in record.drills {
            guard let drill = snapshot.drill(number)?.drill else { continue }
            out += "  \(String(format: "%02d", number))  \(drill.date ?? "—")  \(drill.status.rawValue)  \(drill.bareTitle)\n"
        }
        print(out, terminator: "")
    }
}
