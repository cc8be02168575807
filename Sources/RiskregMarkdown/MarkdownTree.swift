import CCmark
import Foundation
import RiskregModel

/// A parsed CommonMark document, alive only inside `MarkdownTree.parse`.
///
/// One iterative walk of cmark's tree records what the parsers read of each node (kind,
/// heading level, list type, start line and column, links between nodes) in flat arrays, with
/// every literal and URL in one byte buffer: no Swift value per node, no string per node until
/// a parser asks for one. `MarkdownNode` is an index into these arrays. The C tree is kept only
/// so fragments can be rendered to HTML while the parse runs, and it is freed before `parse`
/// returns, so no cmark pointer outlives a parse. cmark allocates from one `MarkdownArena` per
/// document, freed whole with the tree (no malloc and free per node).
///
/// HTML is rendered by cmark with `CMARK_OPT_DEFAULT`, so raw HTML becomes a comment and
/// `javascript:` style links are dropped. Nesting deeper than `maxDepth` is refused rather than
/// walked: documents can nest lists or quotes thousands deep.
package final class MarkdownTree {
    /// Deepest nesting of blocks and inlines riskreg reads (real documents stay under 20).
    package static let maxDepth = 100

    /// What the parsers read of one node. Ranges index `text`; `children` is a slice of
    /// `childList`.
    struct Record {
        var kind: MarkdownNode.Kind
        var headingLevel: UInt8
        var isOrderedList: Bool
        var line: Int32
        var column: Int32
        var literalStart: Int32
        var literalEnd: Int32
        var urlStart: Int32
        var urlEnd: Int32
        var childStart: Int32 = 0
        var childCount: Int32 = 0
    }

    private var document: OpaquePointer?
    /// The memory of `document` and of every rendering; nil once released.
    private var arena: MarkdownArena?
    /// cmark's nodes by pre-order index, for rendering; emptied by `release`.
    private var pointers: [OpaquePointer]
    /// The flat records, allocated once the walk is done and freed with the tree. Raw buffers,
    /// not arrays: parsers read them for every node they look at, and an array property of a
    /// class is retained, released and access-checked on each read.
    let records: UnsafeMutableBufferPointer<Record>
    /// Each node's children, contiguous per node, as indices into `records`.
    let childList: UnsafeMutableBufferPointer<Int32>
    /// Literals and URLs of every node, UTF-8.
    let text: UnsafeMutableBufferPointer<UInt8>
    /// The buffer `gathering` lends out, kept between calls: parsers ask for a node's text
    /// hundreds of times per document, and a new array per call (grown as it filled) was most
    /// of the cost.
    private var scratch: [UInt8] = []

    /// Calls `body` with an empty byte buffer and returns what it makes of the bytes it put
    /// there. The buffer is taken from the tree for the call, so a call inside `body` gets a
    /// new one rather than this one.
    func gathering<T>(_ body: (inout [UInt8]) -> T) -> T {
        var buffer = scratch
        scratch = []
        buffer.removeAll(keepingCapacity: true)
        let result = body(&buffer)
        scratch = buffer
        return result
    }

    /// The document node.
    package var root: MarkdownNode { MarkdownNode(tree: self, index: 0) }

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
        var source = markdown
        guard let arena = MarkdownArena() else {
            throw DocumentError(path: path, line: nil, reason: "out of memory while parsing the document")
        }
        // On a failure below the arena goes with everything cmark made.
        let (parsed, walk) = try arena.use { () throws -> (OpaquePointer?, Walk?) in
            let parsed = source.withUTF8 { buffer -> OpaquePointer? in
                guard let parser = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, arena.allocator) else { return nil }
                defer { cmark_parser_free(parser) }
                if let base = buffer.baseAddress {
                    base.withMemoryRebound(to: CChar.self, capacity: buffer.count) { cmark_parser_feed(parser, $0, buffer.count) }
                }
                return cmark_parser_finish(parser)
            }
            guard let parsed else { return (nil, nil) }
            return (parsed, try Self.walk(parsed, lineOffset: lineOffset, path: path, sizeHint: source.utf8.count))
        }
        guard let parsed, let walk else {
            throw DocumentError(path: path, line: nil, reason: "cmark could not parse the document (out of memory?)")
        }
        self.arena = arena
        document = parsed
        pointers = walk.pointers
        records = Self.buffer(walk.records)
        childList = Self.buffer(walk.childList)
        text = Self.buffer(walk.text)
    }

    deinit {
        release()
        records.deallocate()
        childList.deallocate()
        text.deallocate()
    }

    /// Frees cmark's tree and everything rendered from it (the arena).
    private func release() {
        pointers = []
        document = nil
        arena = nil
    }

    private static func buffer<Element>(_ array: [Element]) -> UnsafeMutableBufferPointer<Element> {
        let buffer = UnsafeMutableBufferPointer<Element>.allocate(capacity: array.count)
        _ = buffer.initialize(from: array)
        return buffer
    }

    /// What one walk of cmark's tree records.
    private struct Walk {
        var records: [Record] = []
        var pointers: [OpaquePointer] = []
        var childList: [Int32] = []
        var text: [UInt8] = []
    }

    /// The one walk: records every node in pre-order, iteratively, refusing the first node
    /// deeper than `maxDepth` (counting the document as depth 1) with its start line (or its
    /// nearest ancestor's when it has none).
    private static func walk(_ document: OpaquePointer, lineOffset: Int, path: String, sizeHint: Int) throws -> Walk {
        guard let iterator = cmark_iter_new(document) else {
            throw DocumentError(path: path, line: nil, reason: "cmark could not walk the document (out of memory?)")
        }
        defer { cmark_iter_free(iterator) }
        var walk = Walk()
        // About one node per 8 bytes of markdown, and literals no longer than the markdown.
        walk.records.reserveCapacity(sizeHint / 8 + 16)
        walk.pointers.reserveCapacity(sizeHint / 8 + 16)
        walk.text.reserveCapacity(sizeHint)
        var parentOf: [Int32] = []
        parentOf.reserveCapacity(sizeHint / 8 + 16)
        var open: [Int32] = []
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            if event == CMARK_EVENT_EXIT {
                open.removeLast()
                continue
            }
            guard event == CMARK_EVENT_ENTER, let node = cmark_iter_get_node(iterator) else { continue }
            let index = Int32(walk.records.count)
            if open.count + 1 > maxDepth {
                var line = Int(cmark_node_get_start_line(node))
                var parent = cmark_node_parent(node)
                while line <= 0, let current = parent {
                    line = Int(cmark_node_get_start_line(current))
                    parent = cmark_node_parent(current)
                }
                throw DocumentError(path: path, line: line > 0 ? line + lineOffset : nil,
                                    reason: "nested more than \(maxDepth) levels deep (depth \(open.count + 1) here: lists, block quotes or emphasis inside each other); flatten the document")
            }
            let type = cmark_node_get_type(node)
            let kind = Self.kind(of: type)
            let literalStart = Int32(walk.text.count)
            if let literal = cmark_node_get_literal(node) {
                walk.text.append(contentsOf: UnsafeRawBufferPointer(start: literal, count: strlen(literal)))
            }
            let urlStart = Int32(walk.text.count)
            if kind == .link || kind == .image, let url = cmark_node_get_url(node) {
                walk.text.append(contentsOf: UnsafeRawBufferPointer(start: url, count: strlen(url)))
            }
            let startLine = Int(cmark_node_get_start_line(node))
            walk.records.append(Record(
                kind: kind,
                headingLevel: kind == .heading ? UInt8(clamping: cmark_node_get_heading_level(node)) : 0,
                isOrderedList: kind == .list && cmark_node_get_list_type(node) == CMARK_ORDERED_LIST,
                line: Int32(clamping: startLine > 0 ? startLine + lineOffset : 0),
                column: Int32(clamping: cmark_node_get_start_column(node)),
                literalStart: literalStart, literalEnd: urlStart, urlStart: urlStart, urlEnd: Int32(walk.text.count)))
            walk.pointers.append(node)
            parentOf.append(open.last ?? -1)
            if !Self.isLeaf(type) { open.append(index) }
        }
        // Children, contiguous per parent, in document order (a counting sort on the parent).
        var counts = [Int32](repeating: 0, count: walk.records.count)
        for parent in parentOf where parent >= 0 { counts[Int(parent)] += 1 }
        var start: Int32 = 0
        for index in walk.records.indices {
            walk.records[index].childStart = start
            start += counts[index]
        }
        walk.childList = [Int32](repeating: 0, count: Int(start))
        for (index, parent) in parentOf.enumerated() where parent >= 0 {
            let record = walk.records[Int(parent)]
            walk.childList[Int(record.childStart + record.childCount)] = Int32(index)
            walk.records[Int(parent)].childCount += 1
        }
        return walk
    }

    /// Nodes cmark's iterator enters without a matching exit.
    private static func isLeaf(_ type: cmark_node_type) -> Bool {
        switch type {
        case CMARK_NODE_HTML_BLOCK, CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_CODE_BLOCK, CMARK_NODE_TEXT,
            CMARK_NODE_SOFTBREAK, CMARK_NODE_LINEBREAK, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
            return true
        default:
            return false
        }
    }

    /// HTML of the whole document.
    package func renderHTML() -> String {
        document.map(render) ?? ""
    }

    /// HTML of the given nodes, in order, concatenated.
    package func renderHTML<Nodes: Sequence>(of nodes: Nodes) -> String where Nodes.Element == MarkdownNode {
        var html = ""
        for node in nodes where node.index < pointers.count {
            html += render(pointers[node.index])
        }
        return html
    }

    /// HTML of `nodes` whose first is a paragraph opening with `lead`, a bold lead-in the
    /// caller showed as a title: that paragraph without the lead-in and the punctuation after
    /// it (`**Title.** Body`, `**Title**: body`, `**Title** — body`), or nothing for it when the
    /// lead-in was all it said. The title is not repeated above its own body.
    package func renderHTML(of nodes: [MarkdownNode], droppingLead lead: MarkdownNode) -> String {
        guard let first = nodes.first, first.kind == .paragraph, first.index < pointers.count, lead.index < pointers.count
        else { return renderHTML(of: nodes) }
        let paragraph = render(pointers[first.index])
        // A tight list's paragraphs come without `<p>`.
        let wrapped = paragraph.hasPrefix("<p>")
        let opening = (wrapped ? "<p>" : "") + render(pointers[lead.index])
        guard paragraph.hasPrefix(opening) else { return renderHTML(of: nodes) }
        var rest = paragraph.utf8.dropFirst(opening.utf8.count)
        func dropSpaces() { rest = rest.drop { $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\n") } }
        dropSpaces()
        for separator in [":", "-", "—", "–"] where rest.starts(with: separator.utf8) {
            rest = rest.dropFirst(separator.utf8.count)
            dropSpaces()
            break
        }
        let body = String(Substring(rest))
        let head = body.isEmpty || body.hasPrefix("</p>") ? "" : (wrapped ? "<p>" : "") + body
        return head + renderHTML(of: nodes.dropFirst())
    }

    /// cmark's HTML of `node`, rendered in the document's arena (freed with it).
    private func render(_ node: OpaquePointer) -> String {
        guard let arena else { return "" }
        return arena.use {
            guard let html = cmark_render_html(node, CMARK_OPT_DEFAULT) else { return "" }
            return String(cString: html)
        }
    }

    private static func kind(of type: cmark_node_type) -> MarkdownNode.Kind {
        switch type {
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
