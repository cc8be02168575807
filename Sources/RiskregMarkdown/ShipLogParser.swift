import Foundation
import RiskregModel

/// Turns one ship log's markdown into a `Drill`, reading cmark's AST only.
package struct ShipLogParser {
    package var path: String

    package func parse(frontMatter: FrontMatter, tree: MarkdownTree) throws -> Drill {
        let root = tree.root
        let sections = Section.sections(of: root)
        let fileName = (path as NSString).lastPathComponent

        let headings = root.children.filter { $0.kind == .heading }
        let firstTitle = (headings.first { $0.headingLevel == 1 } ?? headings.first)?.plainText()
        let title = frontMatter.fields.title ?? firstTitle ?? (fileName as NSString).deletingPathExtension
        let summaryText = sections.filter { $0.kind == .summary }
            .flatMap(\.blocks).map { $0.plainText() }.joined(separator: "\n")

        guard
            let number = try frontMatterDrill(frontMatter)
                ?? TextScan.drillNumber(inFileName: fileName)
                ?? TextScan.drillNumber(inTitle: title)
        else {
            throw DocumentError(
                path: path, line: nil,
                reason: "no drill identity: add front matter `drill: N`, a file name like 2026-05-08-drill-04-….md, or a title like \"Drill 4 — …\"")
        }

        var date: String?
        if let value = frontMatter.fields.date {
            guard let found = TextScan.firstDate(in: value) else {
                throw DocumentError(path: path, line: 1, reason: "front matter date is not a YYYY-MM-DD date")
            }
            date = found
        } else {
            date = TextScan.firstDate(in: fileName) ?? TextScan.firstDate(in: title)
                ?? TextScan.firstDate(in: summaryText)
        }

        let metrics = sections.filter { $0.kind == .metrics }.flatMap { Self.metrics(in: $0.blocks) }
        let findings = sections.filter { $0.kind == .findings }.flatMap { Self.findings(in: $0, tree: tree) }
        var items: [TaskItem] = []
        for section in sections {
            switch section.kind {
            case .actions: items += Self.taskItems(in: section.blocks, kind: .action)
            case .checklist: items += Self.taskItems(in: section.blocks, kind: .checklist)
            default: break
            }
        }

        let status = try status(frontMatter: frontMatter, title: title, hasResults: !metrics.isEmpty || !findings.isEmpty)

        var mentions: [String] = []
        var seen = Set<String>()
        root.visitProseText { text in
            for token in TextScan.idTokens(in: text) where seen.insert(token).inserted {
                mentions.append(token)
            }
        }
        let declared = frontMatter.fields.risks
        for risk in declared where !TextScan.isIDToken(risk) {
            throw DocumentError(path: path, line: 1, reason: "front matter risks: '\(risk)' is not a risk id like A10")
        }

        var recovery: Double?
        if let text = frontMatter.fields.recovery {
            guard let seconds = TextScan.seconds(in: text) else {
                throw DocumentError(path: path, line: 1, reason: "front matter recovery '\(text)' is not a duration like 75s or 2m")
            }
            recovery = seconds
        } else if let metric = metrics.first(where: { $0.name.lowercased().contains("recover") }) {
            recovery = TextScan.seconds(in: metric.value)
        }

        var environment = frontMatter.fields.environment
        if environment == nil {
            let lower = summaryText.lowercased()
            if lower.contains("production") {
                environment = "production"
            } else if lower.contains("staging") {
                environment = "staging"
            }
        }

        return Drill(
            number: number, date: date, title: title, status: status,
            environment: environment?.lowercased(), declaredRisks: declared, mentions: mentions,
            recoverySeconds: recovery, summary: summaryText, metrics: metrics, findings: findings,
            items: items, html: tree.renderHTML())
    }

    private func frontMatterDrill(_ frontMatter: FrontMatter) throws -> Int? {
        guard let text = frontMatter.fields.drill else { return nil }
        if let number = Int(text.drop { $0 == "#" }), number >= 0 { return number }
        if let number = TextScan.drillNumber(inTitle: "drill " + text) {
            return number
        }
        throw DocumentError(path: path, line: 1, reason: "front matter drill: must be a number like 4")
    }

    private func status(frontMatter: FrontMatter, title: String, hasResults: Bool) throws -> Drill.Status {
        if let text = frontMatter.fields.status?.lowercased() {
            switch text {
            case "executed", "done", "complete", "completed", "shipped": return .executed
            case "planned", "plan", "scheduled", "draft": return .planned
            case "aborted", "abandoned", "cancelled", "canceled": return .aborted
            default:
                throw DocumentError(path: path, line: 1, reason: "front matter status '\(text)' must be executed, planned or aborted")
            }
        }
        let words = Set(TextScan.normalizedHeading(title).split(separator: " ").map(String.init))
        if !words.isDisjoint(with: ["aborted", "abandoned", "cancelled"]) { return .aborted }
        if !words.isDisjoint(with: ["executed", "completed", "complete"]) { return .executed }
        if !words.isDisjoint(with: ["planned", "plan", "scheduled"]) { return .planned }
        return hasResults ? .executed : .planned
    }

    // MARK: Headline numbers

    package static func metrics(in blocks: [MarkdownNode]) -> [Metric] {
        var metrics: [Metric] = []
        func add(_ line: String, at lineNumber: Int) {
            guard let (key, value) = TextScan.keyValue(line) else { return }
            let parsed = TextScan.leadingNumber(value)
            metrics.append(Metric(name: key, value: value, number: parsed?.number, unit: parsed?.unit, line: lineNumber))
        }
        for block in blocks {
            switch block.kind {
            case .list:
                for item in block.children {
                    guard let paragraph = item.children.first, paragraph.kind == .paragraph else { continue }
                    add(paragraph.plainText(), at: item.line)
                }
            case .paragraph:
                let lines = block.plainText(breaks: "\n").split(separator: "\n", omittingEmptySubsequences: false)
                if lines.first?.trimmedSpaces.hasPrefix("|") == true {
                    metrics += table(lines: lines.map(String.init), firstLine: block.line)
                } else {
                    for (offset, line) in lines.enumerated() { add(String(line), at: block.line + offset) }
                }
            default:
                continue
            }
        }
        return metrics
    }

    /// A two-column pipe table (cmark 0.30 sees it as a paragraph): header, separator, rows.
    private static func table(lines: [String], firstLine: Int) -> [Metric] {
        func cells(_ line: String) -> [String] {
            var trimmed = line.trimmedSpaces
            if trimmed.hasPrefix("|") { trimmed.removeFirst() }
            if trimmed.hasSuffix("|") { trimmed.removeLast() }
            return trimmed.split(separator: "|", omittingEmptySubsequences: false)
                .map(\.trimmedSpaces)
        }
        guard lines.count >= 2 else { return [] }
        let separator = cells(lines[1])
        guard separator.count == 2, separator.allSatisfy({ !$0.isEmpty && $0.allSatisfy { "-: ".contains($0) } }) else {
            return []
        }
        var metrics: [Metric] = []
        for (offset, line) in lines.enumerated().dropFirst(2) {
            let row = cells(line)
            guard row.count == 2, !row[0].isEmpty, !row[1].isEmpty else { continue }
            let parsed = TextScan.leadingNumber(row[1])
            metrics.append(Metric(name: row[0], value: row[1], number: parsed?.number, unit: parsed?.unit, line: firstLine + offset))
        }
        return metrics
    }

    // MARK: Findings

    package static func findings(in section: Section, tree: MarkdownTree) -> [Finding] {
        let blocks = section.blocks
        func cleanTitle(_ text: String) -> String {
            var title = Substring(text.trimmedSpaces)
            let number = title.prefix { $0.isNumber }
            if !number.isEmpty, let next = title.dropFirst(number.count).first, next == "." || next == ")" {
                title = title.dropFirst(number.count + 1)
            }
            let strip: Set<Character> = [" ", ".", ":", "—", "–"]
            return String(title.drop { strip.contains($0) }.reversed().drop { strip.contains($0) }.reversed())
        }
        // 1. Sub-headings: `### 1. Title`.
        if let level = blocks.first(where: { $0.kind == .heading })?.headingLevel {
            var findings: [Finding] = []
            var index = 0
            while index < blocks.count {
                let block = blocks[index]
                index += 1
                guard block.kind == .heading, block.headingLevel == level else { continue }
                var body: [MarkdownNode] = []
                while index < blocks.count, !(blocks[index].kind == .heading && blocks[index].headingLevel <= level) {
                    body.append(blocks[index])
                    index += 1
                }
                findings.append(Finding(title: cleanTitle(block.plainText()), html: tree.renderHTML(of: body), line: block.line))
            }
            return findings
        }
        // 2. List items: numbered or bulleted.
        if let list = blocks.first(where: { $0.kind == .list }) {
            return list.children.compactMap { item in
                guard let first = item.children.first else { return nil }
                let title: String
                if first.kind == .paragraph, let lead = first.children.first, lead.kind == .strong {
                    title = cleanTitle(lead.plainText())
                } else {
                    title = cleanTitle(Self.firstSentence(String(first.plainText(breaks: "\n").prefix { $0 != "\n" })))
                }
                return Finding(title: title, html: tree.renderHTML(of: item.children), line: item.line)
            }
        }
        // 3. Paragraphs with bold lead-ins.
        var findings: [Finding] = []
        var current: (title: String, line: Int, nodes: [MarkdownNode])?
        for block in blocks {
            if block.kind == .paragraph, let lead = block.children.first, lead.kind == .strong {
                if let done = current {
                    findings.append(Finding(title: done.title, html: tree.renderHTML(of: done.nodes), line: done.line))
                }
                current = (cleanTitle(lead.plainText()), block.line, [block])
            } else {
                current?.nodes.append(block)
            }
        }
        if let done = current {
            findings.append(Finding(title: done.title, html: tree.renderHTML(of: done.nodes), line: done.line))
        }
        return findings
    }

    /// Text up to the first sentence end (". ", "! ", "? "), or all of it.
    package static func firstSentence(_ text: String) -> String {
        var previous: Character = " "
        for index in text.indices {
            let char = text[index]
            if char == " ", ".!?".contains(previous) {
                return String(text[..<index])
            }
            previous = char
        }
        return text
    }

    // MARK: Task items

    /// Task items anywhere under `blocks`, nested lists included.
    package static func taskItems(in blocks: [MarkdownNode], kind: TaskItem.Kind) -> [TaskItem] {
        var items: [TaskItem] = []
        func visit(_ node: MarkdownNode) {
            if node.kind == .item, let item = taskItem(node, kind: kind) {
                items.append(item)
            }
            guard node.kind == .list || node.kind == .item || node.kind == .blockQuote else { return }
            for child in node.children { visit(child) }
        }
        for block in blocks { visit(block) }
        return items
    }

    /// The task item a list item is, if its first text starts with `[ ]`, `[x]` or `[X]`.
    package static func taskItem(_ item: MarkdownNode, kind: TaskItem.Kind) -> TaskItem? {
        guard let paragraph = item.children.first, paragraph.kind == .paragraph else { return nil }
        let text = paragraph.plainText()
        guard text.count >= 3 else { return nil }
        let box = text.prefix(3)
        let done: Bool
        switch box {
        case "[ ]": done = false
        case "[x]", "[X]": done = true
        default: return nil
        }
        let rest = text.dropFirst(3)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        let body = rest.trimmedSpaces
        var prose = ""
        paragraph.visitProseText { prose += $0 + " " }
        let artifact = paragraph.children.first { $0.kind == .code && TextScan.isPathLike($0.literal) }?.literal
        return TaskItem(
            kind: kind, text: body, done: done, line: paragraph.line, boxColumn: paragraph.column,
            artifact: artifact, owner: TextScan.owners(in: prose).first, due: TextScan.dueDate(in: body),
            refs: TextScan.references(in: prose))
    }
}
