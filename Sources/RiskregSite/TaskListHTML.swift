/// Task-list boxes in cmark's HTML shown as disabled checkboxes. cmark 0.30 knows no task lists,
/// so `- [x] Done` renders as `<li>[x] Done</li>` (or `<li>\n<p>[x] Done</p>` in a loose list).
/// cmark escapes `<` in text and replaces raw HTML with a comment (`CMARK_OPT_DEFAULT`), so a
/// `<li>` followed by a box can only be a list item whose text starts with one: the same rule
/// the item parser uses (`[ ]`, `[x]` or `[X]`, then a space, a tab or the end of the line).
package enum TaskListHTML {
    private static let item = Array("<li>".utf8)
    private static let paragraph = Array("\n<p>".utf8)

    /// `html` with each task item's box replaced by `<input type="checkbox" disabled>` (with
    /// `checked` when ticked) and its `<li>` marked `class="task"`; all else byte for byte.
    package static func checkboxes(_ html: String) -> String {
        let bytes = Array(html.utf8)
        guard bytes.count > item.count + 3 else { return html }
        var out: [UInt8] = []
        var copied = 0
        var index = 0
        while index + item.count <= bytes.count {
            guard bytes[index] == UInt8(ascii: "<"), bytes[index..<index + item.count].elementsEqual(item) else {
                index += 1
                continue
            }
            var box = index + item.count
            if box + paragraph.count <= bytes.count, bytes[box..<box + paragraph.count].elementsEqual(paragraph) {
                box += paragraph.count
            }
            guard let done = state(bytes, at: box) else {
                index += item.count
                continue
            }
            if out.isEmpty { out.reserveCapacity(bytes.count + 256) }
            out += bytes[copied..<index]
            out += Array("<li class=\"task\">".utf8)
            out += bytes[(index + item.count)..<box]
            out += Array((done ? "<input type=\"checkbox\" disabled checked aria-label=\"done\">"
                              : "<input type=\"checkbox\" disabled aria-label=\"not done\">").utf8)
            // Keep the space after the box (it separates the checkbox from the text).
            index = box + 3
            copied = index
        }
        guard copied > 0 else { return html }
        out += bytes[copied...]
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether the box at `index` is ticked, or nil when no box starts there.
    private static func state(_ bytes: [UInt8], at index: Int) -> Bool? {
        guard index + 3 <= bytes.count, bytes[index] == UInt8(ascii: "["), bytes[index + 2] == UInt8(ascii: "]") else { return nil }
        let done: Bool
        switch bytes[index + 1] {
        case UInt8(ascii: " "): done = false
        case UInt8(ascii: "x"), UInt8(ascii: "X"): done = true
        default: return nil
        }
        guard index + 3 < bytes.count else { return done }
        switch bytes[index + 3] {
        case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "\n"):
            return done
        case UInt8(ascii: "<"):
            // Only an end tag ends the item's first line; `[x]<em>` is text, as in the parser.
            return index + 4 < bytes.count && bytes[index + 4] == UInt8(ascii: "/") ? done : nil
        default:
            return nil
        }
    }
}
