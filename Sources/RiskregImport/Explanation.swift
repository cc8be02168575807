import Foundation
import RiskregMarkdown
import RiskregModel

/// `riskreg explain FILE`: what riskreg reads in one file and where each fact came from, without
/// touching the register. This is how a user finds out why a fact is missing.
package struct Explanation: Encodable, Sendable {
    package struct Metric: Encodable, Sendable { package var name: String; package var value: String; package var line: Int }
    package struct Finding: Encodable, Sendable { package var title: String; package var line: Int }
    package struct Item: Encodable, Sendable {
        package var kind: String
        package var text: String
        package var done: Bool
        package var owner: String?
        package var due: String?
        package var artifact: String?
        package var line: Int
        /// Whether `riskreg tick` can edit it (it has a `[ ]` box).
        package var tickable: Bool
    }

    package var path: String
    /// `record`, `register`, `skipped` or `refused`.
    package var outcome: String
    /// Why it was skipped or refused.
    package var reason: String?
    package var id: String?
    package var kind: String?
    package var number: Int?
    package var title: String?
    package var date: String?
    package var status: String?
    package var facts: [Reading.Fact] = []
    package var metrics: [Metric] = []
    package var findings: [Finding] = []
    package var items: [Item] = []
    package var riskMentions: [String] = []
    package var unrecognisedHeadings: [Reading.Heading] = []
    package var warnings: [String] = []
    /// For a register document: its id and risk ids.
    package var register: String?
    package var risks: [String] = []

    /// Reads and explains the file at `path` (shown as `display`), refusing what import refuses.
    package init(path: String, display: String, parser: DocumentParser = DocumentParser()) {
        self.path = display
        outcome = "refused"
        var info = stat()
        guard stat(path, &info) == 0 else {
            reason = "cannot be read: \(String(cString: strerror(errno)))"
            return
        }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            reason = "not a regular file (a folder, FIFO, device or socket)"
            return
        }
        guard Int(info.st_size) <= parser.maxBytes else {
            reason = "file is \(info.st_size) bytes, over the \(parser.maxBytes)-byte limit for a write-up"
            return
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            reason = "cannot be read: permission denied"
            return
        }
        do {
            switch try parser.parse(path: display, data: data) {
            case .register(let register):
                outcome = "register"
                self.register = register.id
                title = register.title
                risks = register.risks.map(\.id)
            case .skipped(let why):
                outcome = "skipped"
                reason = why
            case .shipLog(let drill, let reading):
                outcome = "record"
                id = drill.id
                kind = drill.kind.rawValue
                number = drill.number
                title = drill.title
                date = drill.date
                status = drill.status.rawValue
                facts = reading.facts
                metrics = drill.metrics.map { Metric(name: $0.name, value: $0.value, line: $0.line) }
                findings = drill.findings.map { Finding(title: $0.title, line: $0.line) }
                items = drill.items.map {
                    Item(kind: $0.kind.rawValue, text: $0.text, done: $0.done, owner: $0.owner, due: $0.due, artifact: $0.artifact,
                         line: $0.line, tickable: $0.boxColumn > 0)
                }
                riskMentions = drill.declaredRisks + drill.mentions.filter { !drill.declaredRisks.contains($0) }
                unrecognisedHeadings = reading.unrecognisedHeadings
                warnings = reading.warnings
            }
        } catch let error as DocumentError {
            reason = error.errorDescription
        } catch {
            reason = "\(error)"
        }
    }

    /// The explanation as lines for a terminal.
    package var text: String {
        var out = "\(path): \(outcome)"
        if let reason { out += " — \(reason)" }
        out += "\n"
        if let register {
            out += "register \(register) — \(title ?? "")\nrisks: \(risks.joined(separator: ", "))\n"
            return out
        }
        guard outcome == "record" else { return out }
        out += "\nIdentity and facts\n"
        for fact in facts {
            let place = fact.line.map { "\(fact.source), line \($0)" } ?? fact.source
            out += "  \(fact.field.padding(toLength: 8, withPad: " ", startingAt: 0)) \(fact.value)  ← \(place)\n"
        }
        if date == nil { out += "  date     (none: add `date: YYYY-MM-DD` to the front matter or a `Date:` line near the top)\n" }
        out += "\nHeadline numbers (\(metrics.count))\n"
        for metric in metrics { out += "  line \(metric.line): \(metric.name) = \(metric.value)\n" }
        out += "\nFindings (\(findings.count))\n"
        for finding in findings { out += "  line \(finding.line): \(finding.title)\n" }
        out += "\nItems (\(items.count))\n"
        for item in items {
            var facts = [item.kind, item.done ? "done" : "open"]
            if let owner = item.owner { facts.append("owner \(owner)") }
            if let due = item.due { facts.append("due \(due)") }
            if let artifact = item.artifact { facts.append("artifact \(artifact)") }
            if !item.tickable { facts.append("no [ ] box") }
            out += "  line \(item.line): [\(item.done ? "x" : " ")] \(item.text)  (\(facts.joined(separator: ", ")))\n"
        }
        out += "\nRisk ids mentioned: \(riskMentions.isEmpty ? "none" : riskMentions.joined(separator: ", "))\n"
        if !unrecognisedHeadings.isEmpty {
            out += "\nHeadings not recognised as sections (their content is kept in the log, not read as facts)\n"
            for heading in unrecognisedHeadings { out += "  line \(heading.line): \(heading.text)\n" }
        }
        for warning in warnings { out += "\nwarning: \(warning)\n" }
        return out
    }
}
