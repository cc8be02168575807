import RiskregModel

/// The sections riskreg recognises in a write-up, by heading text whatever its level or style
/// (ATX, setext, or a paragraph that is only bold text), with emoji or numbering in front.
package enum SectionKind: String, Sendable, CaseIterable {
    case summary, metrics, method, findings, actions, checklist, date

    private static let synonyms: [(SectionKind, [String])] = [
        (.summary, ["summary", "tldr", "tl dr", "overview", "executive summary"]),
        (.metrics, ["headline numbers", "key metrics", "results", "numbers", "metrics", "headline metrics", "key numbers", "impact"]),
        (.method, ["method", "procedure", "methodology", "how we ran it"]),
        (.findings, ["findings", "real findings", "critical findings", "what we learned", "key findings", "lessons learned", "lessons",
                     "observations", "what went wrong", "what went well", "contributing factors", "root cause", "root causes"]),
        (.actions, ["action items", "follow ups", "followups", "follow up", "next steps", "todo", "to do", "actions", "follow up items",
                    "corrective actions", "recommendations", "remediation", "remediations", "preventing this from happening again",
                    "remediation items", "action plan"]),
        (.checklist, ["lockstep checklist", "checklist", "ship checklist", "shipping checklist"]),
        (.date, ["date", "when"]),
    ]

    /// The synonyms as bytes, in `synonyms` order. Normalized headings and synonyms are both
    /// lowercase ASCII words, so comparing bytes is comparing the strings.
    private static let synonymBytes: [(SectionKind, [UInt8])] = synonyms.flatMap { kind, names in
        names.map { (kind, Array($0.utf8)) }
    }

    /// The section a heading opens, if any: its words equal a synonym or start with one.
    package init?(heading: String) {
        guard let (kind, _) = Self.match(TextScan.normalizedHeading(heading)) else { return nil }
        self = kind
    }

    /// Whether a section's heading may stand as a bold paragraph only if it names the section
    /// exactly (`**Follow-ups**`), not as a prefix of a longer bold sentence.
    package init?(boldParagraph text: String) {
        let words = TextScan.normalizedHeading(text)
        guard let (kind, _) = Self.match(words) else { return nil }
        let bytes = Array(words.utf8)
        guard Self.synonymBytes.contains(where: { $0.0 == kind && $0.1 == bytes }) else { return nil }
        self = kind
    }

    /// The first synonym (in `synonyms` order) that `words` equals or starts with, then a space.
    private static func match(_ words: String) -> (SectionKind, [UInt8])? {
        var words = words
        return words.withUTF8 { text in
            for (kind, name) in synonymBytes where text.count >= name.count {
                guard text.count == name.count || text[name.count] == 32 else { continue }
                if name.elementsEqual(text[0..<name.count]) {
                    return (kind, name)
                }
            }
            return nil
        }
    }
}

/// A recognised section: its heading and the blocks under it.
package struct Section {
    package var kind: SectionKind
    package var heading: MarkdownNode
    package var blocks: [MarkdownNode]
}

extension Section {
    /// The heading level a block stands for: 1–6 for headings, 7 for a paragraph that is only
    /// bold text naming a section, nil otherwise.
    package static func headingLevel(of block: MarkdownNode) -> Int? {
        if block.kind == .heading { return block.headingLevel }
        if isBoldOnly(block), SectionKind(boldParagraph: block.plainText()) != nil { return 7 }
        return nil
    }

    /// A paragraph whose only content is one strong span (`**Follow-ups**`).
    package static func isBoldOnly(_ block: MarkdownNode) -> Bool {
        guard block.kind == .paragraph else { return false }
        var strong = false
        for child in block.children where !child.isWhitespaceText {
            guard !strong, child.kind == .strong else { return false }
            strong = true
        }
        return strong
    }

    /// Cuts a document's top-level blocks into recognised sections. A section runs until the
    /// next heading of the same or a higher level, or the next recognised heading of any level;
    /// a bold-paragraph section runs to the next heading of any level.
    package static func sections(of document: MarkdownNode) -> [Section] {
        let blocks = document.children
        // Classify each heading once.
        let levels = blocks.map(headingLevel(of:))
        let kinds = blocks.indices.map { index -> SectionKind? in
            guard let level = levels[index] else { return nil }
            return level == 7 ? SectionKind(boldParagraph: blocks[index].plainText()) : SectionKind(heading: blocks[index].plainText())
        }
        var sections: [Section] = []
        var index = 0
        while index < blocks.count {
            let block = blocks[index]
            let level = levels[index] ?? 0
            index += 1
            guard let kind = kinds[index - 1] else { continue }
            var cursor = index
            while cursor < blocks.count {
                if let next = levels[cursor], level == 7 || next == 7 || next <= level || kinds[cursor] != nil {
                    break
                }
                cursor += 1
            }
            // Made at its full length at once, not grown block by block.
            sections.append(Section(kind: kind, heading: block, blocks: (index..<cursor).map { blocks[$0] }))
        }
        return sections
    }
}
