import CCmark
import Foundation
import RiskregModel

/// A parsed CommonMark document, alive only inside `MarkdownTree.parse`: the cmark tree is
/// copied into Swift values (`root`) in one walk, fragments are rendered while the parse runs,
/// and the C tree is freed before `parse` returns, so no cmark pointer outlives a parse.
///
/// HTML is rendered by cmark with `CMARK_OPT_DEFAULT`, so raw HTML becomes a comment and
/// `javascript:` style links are dropped. Nesting deeper than `maxDepth` is refused rather than
/// walked: documents can nest lists or quotes thousands deep.
package final class MarkdownTree {
    /// Deepest nesting of blocks and inlines riskreg reads (real documents stay under 20).
    package static let maxDepth = 100

    private var document: OpaquePointer?
    private var nodes: [OpaquePointer] = []
    /// The Swift copy of the document node.
    package private(set) var root: MarkdownNode

    /// Parses `markdown` (`lineOffset` is added to every line: the front matter's lines), hands
    /// the tree to `body`, and frees the C tree before returning. Throws `DocumentError` for a
    /// document nested deeper than `maxDepth`.
    package static func parse<T>(_ markdown: String, lineOffset: Int = 0, path: String,
                                 _ body: (MarkdownTree) throws -> T) throws -> T {
        let tree = try MarkdownTree(markdown: markdown, lineOffset: lineOffset, path: path)
        defer { tree.release() }
        return try body(tree)
    }

    private init(markdown: String, lineOffset: Int, path: String) throws {
        var text = markdown
        document = text.withUTF8 { buffer in
            cmark_parse_document(buffer.baseAddress, buffer.count, CMARK_OPT_DEFAULT)
        }
        root = MarkdownNode(
            index: 0, kind: .document, literal: "", headingLevel: 0, isOrderedList: false,
            url: "", line: 1, column: 1, children: [])
        guard let document else {
            throw DocumentError(path: path, line: nil, reason: "cmark could not parse the document (out of memory?)")
        }
        if let (line, depth) = Self.tooDeep(document) {
            release()
            throw DocumentError(path: path, line: line > 0 ? line + lineOffset : nil,
                                reason: "nested more than \(Self.maxDepth) levels deep (depth \(depth) here: lists, block quotes or emphasis inside each other); flatten the document")
        }
        root = copy(document, lineOffset: lineOffset)
    }

    deinit { release() }

    private func release() {
        nodes = []
        if let document { cmark_node_free(document) }
        document = nil
    }

    /// The first node deeper than `maxDepth` (its start line and depth), walking iteratively.
    private static func tooDeep(_ document: OpaquePointer) -> (line: Int, depth: Int)? {
        guard let iterator = cmark_iter_new(document) else { return nil }
        defer { cmark_iter_free(iterator) }
        var depth = 0
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { return nil }
            if event == CMARK_EVENT_ENTER {
                depth += 1
                if depth > maxDepth, let node = cmark_iter_get_node(iterator) {
                    var line = Int(cmark_node_get_start_line(node))
                    var parent = cmark_node_parent(node)
                    while line <= 0, let current = parent {
                        line = Int(cmark_node_get_start_line(current))
                        parent = cmark_node_parent(current)
                    }
                    return (line, depth)
                }
                // Leaf nodes get no exit event.
                if let node = cmark_iter_get_node(iterator), cmark_node_first_child(node) == nil, isLeaf(node) { depth -= 1 }
            } else if event == CMARK_EVENT_EXIT {
                depth -= 1
            }
        }
    }

    private static func isLeaf(_ node: OpaquePointer) -> Bool {
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
            CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            return true
        default:
            return false
        }
    }

    /// HTML of the whole document.
    package func renderHTML() -> String {
        document.map(Self.render) ?? ""
    }

    /// HTML of the given nodes, in order, concatenated.
    package func renderHTML(of nodes: [MarkdownNode]) -> String {
        var html = ""
        for node in nodes where node.index < self.nodes.count {
            html += Self.render(self.nodes[node.index])
        }
        return html
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
