import Foundation
import RiskregModel

/// Turns one write-up (a drill's ship log, a game day or DR-test report, an incident review) into
/// a `Drill` record, reading cmark's AST only, the way a careful reader would: identity and date
/// from wherever the author put them, sections by heading text in any style, action items
/// whether or not they are task lists, findings as titled entries. Each fact keeps its source
/// (`Reading`), so `riskreg explain` can say where it came from.
package struct RecordParser {
    package var path: String
    /// Whether to say where each fact came from and which headings were not read
    /// (`Reading.facts`, `Reading.unrecognisedHeadings`), for `riskreg explain`. An import
    /// keeps only warnings, and leaves this off: the sources' strings were a tenth of its
    /// parsing.
    package var explains: Bool

    package init(path: String, explains: Bool = true) {
        self.path = path
        self.explains = explains
    }

    /// Reliability figures read from `Key: value` lines near the top, outside a results section.
    static let headlineKeys: Set<String> = [
        "duration", "downtime", "time to detect", "mttd", "time to recover", "time to recovery", "time to resolve",
        "time to mitigate", "mttr", "rto", "rpo", "impact", "error rate", "recovery", "recovery time",
    ]

    /// Lines of the body searched for a date when the front matter, file name and title give none.
    static let dateSearchLines = 20

    package func parse(frontMatter: FrontMatter, tree: MarkdownTree) throws -> ParsedDocument {
        try parse(frontMatter: frontMatter, tree: tree, sections: Section.sections(of: tree.root))
    }

    /// The same, with the document's sections already cut.
    package func parse(frontMatter: FrontMatter, tree: MarkdownTree, sections: [Section]) throws -> ParsedDocument {
        let root = tree.root
        var reading = Reading()
        let explains = self.explains
        func fact(_ make: @autoclosure () -> Reading.Fact) {
            if explains { reading.facts.append(make()) }
        }
        let (fileName, stem, folder) = Self.pathNames(path)
        let folders = folder.split(separator: "/").map(String.init).reversed()
        let fields = frontMatter.fields
        func fmLine(_ key: String) -> Int { frontMatter.line(of: key) ?? 1 }

        // Title.
        let headings = root.children.filter { $0.kind == .heading }
        let titleHeading = headings.first { $0.headingLevel == 1 } ?? headings.first
        let title: String
        if let declared = fields.title {
            title = declared
            fact(.init(field: "title", value: title, source: "front matter", line: fmLine("title")))
        } else if let heading = titleHeading {
            title = heading.plainText().trimmedSpaces
            fact(.init(field: "title", value: title, source: "heading", line: heading.line))
        } else {
            title = stem
            fact(.init(field: "title", value: title, source: "file name"))
        }

        // Number and id.
        var number: Int?
        if let text = fields.drill {
            guard let parsed = Self.drillNumber(text) else {
                throw DocumentError(path: path, line: fmLine("drill"), reason: "front matter drill: '\(text)' must be a number from 0 to 999999, like 4")
            }
            number = parsed
            fact(.init(field: "number", value: String(parsed), source: "front matter", line: fmLine("drill")))
        } else if let parsed = TextScan.drillNumber(inFileName: fileName) {
            number = parsed
            fact(.init(field: "number", value: String(parsed), source: "file name"))
        } else if let parsed = TextScan.drillNumber(inTitle: title) {
            number = parsed
            fact(.init(field: "number", value: String(parsed), source: "title", line: titleHeading?.line))
        }
        let id: String
        if let declared = fields.id {
            guard Self.isValidID(declared) else {
                throw DocumentError(path: path, line: fmLine("id"), reason: "front matter id: '\(declared)' must be 1–80 letters, digits, '-', '_' or '.', starting with a letter or digit")
            }
            id = declared
            fact(.init(field: "id", value: id, source: "front matter", line: fmLine("id")))
        } else if let number {
            id = String(number)
            fact(.init(field: "id", value: id, source: "the drill number"))
        } else {
            id = Self.slug(stem)
            fact(.init(field: "id", value: id, source: "slug of the file name"))
        }

        // Date.
        var date: String?
        var ambiguous: String?
        if let text = fields.date {
            guard case .day(let day, _)? = DateScan.first(in: text) else {
                throw DocumentError(path: path, line: fmLine("date"), reason: "front matter date '\(text)' is not a real day; write it as YYYY-MM-DD")
            }
            date = day
            fact(.init(field: "date", value: day, source: "front matter", line: fmLine("date")))
        } else if let found = Self.isoDate(in: stem) {
            guard case .day(let day, _) = found else {
                throw DocumentError(path: path, line: nil, reason: "the file name's date \(Self.literal(found)) is not a real day; rename the file with a YYYY-MM-DD date")
            }
            date = day
            fact(.init(field: "date", value: day, source: "file name"))
        } else {
            let candidates: [(text: String, source: String, line: Int?)] =
                [(title, "title", titleHeading?.line)] + bodyLines(frontMatter).map { ($0.text, "body", $0.line) }
            for candidate in candidates {
                guard let found = DateScan.first(in: candidate.text) else { continue }
                switch found {
                case .day(let day, _):
                    date = day
                    fact(.init(field: "date", value: day, source: candidate.source, line: candidate.line))
                case .ambiguous(let literal):
                    ambiguous = literal
                    reading.warnings.append("date '\(literal)' is ambiguous (day/month); give the date as YYYY-MM-DD")
                case .invalid(let literal):
                    throw DocumentError(path: path, line: candidate.line, reason: "date '\(literal)' is not a real day; write it as YYYY-MM-DD")
                }
                break
            }
        }

        // Kind.
        var kind: RecordKind?
        if let text = fields.kind {
            guard let parsed = RecordKind(frontMatter: text) else {
                throw DocumentError(path: path, line: fmLine("kind"), reason: "front matter kind '\(text)' must be drill (game-day, dr-test, chaos-experiment, exercise) or incident (postmortem, outage, rca, retro)")
            }
            kind = parsed
            fact(.init(field: "kind", value: parsed.rawValue, source: "front matter", line: fmLine("kind")))
        } else {
            for (text, source) in [(title, "title"), (stem, "file name")] + folders.map({ ($0, "folder \($0)") }) {
                if let parsed = RecordKind(words: text) {
                    kind = parsed
                    fact(.init(field: "kind", value: parsed.rawValue, source: source))
                    break
                }
            }
        }

        // A README or notes file: nothing says it is a record.
        if !frontMatter.isPresent, date == nil, ambiguous == nil, number == nil, sections.isEmpty {
            return .skipped(reason: "not a record: no front matter, date, drill number or known section (Summary, Findings, Action items, …)")
        }
        let recordKind = kind ?? .drill
        if kind == nil { fact(.init(field: "kind", value: "drill", source: "default (no kind words in title, file name or folder)")) }

        for section in sections where explains {
            fact(.init(field: "section", value: section.kind.rawValue,
                       source: "heading \"\(section.heading.plainText().trimmedSpaces)\"", line: section.heading.line))
        }
        let recognised = explains ? Set(sections.map(\.heading.line)) : []
        for heading in headings where explains && heading.line != titleHeading?.line && !recognised.contains(heading.line) {
            reading.unrecognisedHeadings.append(.init(text: heading.plainText().trimmedSpaces, line: heading.line))
        }

        // Headline numbers: results sections whole; near the top only the common figures.
        var metrics: [Metric] = []
        let firstSectionStart = root.children.firstIndex { block in
            Section.headingLevel(of: block) != nil && block.line != titleHeading?.line
        } ?? root.children.count
        let titleIndex = titleHeading.flatMap { heading in root.children.firstIndex { $0.line == heading.line && $0.kind == .heading } }
        let preambleStart = titleIndex.map { $0 + 1 } ?? 0
        var metricBlocks: [(position: Int, blocks: [MarkdownNode], onlyHeadline: Bool)] = []
        if preambleStart < firstSectionStart {
            metricBlocks.append((preambleStart, Array(root.children[preambleStart..<firstSectionStart]), true))
        }
        for section in sections where section.kind == .metrics || section.kind == .summary {
            metricBlocks.append((section.heading.line, section.blocks, section.kind == .summary))
        }
        for entry in metricBlocks {
            let found = Self.metrics(in: entry.blocks)
            metrics += entry.onlyHeadline ? found.filter { Self.headlineKeys.contains($0.name.lowercased()) } : found
        }
        metrics.sort { $0.line < $1.line }

        let findings = sections.filter { $0.kind == .findings }.flatMap { FindingParser.findings(in: $0, tree: tree) }
        var items: [TaskItem] = []
        for section in sections {
            switch section.kind {
            case .actions: items += ActionItemParser.items(in: section.blocks, kind: .action)
            case .checklist: items += ActionItemParser.items(in: section.blocks, kind: .checklist)
            default: break
            }
        }

        let status = try status(fields: fields, kind: recordKind, title: title, hasResults: !metrics.isEmpty || !findings.isEmpty,
                                line: fmLine("status"))
        if explains {
            let statusSource = fields.status != nil ? "front matter" : recordKind == .incident ? "default for an incident review"
                : Self.titleStatus(title) == nil
                    ? (metrics.isEmpty && findings.isEmpty ? "no results or findings yet" : "it has results or findings") : "title words"
            fact(.init(field: "status", value: status.rawValue, source: statusSource, line: fields.status != nil ? fmLine("status") : nil))
        }

        var mentions: [String] = []
        var seen = Set<String>()
        root.visitProseBytes { text in
            for token in TextScan.idTokens(in: text) where seen.insert(token).inserted {
                mentions.append(token)
            }
        }
        let declared = fields.risks
        for risk in declared where !TextScan.isIDToken(risk) {
            throw DocumentError(path: path, line: fmLine("risks"), reason: "front matter risks: '\(risk)' is not a risk id like A10")
        }

        var recovery: Double?
        if let text = fields.recovery {
            guard let seconds = TextScan.seconds(in: text) else {
                throw DocumentError(path: path, line: fmLine("recovery"), reason: "front matter recovery '\(text)' is not a duration like 75s or 2m (at most \(TextScan.maxSeconds / 86_400) days)")
            }
            recovery = seconds
        } else if let metric = metrics.first(where: { Self.isRecoveryMetric($0.name) }) {
            recovery = TextScan.seconds(in: metric.value)
        }

        let summaryText = sections.filter { $0.kind == .summary }.flatMap(\.blocks).map { $0.plainText() }.joined(separator: "\n")
        var environment = fields.environment
        if environment == nil {
            let preamble = preambleStart < firstSectionStart
                ? root.children[preambleStart..<firstSectionStart].map { $0.plainText() }.joined(separator: "\n") : ""
            let lower = (preamble + "\n" + summaryText).lowercased()
            if TextScan.containsASCII(lower, "production") ?? lower.contains("production") {
                environment = "production"
            } else if TextScan.containsASCII(lower, "staging") ?? lower.contains("staging") {
                environment = "staging"
            }
        }
        let drill = Drill(
            id: id, kind: recordKind, number: number, date: date, title: title, status: status,
            environment: environment?.lowercased(), declaredRisks: declared, mentions: mentions,
            recoverySeconds: recovery, summary: summaryText, metrics: metrics, findings: findings,
            items: items, html: Self.documentHTML(tree))
        return .shipLog(drill, reading)
    }

    /// The whole document as HTML, block by block, with pipe tables (which cmark 0.30 leaves as
    /// paragraphs of `|` text) rendered as tables.
    static func documentHTML(_ tree: MarkdownTree) -> String {
        let blocks = tree.root.children
        guard blocks.contains(where: { block in
            guard block.kind == .paragraph, let first = block.children.first, first.literalStarts(with: UInt8(ascii: "|")) else { return false }
            return first.literal.hasPrefix("|")
        }) else {
            return tree.renderHTML()
        }
        var html = ""
        for block in blocks {
            if block.kind == .paragraph,
                let table = PipeTable(lines: TextScan.lines(block.plainText(breaks: "\n")).map(String.init),
                                      firstLine: block.line)
            {
                html += table.html
            } else {
                html += tree.renderHTML(of: CollectionOfOne(block))
            }
        }
        return html
    }

    /// The file name, its stem and the folder of `path`, as `NSString`'s `lastPathComponent`,
    /// `deletingPathExtension` (of the name) and `deletingLastPathComponent` give them. Paths
    /// that are ASCII with single inner slashes (all that the importer makes) are cut on bytes;
    /// others are left to Foundation.
    static func pathNames(_ path: String) -> (fileName: String, stem: String, folder: String) {
        let bytes = Array(path.utf8)
        let simple = bytes.count > 1 && bytes.last != 47 && !bytes.contains(where: { $0 >= 0x80 || $0 == 13 })
            && !zip(bytes, bytes.dropFirst()).contains(where: { $0 == 47 && $1 == 47 })
        guard simple else {
            let fileName = (path as NSString).lastPathComponent
            return (fileName, (fileName as NSString).deletingPathExtension, (path as NSString).deletingLastPathComponent)
        }
        let slash = bytes.lastIndex(of: 47)
        let name = slash.map { bytes[($0 + 1)...] } ?? bytes[...]
        let folder = slash.map { $0 == 0 ? "/" : String(decoding: bytes[..<$0], as: UTF8.self) } ?? ""
        var stem = name
        // The extension starts after the last dot, unless that dot starts the name (".md") or
        // the name is "..".
        if name.count > 1, let dot = name.lastIndex(of: 46), dot != name.startIndex, !name.elementsEqual([46, 46]) {
            stem = name[..<dot]
        }
        return (String(decoding: name, as: UTF8.self), String(decoding: stem, as: UTF8.self), folder)
    }

    private static func isRecoveryMetric(_ name: String) -> Bool {
        let lower = name.lowercased()
        return (TextScan.containsASCII(lower, "recover") ?? lower.contains("recover")) || lower == "mttr"
    }

    /// A front-matter drill number: `4`, `04`, `#4`, `drill 4`.
    static func drillNumber(_ text: String) -> Int? {
        let digits = text.drop { $0 == "#" }
        if !digits.isEmpty, digits.allSatisfy(\.isASCII), digits.allSatisfy(\.isNumber) {
            guard digits.count <= 6, let number = Int(digits) else { return nil }
            return number
        }
        return TextScan.drillNumber(inTitle: "drill " + text)
    }

    /// Ids become file names in the site: letters, digits, `-`, `_`, `.`; no leading dot.
    package static func isValidID(_ id: String) -> Bool {
        guard let first = id.unicodeScalars.first, id.unicodeScalars.count <= 80, first.properties.isAlphabetic || ("0"..."9").contains(first),
            first.isASCII
        else { return false }
        return id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "-_.".unicodeScalars.contains($0)) }
    }

    /// `PM2023-001 - Total node failure` → `pm2023-001-total-node-failure`; a leading date is dropped.
    package static func slug(_ stem: String) -> String {
        var text = Substring(stem)
        if text.count >= 10, Day.isISODate(String(text.prefix(10))) { text = text.dropFirst(10) }
        var out = ""
        var pendingDash = false
        for scalar in text.lowercased().unicodeScalars {
            if scalar.isASCII, scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                if pendingDash, !out.isEmpty { out.append("-") }
                pendingDash = false
                out.unicodeScalars.append(scalar)
            } else {
                pendingDash = true
            }
        }
        return String(out.prefix(80)).isEmpty ? "record" : String(out.prefix(80))
    }

    /// The first ISO-shaped date in a file name (`2025-10-23-dr-test.md`), real or not.
    private static func isoDate(in name: String) -> DateScan.Finding? {
        // Bytes, not a regex: this runs for every file.
        let bytes = Array(name.utf8)
        func digit(_ index: Int) -> Bool { bytes[index] >= 48 && bytes[index] <= 57 }
        var index = 0
        while index + 10 <= bytes.count {
            if (index == 0 || !digit(index - 1)), (0..<10).allSatisfy({ $0 == 4 || $0 == 7 ? bytes[index + $0] == 45 : digit(index + $0) }),
                index + 10 == bytes.count || !digit(index + 10)
            {
                return DateScan.first(in: String(decoding: bytes[index..<(index + 10)], as: UTF8.self))
            }
            index += 1
        }
        return nil
    }

    private static func literal(_ finding: DateScan.Finding) -> String {
        switch finding {
        case .day(_, let text), .ambiguous(let text), .invalid(let text): return text
        }
    }

    /// The first lines of the body with their file line numbers, fenced code left out.
    private func bodyLines(_ frontMatter: FrontMatter) -> [(text: String, line: Int)] {
        var lines: [(String, Int)] = []
        var inFence = false
        var number = frontMatter.lineOffset
        for raw in TextScan.lines(frontMatter.body, maxSplits: Self.dateSearchLines).prefix(Self.dateSearchLines) {
            number += 1
            let line = raw.hasSuffix("\r") ? raw.dropLast() : raw
            let trimmed = line.trimmedSpaces
            if trimmed.hasPrefix("```") || trimmed.hasPrefix("~~~") {
                inFence.toggle()
                continue
            }
            if !inFence { lines.append((String(line), number)) }
        }
        return lines
    }

    private func status(fields: FrontMatterFields, kind: RecordKind, title: String, hasResults: Bool, line: Int) throws -> Drill.Status {
        if kind == .incident {
            guard let text = fields.status?.lowercased() else { return .resolved }
            switch text {
            case "open", "ongoing", "investigating", "monitoring", "active", "mitigated": return .open
            case "resolved", "closed", "done", "complete", "completed", "final", "published": return .resolved
            default:
                throw DocumentError(path: path, line: line, reason: "front matter status '\(text)' must be open or resolved for an incident")
            }
        }
        if let text = fields.status?.lowercased() {
            switch text {
            case "executed", "done", "complete", "completed", "shipped": return .executed
            case "planned", "plan", "scheduled", "draft": return .planned
            case "aborted", "abandoned", "cancelled", "canceled": return .aborted
            default:
                throw DocumentError(path: path, line: line, reason: "front matter status '\(text)' must be executed, planned or aborted")
            }
        }
        return Self.titleStatus(title) ?? (hasResults ? .executed : .planned)
    }

    /// The status a title's words give: aborted before executed before planned.
    static func titleStatus(_ title: String) -> Drill.Status? {
        var found: Drill.Status?
        // The normalized heading is ASCII: its words are split on bytes, not Characters.
        for word in TextScan.normalizedHeading(title).utf8.split(separator: 32) {
            switch String(Substring(word)) {
            case "aborted", "abort", "abandoned", "cancelled": return .aborted
            case "executed", "completed", "complete": found = .executed
            case "planned", "plan", "scheduled": if found == nil { found = .planned }
            default: continue
            }
        }
        return found
    }

    // MARK: Headline numbers

    static func metrics(in blocks: [MarkdownNode]) -> [Metric] {
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
                let lines = TextScan.lines(block.plainText(breaks: "\n"))
                if lines.first?.trimmedSpaces.hasPrefix("|") == true {
                    if let table = PipeTable(lines: lines.map(String.init), firstLine: block.line), table.header.count == 2 {
                        for row in table.rows where !row.cells[0].isEmpty && !row.cells[1].isEmpty {
                            let parsed = TextScan.leadingNumber(row.cells[1])
                            metrics.append(Metric(name: row.cells[0], value: row.cells[1], number: parsed?.number, unit: parsed?.unit, line: row.line))
                        }
                    }
                } else {
                    for (offset, line) in lines.enumerated() { add(String(line), at: block.line + offset) }
                }
            default:
                continue
            }
        }
        return metrics
    }
}
