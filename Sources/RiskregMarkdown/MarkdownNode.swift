import RiskregModel

/// One node of a `MarkdownTree`: an index into the tree's flat records, with no C pointer
/// attached. Strings are made when asked.
///
/// Valid only inside `MarkdownTree.parse`'s body, which holds the tree: a node does not retain
/// its tree (`unowned(unsafe)`), because parsers copy nodes constantly and the reference count
/// traffic cost more than the walk of cmark's tree. Nodes are never stored beyond the parse.
package struct MarkdownNode {
    package enum Kind: UInt8, Sendable, Equatable {
        case document, blockQuote, list, item, codeBlock, htmlBlock, customBlock, paragraph
        case heading, thematicBreak, text, softBreak, lineBreak, code, htmlInline
        case customInline, emphasis, strong, link, image, unknown
    }

    unowned(unsafe) let tree: MarkdownTree
    /// The node's pre-order position in its tree.
    package let index: Int

    init(tree: MarkdownTree, index: Int) {
        self.tree = tree
        self.index = index
    }

    private var record: MarkdownTree.Record { tree.records[index] }

    package var kind: Kind { record.kind }
    /// Heading level, 0 otherwise.
    package var headingLevel: Int { Int(record.headingLevel) }
    /// Whether a list is ordered.
    package var isOrderedList: Bool { record.isOrderedList }
    /// 1-based line in the whole file (front matter included); 0 when cmark gives none.
    package var line: Int { Int(record.line) }
    /// 1-based UTF-8 byte column.
    package var column: Int { Int(record.column) }

    /// Literal text of text, code, code block and HTML nodes.
    package var literal: String {
        let record = record
        return tree.string(record.literalStart, record.literalEnd)
    }

    /// Link destination for links and images.
    package var url: String {
        let record = record
        return tree.string(record.urlStart, record.urlEnd)
    }

    /// The children, in order.
    package var children: Children {
        let record = record
        return Children(tree: tree, start: Int(record.childStart), count: Int(record.childCount))
    }

    package var isBlock: Bool { Self.isBlock(kind) }

    static func isBlock(_ kind: Kind) -> Bool {
        switch kind {
        case .document, .blockQuote, .list, .item, .codeBlock, .htmlBlock, .customBlock,
            .paragraph, .heading, .thematicBreak:
            return true
        default:
            return false
        }
    }

    /// Whether the node is a text node whose literal is all whitespace (or empty).
    package var isWhitespaceText: Bool {
        let record = record
        guard record.kind == .text else { return false }
        return tree.literalIsWhitespace(record.literalStart, record.literalEnd)
    }

    /// Whether the node's literal starts with `byte` (an ASCII character).
    package func literalStarts(with byte: UInt8) -> Bool {
        let record = record
        return record.literalEnd > record.literalStart && tree.text[Int(record.literalStart)] == byte
    }

    /// Visible text of the node and its descendants: text and code literals, line breaks as
    /// single spaces or newlines, raw HTML left out.
    package func plainText(breaks: String = " ") -> String {
        var breaks = breaks
        return breaks.withUTF8 { breaks in
            tree.gathering { out in
                tree.appendPlainText(of: index, to: &out, breaks: breaks)
                return String(decoding: out, as: UTF8.self)
            }
        }
    }

    /// Text nodes outside code spans, code blocks and raw HTML: where risk ids may be mentioned.
    package func visitProseText(_ body: (String) -> Void) {
        tree.visitProseLiterals(of: index) { body(String(decoding: $0, as: UTF8.self)) }
    }

    /// The same text nodes' UTF-8 bytes, valid during `body`.
    package func visitProseBytes(_ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        tree.visitProseLiterals(of: index, body)
    }

    /// The prose text nodes' literals, each followed by `separator`.
    package func proseText(separator: UInt8) -> String {
        tree.gathering { out in
            tree.visitProseLiterals(of: index) { literal in
                out.append(contentsOf: literal)
                out.append(separator)
            }
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// All nodes below this one, depth first (pre-order: the node's own range of the tree).
    package func forEachDescendant(_ body: (MarkdownNode) -> Void) {
        for child in children {
            body(child)
            child.forEachDescendant(body)
        }
    }

    /// A node's children: a random-access view of the tree, no copy.
    package struct Children: RandomAccessCollection {
        unowned(unsafe) let tree: MarkdownTree
        let start: Int
        package let count: Int

        package var startIndex: Int { 0 }
        package var endIndex: Int { count }
        package subscript(position: Int) -> MarkdownNode {
            precondition(position >= 0 && position < count, "child index out of range")
            return MarkdownNode(tree: tree, index: Int(tree.childList[start + position]))
        }
    }
}

extension MarkdownTree {
    func bytes(_ start: Int32, _ end: Int32) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[Int(start)..<Int(end)])
    }

    func string(_ start: Int32, _ end: Int32) -> String {
        end > start ? String(decoding: bytes(start, end), as: UTF8.self) : ""
    }

    /// `Character.isWhitespace` for every character of the literal: ASCII bytes are checked
    /// directly, anything else by Swift's own rules.
    func literalIsWhitespace(_ start: Int32, _ end: Int32) -> Bool {
        var index = Int(start)
        while index < Int(end) {
            let byte = text[index]
            if byte >= 0x80 { return string(start, end).allSatisfy(\.isWhitespace) }
            // Space, \t, \n, \v, \f, \r are whitespace; other ASCII is not.
            guard byte == 32 || (byte >= 9 && byte <= 13) else { return false }
            index += 1
        }
        return true
    }

    func appendPlainText(of index: Int, to out: inout [UInt8], breaks: UnsafeBufferPointer<UInt8>) {
        let record = records[index]
        switch record.kind {
        case .text, .code, .codeBlock:
            out.append(contentsOf: bytes(record.literalStart, record.literalEnd))
        case .softBreak, .lineBreak:
            out.append(contentsOf: breaks)
        case .htmlInline, .htmlBlock:
            return
        default:
            let first = Int(record.childStart)
            for offset in 0..<Int(record.childCount) {
                let child = Int(childList[first + offset])
                if offset > 0, MarkdownNode.isBlock(records[child].kind) { out.append(10) }
                appendPlainText(of: child, to: &out, breaks: breaks)
            }
        }
    }

    func visitProseLiterals(of index: Int, _ body: (UnsafeBufferPointer<UInt8>) -> Void) {
        let record = records[index]
        switch record.kind {
        case .text:
            body(bytes(record.literalStart, record.literalEnd))
        case .code, .codeBlock, .htmlBlock, .htmlInline:
            return
        default:
            let first = Int(record.childStart)
            for offset in 0..<Int(record.childCount) {
                visitProseLiterals(of: Int(childList[first + offset]), body)
            }
        }
    }
}
