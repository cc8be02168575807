import CCmark
import Foundation
import RiskregModel

/// A parsed CommonMark document. Owns the cmark tree and frees it in `deinit`; nothing outside
/// this class ever sees a cmark pointer.
///
/// The tree is copied into `root` (Swift values) at once. HTML is rendered by cmark with
/// `CMARK_OPT_DEFAULT`, so raw HTML becomes a comment and `javascript:` style links are dropped.
package final class MarkdownTree {
    private let document: OpaquePointer
    private var nodes: [OpaquePointer] = []
    /// The Swift copy of the document node.
    private(set) var root: MarkdownNode

    /// Parses `markdown`. `lineOffset` is added to every line number (the front matter's lines).
    package init(markdown: String, lineOffset: Int = 0) {
        var text = markdown
        let parsed = text.withUTF8 { buffer in
            cmark_parse_document(buffer.baseAddress, buffer.count, CMARK_OPT_DEFAULT)
        }
        document = parsed!
        root = MarkdownNode(
            index: 0, kind: .document, literal: "", headingLevel: 0, isOrderedList: false,
            url: "", line: 1, column: 1, children: [])
        root = copy(document, lineOffset: lineOffset)
    }

    deinit {
        cmark_node_free(document)
    }

    /// HTML of the whole document.
    package func renderHTML() -> String {
        Self.render(document)
    }

    /// HTML of the given nodes, in order, concatenated.
    package func renderHTML(of nodes: [MarkdownNode]) -> String {
        var html = ""
        for node in nodes where node.index < self.nodes.count {
            html += Self.render(self.nodes[node.index])
        }
        return html
    }

    /// Renders a markdown fragment (a risk description, a finding) on its own.
    package static func renderHTML(markdown: String) -> String {
        MarkdownTree(markdown: markdown).renderHTML()
    }

    private static func render(_ node: OpaquePointer) -> String {
        guard let html = cmark_render_html(node, CMARK_OPT_DEFAULT) else { return "" }
        defer { free(html) }
        return String(cString: html)
    }

    private func copy(_ node: OpaquePointer, lineOffset: Int) -> MarkdownNode {
        let index = nodes.count
        nodes.append(node)
        let kind = Self.kind(of: node)
        var literal = ""
        if let cString = cmark_node_get_literal(node) {
            literal = String(cString: cString)
        }
        var url = ""
        if kind == .link || kind == .image, let cString = cmark_node_get_url(node) {
            url = String(cString: cString)
        }
        var children: [MarkdownNode] = []
        var child = cmark_node_first_child(node)
        while let current = child {
            children.append(copy(current, lineOffset: lineOffset))
            child = cmark_node_next(current)
        }
        let startLine = Int(cmark_node_get_start_line(node))
        return MarkdownNode(
            index: index,
            kind: kind,
            literal: literal,
            headingLevel: kind == .heading ? Int(cmark_node_get_heading_level(node)) : 0,
            isOrderedList: kind == .list && cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
            url: url,
            line: startLine > 0 ? startLine + lineOffset : 0,
            column: Int(cmark_node_get_start_column(node)),
            children: children)
    }

    private static func kind(of node: OpaquePointer) -> MarkdownNode.Kind {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_CUSTOM_BLOCK: return .customBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_CUSTOM_INLINE: return .customInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        default: return .unknown
        }
    }
}
