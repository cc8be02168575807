import Foundation
import RiskregModel

/// Items of an action-items or checklist section, as people write them: every top-level list
/// item (task box or not), bold-titled items with `Owner:` / `Due:` sub-bullets, task boxes
/// nested anywhere, and rows of a table with an action column.
enum ActionItemParser {
    static func items(in blocks: [MarkdownNode], kind: TaskItem.Kind) -> [TaskItem] {
        var items: [TaskItem] = []
        for block in blocks {
            switch block.kind {
            case .list:
                for child in block.children where child.kind == .item { listItem(child, kind: kind, topLevel: true, into: &items) }
            case .blockQuote:
                boxItems(in: Array(block.children), kind: kind, into: &items)
            case .paragraph:
                let lines = TextScan.lines(block.plainText(breaks: "\n")).map(String.init)
                if let table = PipeTable(lines: lines, firstLine: block.line) { items += tableItems(table, kind: kind) }
            default:
                continue
            }
        }
        return items
    }

    /// Task-box items anywhere under `blocks` (inside quotes, say).
    private static func boxItems(in blocks: [MarkdownNode], kind: TaskItem.Kind, into items: inout [TaskItem]) {
        for block in blocks {
            switch block.kind {
            case .list:
                for child in block.children where child.kind == .item { listItem(child, kind: kind, topLevel: false, into: &items) }
            case .blockQuote:
                boxItems(in: Array(block.children), kind: kind, into: &items)
            default:
                continue
            }
        }
    }

    /// The item a list item is (a top-level one always; a nested one only with a task box),
    /// followed by the task-box items nested in it, appended to `items`.
    private static func listItem(_ node: MarkdownNode, kind: TaskItem.Kind, topLevel: Bool, into items: inout [TaskItem]) {
        guard let paragraph = node.children.first, paragraph.kind == .paragraph else {
            boxItems(in: Array(node.children), kind: kind, into: &items)
            return
        }
        let visible = paragraph.plainText().trimmedSpaces
        var box: Bool?
        var text = visible
        if startsWithBox(visible) {
            let rest = visible.dropFirst(3)
            if rest.isEmpty || rest.first == " " || rest.first == "\t" {
                box = visible.prefix(3) != "[ ]"
                text = rest.trimmedSpaces
            }
        }
        // The nested items go in first, and this one before them once its owner and due date
        // (which sub-items may give) are known.
        let slot = items.count
        var subOwner: String?
        var subDue: String?
        for child in node.children.dropFirst() {
            guard child.kind == .list else {
                boxItems(in: [child], kind: kind, into: &items)
                continue
            }
            for sub in child.children where sub.kind == .item {
                if let first = sub.children.first, first.kind == .paragraph, sub.children.count == 1,
                    let (key, value) = TextScan.keyValue(first.plainText().trimmedSpaces)
                {
                    switch key.lowercased() {
                    case "owner", "owners", "who", "assignee":
                        subOwner = subOwner ?? TextScan.firstOwner(in: value) ?? value.trimmedSpaces
                        continue
                    case "due", "due date", "deadline":
                        if Day.isISODate(value.trimmedSpaces) { subDue = subDue ?? value.trimmedSpaces }
                        continue
                    default:
                        break
                    }
                }
                listItem(sub, kind: kind, topLevel: false, into: &items)
            }
        }
        guard topLevel || box != nil else { return }

        var done = box ?? false
        var bracketOwner: String?
        if box == nil, let title = boldTitle(paragraph) {
            let cleaned = clean(title.rest)
            if cleaned.text.isEmpty {
                text = title.title
                done = cleaned.done
                bracketOwner = cleaned.owner
            } else {
                let whole = clean(text)
                (text, done, bracketOwner) = (whole.text, whole.done, whole.owner)
            }
        } else {
            let cleaned = clean(text)
            text = cleaned.text
            done = done || cleaned.done
            bracketOwner = cleaned.owner
        }
        guard !text.isEmpty else { return }
        let prose = paragraph.proseText(separator: 32)
        let item = TaskItem(
            kind: kind, text: text, done: done, line: paragraph.line, boxColumn: box == nil ? 0 : paragraph.column,
            artifact: artifact(in: paragraph), owner: TextScan.firstOwner(in: prose) ?? bracketOwner ?? subOwner,
            due: TextScan.dueDate(in: text) ?? subDue, refs: TextScan.references(in: prose))
        items.insert(item, at: slot)
    }

    /// Whether `text`'s first three Characters are `[ ]`, `[x]` or `[X]`: from the bytes unless a
    /// non-ASCII scalar (a combining mark) follows them.
    static func startsWithBox(_ text: String) -> Bool {
        // The first four bytes, read without copying them out.
        var bytes = text.utf8.makeIterator()
        guard bytes.next() == 91, let box = bytes.next(), box == 32 || box == 120 || box == 88, bytes.next() == 93 else { return false }
        guard let fourth = bytes.next(), fourth >= 0x80 else { return true }
        return ["[ ]", "[x]", "[X]"].contains(String(text.prefix(3)))
    }

    /// `**Title**` leading a paragraph, and the text after it.
    private static func boldTitle(_ paragraph: MarkdownNode) -> (title: String, rest: String)? {
        let children = paragraph.children.drop { $0.isWhitespaceText }
        guard let first = children.first, first.kind == .strong else { return nil }
        let rest = children.dropFirst().map { $0.plainText() }.joined()
        return (first.plainText().trimmedSpaces, rest)
    }

    /// A path-like code span (a repository artifact), else a URL the item names.
    private static func artifact(in paragraph: MarkdownNode) -> String? {
        if let path = paragraph.children.first(where: { $0.kind == .code && TextScan.isPathLike($0.literal) })?.literal { return path }
        if let url = paragraph.children.first(where: { $0.kind == .code && isURL($0.literal) })?.literal { return url }
        var found: String?
        paragraph.forEachDescendant { node in
            if found == nil, node.kind == .link, isURL(node.url) { found = node.url }
        }
        if let found { return found }
        // A bare URL in the text (`s3://bucket/key`), punctuation after it left out.
        let prose = paragraph.proseText(separator: 32)
        guard prose.utf8.count > 3, TextScan.containsASCII(prose, "://") ?? prose.contains("://") else { return nil }
        return prose.split(whereSeparator: \.isWhitespace).lazy
            .map { String($0).trimmingCharacters(in: urlEnds) }
            .first(where: isURL)
    }

    private static let urlEnds = CharacterSet(charactersIn: ".,;:)]>\"'")

    private static func isURL(_ text: String) -> Bool {
        guard TextScan.containsASCII(text, "://") != false, let scheme = text.range(of: "://") else { return false }
        let name = text[..<scheme.lowerBound]
        return !name.isEmpty && name.allSatisfy { $0.isLetter || $0.isNumber || $0 == "+" || $0 == "-" } && !text.contains(where: \.isWhitespace)
    }

    /// ✅ ✔ ☑, with or without the emoji variation selector.
    private static func isDoneSymbol(_ char: Character) -> Bool {
        char == "✅" || char == "✔" || char == "☑" || char == "✔️" || char == "☑️"
    }

    /// The text without done markers (`✅`, `DONE`, `Done:`, `(done)`, `(completed)`) and a
    /// trailing `[ALICE, BOB]`, whether a marker was there, and the first bracketed owner.
    static func clean(_ input: String) -> (text: String, done: Bool, owner: String?) {
        var text = Substring(input.trimmedSpaces)
        var done = false
        var owner: String?
        func trim() { text = Substring(text.trimmedSpaces) }
        // A Character that starts (or ends) with an ASCII byte is no done symbol.
        while let byte = text.utf8.first, byte >= 0x80, let first = text.first, isDoneSymbol(first) || first == "\u{FE0F}" {
            if first != "\u{FE0F}" { done = true }
            text = text.dropFirst()
            trim()
        }
        while let byte = text.utf8.last, byte >= 0x80, let last = text.last, isDoneSymbol(last) || last == "\u{FE0F}" {
            if last != "\u{FE0F}" { done = true }
            text = text.dropLast()
            trim()
        }
        if TextScan.hasASCIISuffix(text, "]"), let open = text.lastIndex(of: "[") {
            let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
            let names = inside.split(separator: ",").map(\.trimmedSpaces)
            if !names.isEmpty, names.allSatisfy({ name in
                name.first?.isLetter == true && name.allSatisfy { $0.isLetter || $0.isNumber || " ._-".contains($0) }
            }), inside.lowercased() != "x" {
                owner = names[0]
                text = text[..<open]
                trim()
            }
        }
        for suffix: StaticString in ["(done)", "(completed)", "(complete)"] where TextScan.lowercasedHasASCIISuffix(text, suffix) {
            done = true
            text = text.dropLast(suffix.utf8CodeUnitCount)
            trim()
        }
        if TextScan.hasASCIIPrefix(text, "Done:") || TextScan.hasASCIIPrefix(text, "DONE:") {
            done = true
            text = text.dropFirst(5)
            trim()
        } else if TextScan.hasASCIIPrefix(text, "DONE"), text.dropFirst(4).first.map({ !$0.isLetter && !$0.isNumber }) ?? true {
            done = true
            text = text.dropFirst(4).drop { $0 == " " || $0 == "-" || $0 == "—" || $0 == "–" }
            trim()
        }
        return (collapsedSpaces(text), done, owner)
    }

    /// Runs of spaces, tabs and line feeds as one space, none at the ends.
    private static func collapsedSpaces(_ text: Substring) -> String {
        // Nothing to change when the only separators are single spaces inside the text: each
        // separator Character is one such byte (a space followed by a combining mark is no
        // separator, and then neither split nor join touches it).
        var previousWasSeparator = true
        var clean = true
        for byte in text.utf8 {
            let separator = byte == 32
            if separator && previousWasSeparator || byte == 9 || byte == 10 || byte == 13 {
                clean = false
                break
            }
            previousWasSeparator = separator
        }
        if clean && !previousWasSeparator { return String(text) }
        return text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
    }

    // MARK: Tables

    private static func tableItems(_ table: PipeTable, kind: TaskItem.Kind) -> [TaskItem] {
        guard let textColumn = table.column(["action", "action item", "action items", "item", "task", "what", "follow-up", "follow up", "description"])
        else { return [] }
        let ownerColumn = table.column(["owner", "owners", "who", "assignee"])
        let dueColumn = table.column(["due", "due date", "deadline", "target date"])
        let statusColumn = table.column(["status", "state", "done"])
        let doneWords: Set<String> = ["done", "closed", "complete", "completed", "fixed", "resolved", "yes", "✅"]
        return table.rows.compactMap { row in
            let cleaned = clean(row.cells[textColumn])
            guard !cleaned.text.isEmpty else { return nil }
            var owner = ownerColumn.map { row.cells[$0] }.map { $0.hasPrefix("@") ? String($0.dropFirst()) : $0 }
            if let value = owner, value.isEmpty || value == "-" || value == "—" { owner = nil }
            let due = dueColumn.map { row.cells[$0].trimmedSpaces }.flatMap { Day.isISODate($0) ? $0 : nil }
            let status = statusColumn.map { row.cells[$0].lowercased().trimmedSpaces } ?? ""
            return TaskItem(
                kind: kind, text: cleaned.text, done: cleaned.done || doneWords.contains(status), line: row.line, boxColumn: 0,
                artifact: nil, owner: TextScan.firstOwner(in: cleaned.text) ?? owner ?? cleaned.owner,
                due: TextScan.dueDate(in: cleaned.text) ?? due, refs: TextScan.references(in: cleaned.text))
        }
    }
}
