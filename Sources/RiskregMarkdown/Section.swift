import RiskregModel

/// The sections riskreg recognises in a ship log, by heading text whatever its level or style.
package enum SectionKind: String, Sendable, CaseIterable {
    case summary, metrics, method, findings, actions, checklist

    private static let synonyms: [(SectionKind, [String])] = [
        (.summary, ["summary", "tldr", "tl dr", "overview", "executive summary"]),
        (.metrics, ["headline numbers", "key metrics", "results", "numbers", "metrics", "headline metrics", "key numbers"]),
        (.method, ["method", "procedure", "methodology", "how we ran it"]),
        (.findings, ["findings", "real findings", "what we learned", "key findings", "lessons learned", "lessons"]),
        (.actions, ["action items", "follow ups", "followups", "follow up", "next steps", "todo", "to do", "actions", "follow up items"]),
        (.checklist, ["lockstep checklist", "checklist", "ship checklist", "shipping checklist"]),
    ]

    /// The section a heading opens, if any: its words equal a synonym or start with one.
    package init?(heading: String) {
        let text = TextScan.normalizedHeading(heading)
        for (kind, names) in Self.synonyms {
            for name in names where text == name || text.hasPrefix(name + " ") {
                self = kind
                return
            }
        }
        return nil
    }
}

/// A recognised section: its heading and the blocks under it.
package struct Section {
    package var kind: SectionKind
    package var heading: MarkdownNode
    package var blocks: [MarkdownNode]
}

extension Section {
    /// Cuts a document's top-level blocks into recognised sections. A section runs until the
    /// next heading of the same or a higher level, or the next recognised heading of any level.
    package static func sections(of document: MarkdownNode) -> [Section] {
        let blocks = document.children
        // Classify each heading once.
        let kinds = blocks.map { $0.kind == .heading ? SectionKind(heading: $0.plainText()) : nil }
        var sections: [Section] = []
        var index = 0
        while index < blocks.count {
            let block = blocks[index]
            index += 1
            guard block.kind == .heading, let kind = kinds[index - 1] else { continue }
            var body: [MarkdownNode] = []
            var cursor = index
            while cursor < blocks.count {
                let next = blocks[cursor]
                if next.kind == .heading, next.headingLevel <= block.headingLevel || kinds[cursor] != nil {
                    break
                }
                body.append(next)
                cursor += 1
            }
            sections.append(Section(kind: kind, heading: block, blocks: body))
        }
        return sections
    }
}
