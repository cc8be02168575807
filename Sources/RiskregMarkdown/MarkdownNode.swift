import RiskregModel

/// A Swift copy of one cmark node: what the importer needs, with no C pointer attached.
///
/// `index` is the node's pre-order position in its `MarkdownTree`; the tree uses it to render
/// the node's HTML later while the C tree is still alive.
package struct MarkdownNode: Sendable {
    package enum Kind: Sendable, Equatable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph
        case heading, thematicBreak, text, softBreak, lineBreak, code, htmlInline
        case customInline, emphasis, strong, link, image, unknown
    }

    package var index: Int
    package var kind: Kind
    /// Literal text of text, code, code block and HTML nodes.
    package var literal: String
    /// Heading level, 0 otherwise.
    package var headingLevel: Int
    /// Whether a list is ordered.
    package var isOrderedList: Bool
    /// Link destination for links and images.
    package var url: String
    /// 1-based line in the whole file (front matter included).
    package var line: Int
    /// 1-based UTF-8 byte column.
    package var column: Int
    package var children: [MarkdownNode]

    package var isBlock: Bool {
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
    package func plainText(breaks: String = " ") -> String {
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
    package func visitProseText(_ body: (String) -> Void) {
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
    package func forEachDescendant(_ body: (MarkdownNode) -> Void) {
        for child in children {
            body(child)
            child.forEachDescendant(body)
        }
    }
}
