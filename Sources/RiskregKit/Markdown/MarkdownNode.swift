/// A Swift copy of one cmark node: what the importer needs, with no C pointer attached.
///
/// `index` is the node's pre-order position in its `MarkdownTree`; the tree uses it to render
/// the node's HTML later while the C tree is still alive.
struct MarkdownNode: Sendable {
    enum Kind: Sendable, Equatable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph
        case heading, thematicBreak, text, softBreak, lineBreak, code, htmlInline
        case customInline, emphasis, strong, link, image, unknown
    }

    var index: Int
    var kind: Kind
    /// Literal text of text, code, code block and HTML nodes.
    var literal: String
    /// Heading level, 0 otherwise.
    var headingLevel: Int
    /// Whether a list is ordered.
    var isOrderedList: Bool
    /// Link destination for links and images.
    var url: String
    /// 1-based line in the whole file (front matter included).
    var line: Int
    /// 1-based UTF-8 byte column.
    var column: Int
    var children: [MarkdownNode]

    var isBlock: Bool {
        switch kind {
        case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .customBlock,
            .paragraph, .heading, .thematicBreak:
            return true
        default:
            return false
        }
    }

    /// Visible text of the node and its descendants: text and code literals, line breaks as
    /// single spaces or newlines, raw HTML left out.
    func plainText(breaks: String = " ") -> String {
        var out = ""
        appendPlainText(to: &out, breaks: breaks)
        return out
    }

    private func appendPlainText(to out: inout String, breaks: String) {
        switch kind {
        case .text, .code:
            out += literal
        case .softBreak, .lineBreak:
            out += breaks
        case .htmlInline, .htmlBlock:
            return
        case .codeBlock:
            out += literal
        default:
            for (offset, child) in children.enumerated() {
                if offset > 0, child.isBlock { out += "\n" }
                child.appendPlainText(to: &out, breaks: breaks)
            }
        }
    }

    /// Text nodes outside code spans, code blocks and raw HTML: where risk ids may be mentioned.
    func visitProseText(_ body: (String) -> Void) {
        switch kind {
        case .text:
            body(literal)
        case .code, .codeBlock, .htmlBlock, .htmlInline:
            return
        default:
            for child in children { child.visitProseText(body) }
        }
    }

    /// All nodes below this one, depth first.
    func forEachDescendant(_ body: (MarkdownNode) -> Void) {
        for child in children {
            body(child)
            child.forEachDescendant(body)
        }
    }
}
