import RiskregModel

/// Findings of a findings section (What went wrong, Lessons learned, Root causes, …): each
/// sub-heading is one, else each top-level list item and each paragraph with a bold lead-in.
/// Prose without a title is the section's text, not a finding.
enum FindingParser {
    static func findings(in section: Section, tree: MarkdownTree) -> [Finding] {
        let blocks = section.blocks
        // Sub-headings: `### Finding 1: Title`, `### 1. Title`.
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
        // List items and bold lead-ins, in document order.
        var findings: [Finding] = []
        var current: (title: String, line: Int, lead: MarkdownNode, nodes: [MarkdownNode])?
        func close() {
            if let done = current {
                findings.append(Finding(title: done.title, html: tree.renderHTML(of: done.nodes, droppingLead: done.lead), line: done.line))
            }
            current = nil
        }
        for block in blocks {
            if block.kind == .list {
                close()
                for item in block.children {
                    guard let first = item.children.first else { continue }
                    if first.kind == .paragraph, let lead = first.children.first, lead.kind == .strong {
                        let title = cleanTitle(lead.plainText())
                        guard !title.isEmpty else { continue }
                        findings.append(Finding(title: title, html: tree.renderHTML(of: Array(item.children), droppingLead: lead), line: item.line))
                        continue
                    }
                    let title = cleanTitle(firstSentence(first.plainText(breaks: " ")))
                    guard !title.isEmpty else { continue }
                    // A one-sentence item is all title: no body to repeat under it.
                    let whole = item.children.count == 1 && first.kind == .paragraph && cleanTitle(first.plainText(breaks: " ")) == title
                    findings.append(Finding(title: title, html: whole ? "" : tree.renderHTML(of: item.children), line: item.line))
                }
            } else if block.kind == .paragraph, let lead = block.children.first, lead.kind == .strong {
                close()
                current = (cleanTitle(lead.plainText()), block.line, lead, [block])
            } else {
                current?.nodes.append(block)
            }
        }
        close()
        return findings
    }

    /// Without its numbering (`1.`, `Finding 2:`) and trailing punctuation.
    static func cleanTitle(_ text: String) -> String {
        var title = Substring(text.trimmedSpaces)
        if TextScan.lowercasedHasASCIIPrefix(title, "finding") {
            let rest = title.dropFirst("finding".count).drop { $0 == " " }
            let digits = rest.prefix { $0.isNumber }
            if !digits.isEmpty {
                title = rest.dropFirst(digits.count).drop { " :.)—–-".contains($0) }
            }
        }
        let number = title.prefix { $0.isNumber }
        if !number.isEmpty, let next = title.dropFirst(number.count).first, next == "." || next == ")" {
            title = title.dropFirst(number.count + 1)
        }
        func strip(_ char: Character) -> Bool { char == " " || char == "." || char == ":" || char == "—" || char == "–" }
        let head = title.drop(while: strip)
        guard let last = head.lastIndex(where: { !strip($0) }) else { return "" }
        return String(head[...last])
    }

    /// Text up to the first sentence end (`.`, `!` or `?` before a space or the end), or all of it.
    static func firstSentence(_ text: String) -> String {
        var previous: Character = " "
        for index in text.indices {
            let char = text[index]
            if char == " " || char == "\n", ".!?".contains(previous) {
                return String(text[..<index])
            }
            previous = char
        }
        return text
    }
}
