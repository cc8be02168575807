import Foundation
import RiskregModel

/// Reads a register document: `# R20 — Availability risk register`, then one `##` per risk.
package struct RegisterParser {
    package var path: String

    /// The register id a document declares, if it is a register: front matter `register: R20`,
    /// or a first level-1 heading that starts with an id and calls itself a register.
    package static func registerID(frontMatter: FrontMatter, root: MarkdownNode) -> (id: String, title: String)? {
        registerID(frontMatter: frontMatter, root: root, sections: Section.sections(of: root))
    }

    /// The same, with the document's sections already cut.
    package static func registerID(frontMatter: FrontMatter, root: MarkdownNode, sections: [Section]) -> (id: String, title: String)? {
        let heading = root.children.first { $0.kind == .heading }
        // A write-up may name its register (`register: R20`); with a drill number, a date, an id,
        // a kind or record sections it is a record, not the register document.
        let fields = frontMatter.fields
        if fields.drill != nil || fields.date != nil || fields.id != nil || fields.kind != nil
            || sections.contains(where: { $0.kind != .summary && $0.kind != .date })
        {
            return nil
        }
        if let declared = fields.register {
            let title = frontMatter.fields.title ?? heading.map { TextScan.leadingID($0.plainText())?.rest ?? $0.plainText() } ?? declared
            return (declared, title)
        }
        guard let heading, heading.headingLevel == 1 else { return nil }
        let text = heading.plainText()
        guard let (id, rest) = TextScan.leadingID(text), TextScan.containsASCII(text.lowercased(), "register") ?? text.lowercased().contains("register") else { return nil }
        return (id, rest)
    }

    package func parse(id: String, title: String, root: MarkdownNode, tree: MarkdownTree) throws -> Register {
        guard TextScan.isIDToken(id) else {
            throw DocumentError(path: path, line: 1, reason: "register id '\(id)' must be a capital letter and digits, like R20")
        }
        var risks: [Risk] = []
        var firstLine: [String: Int] = [:]
        let blocks = root.children
        var index = 0
        while index < blocks.count {
            let block = blocks[index]
            index += 1
            guard block.kind == .heading, block.headingLevel == 2,
                let (riskID, riskTitle) = TextScan.leadingID(block.plainText())
            else { continue }
            var body: [MarkdownNode] = []
            while index < blocks.count, !(blocks[index].kind == .heading && blocks[index].headingLevel <= 2) {
                body.append(blocks[index])
                index += 1
            }
            if let earlier = firstLine[riskID] {
                throw DocumentError(path: path, line: block.line,
                                  reason: "risk \(riskID) is defined twice (first at \(path):\(earlier)); give one of them another id")
            }
            firstLine[riskID] = block.line
            risks.append(try risk(id: riskID, title: riskTitle, heading: block, body: body, tree: tree))
        }
        return Register(id: id, title: title, path: path, risks: risks)
    }

    private func risk(id: String, title: String, heading: MarkdownNode, body: [MarkdownNode], tree: MarkdownTree) throws -> Risk {
        var risk = Risk(
            id: id, registerID: "", title: title, descriptionHTML: "", descriptionText: "", rank: nil,
            likelihood: nil, impact: nil, owner: nil, expectedRecovery: nil, expectedRecoverySeconds: nil,
            verification: nil, drillEveryDays: nil, status: nil, fields: [], line: heading.line, path: path)
        var description = body
        if let list = body.first, list.kind == .list {
            var fieldItems: [(String, String, Int)] = []
            for item in list.children {
                guard item.children.count == 1, let paragraph = item.children.first, paragraph.kind == .paragraph,
                    let (key, value) = TextScan.keyValue(paragraph.plainText())
                else {
                    fieldItems = []
                    break
                }
                fieldItems.append((key, value, item.line))
            }
            if !fieldItems.isEmpty {
                description.removeFirst()
                for (key, value, line) in fieldItems {
                    try apply(key: key, value: value, line: line, to: &risk)
                }
            }
        }
        risk.descriptionHTML = tree.renderHTML(of: description)
        risk.descriptionText = description.map { $0.plainText() }.joined(separator: "\n\n")
        return risk
    }

    private func apply(key: String, value: String, line: Int, to risk: inout Risk) throws {
        risk.fields.append(Risk.Field(key: key, value: value))
        func number(_ range: ClosedRange<Int>?) throws -> Int {
            let digits = value.drop { $0 == "#" }.prefix { $0.isNumber }
            guard let number = Int(digits), range.map({ $0.contains(number) }) ?? (number > 0) else {
                let expected = range.map { "a number from \($0.lowerBound) to \($0.upperBound)" } ?? "a positive number"
                throw DocumentError(path: path, line: line, reason: "risk \(risk.id) \(key) '\(value)' must be \(expected)")
            }
            return number
        }
        switch TextScan.normalizedHeading(key) {
        case "rank": risk.rank = try number(nil)
        case "likelihood": risk.likelihood = try number(1...5)
        case "impact": risk.impact = try number(1...5)
        case "owner": risk.owner = value
        case "status": risk.status = value.lowercased()
        case "verification", "verification method": risk.verification = value
        case "expected recovery", "expected recovery time", "recovery", "rto":
            risk.expectedRecovery = value
            guard let seconds = TextScan.seconds(in: value) else {
                throw DocumentError(path: path, line: line, reason: "risk \(risk.id) \(key) '\(value)' must be a duration like 30s or 5m")
            }
            risk.expectedRecoverySeconds = seconds
        case "drill every", "drill cadence", "cadence":
            guard let days = TextScan.days(in: value) else {
                throw DocumentError(path: path, line: line, reason: "risk \(risk.id) \(key) '\(value)' must be a period like 90 days")
            }
            risk.drillEveryDays = days
        default:
            break
        }
    }
}
