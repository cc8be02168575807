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
    @Argument(help: "The risk id, e.g. A10.", completion: Completions.risks) var id: String
    @Flag(help: "Print the risk as JSON (export schema).") var json = false

    func run() async throws {
        let snapshot = try options.openStore().snapshot(includeHTML: false)
        guard let record = snapshot.risk(id) ?? snapshot.risk(id.uppercased()) else {
            let known = snapshot.risks.map(\.risk.id).joined(separator: ", ")
            throw CommandError("no risk \(id) in the register (risks: \(known.isEmpty ? "none" : known))")
        }
        let analysis = RegisterAnalysis(snapshot: snapshot, asOf: try CommonDay.parse(nil))
        let status = analysis.status(of: record)
        if json {
            let risk = ExportDocument(snapshot: snapshot).risks.first { $0.id == record.risk.id }!
            print(try Terminal.json(RiskStandingJSON(status, risk: risk, asOf: analysis.asOf)))
            return
        }
        let risk = record.risk
        var out = "\(risk.id) — \(risk.title)\nregister \(risk.registerID) · \(risk.path):\(risk.line)\n\n"
        out += Terminal.table(["FIELD", "VALUE"], risk.fields.map { [$0.key, $0.value] }) + "\n"
        if !risk.descriptionText.isEmpty { out += "\n\(risk.descriptionText)\n" }
        out += "\nAs of \(analysis.asOf.iso)\n"
        out += "  last drilled  \(status.lastDrilled?.iso ?? "never")\n"
        out += "  next due      \(status.isOverdue ? "overdue since " : "")\(status.nextDueText)\n"
        if let recorded = status.recordedRecovery {
            out += "  recovery      \(TextFormat.duration(recorded.seconds)) in \(TextFormat.inlineName(recorded.name)), expected \(status.expectedRecoveryText ?? "—")\(status.slowerThanExpected ? " (slower)" : "")\n"
        }
        out += "\nDrills and incidents\n"
        if record.drills.isEmpty { out += "  none linked\n" }
        for key in record.drills {
            guard let drill = snapshot.drill(key)?.drill else { continue }
            out += "  \(TextFormat.drillRef(drill))  \(drill.date ?? "—")  \(drill.status.rawValue)  \(drill.bareTitle)\n"
        }
        print(out, terminator: "")
    }
}
