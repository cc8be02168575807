/// Parses Mustache source into `TemplateNode`s, once, following the Mustache spec: tags,
/// set-delimiter tags, comments, standalone lines (a line holding only whitespace and one
/// section, inverted, closing, comment, partial or delimiter tag is dropped whole) and the
/// indentation of standalone partials.
///
/// Everything riskreg does not support is an error naming the line: template inheritance
/// (`{{<…}}`, `{{$…}}`), pragmas (`{{%…}}`), dynamic partials (`{{>*…}}`) and any function but
/// `empty(name)`.
struct TemplateParser {
    /// Sections nested deeper than this are a parse error (the node tree is walked recursively).
    static let maximumNesting = 100

    /// What a tag does, from its sigil.
    enum TagKind {
        case value, raw, section, inverted, close, comment, partial, delimiters

        /// Tags that a line may hold alone to be dropped whole (with its newline).
        var canStandAlone: Bool {
            switch self {
            case .section, .inverted, .close, .comment, .partial, .delimiters: return true
            case .value, .raw: return false
            }
        }
    }

    struct Tag {
        var kind: TagKind
        /// The content between the delimiters and the sigil, trimmed.
        var content: String
        var line: Int
        /// For a standalone partial, the whitespace before it.
        var indentation: [UInt8]?
    }

    enum Token {
        /// Source bytes; a text token ends at most one line (its last byte may be `\n`).
        case text(Range<Int>)
        case tag(Tag)
    }

    private let source: [UInt8]
    private let file: String
    /// The index of a partial in the library, `nil` for one to leave out; throws for an unknown
    /// partial in strict libraries.
    private let resolvePartial: (_ name: String, _ line: Int) throws -> Int?

    init(source: String, file: String, resolvePartial: @escaping (_ name: String, _ line: Int) throws -> Int?) {
        self.source = Array(source.utf8)
        self.file = file
        self.resolvePartial = resolvePartial
    }

    func parse() throws -> [TemplateNode] {
        try tree(standalone(tokens()))
    }

    // MARK: Tokens

    private static let newline = UInt8(ascii: "\n")

    /// Splits the source into text and tags, applying set-delimiter tags as they come.
    func tokens() throws -> [Token] {
        var open = Array("{{".utf8)
        var close = Array("}}".utf8)
        var tokens: [Token] = []
        var position = 0
        var line = 1
        let count = source.count
        while position < count {
            let tagStart = find(open, from: position) ?? count
            var start = position
            var index = position
            while index < tagStart {
                if source[index] == Self.newline {
                    tokens.append(.text(start..<(index + 1)))
                    start = index + 1
                    line += 1
                }
                index += 1
            }
            if start < tagStart { tokens.append(.text(start..<tagStart)) }
            guard tagStart < count else { break }

            let tagLine = line
            var cursor = tagStart + open.count
            guard cursor < count else { throw unclosed(open: open, close: close, line: tagLine) }
            let kind: TagKind
            var closer = close
            switch source[cursor] {
            case UInt8(ascii: "{"):
                kind = .raw
                closer = [UInt8(ascii: "}")] + close
            case UInt8(ascii: "&"): kind = .raw
            case UInt8(ascii: "#"): kind = .section
            case UInt8(ascii: "^"): kind = .inverted
            case UInt8(ascii: "/"): kind = .close
            case UInt8(ascii: ">"): kind = .partial
            case UInt8(ascii: "!"): kind = .comment
            case UInt8(ascii: "="):
                kind = .delimiters
                closer = [UInt8(ascii: "=")] + close
            case UInt8(ascii: "<"), UInt8(ascii: "$"):
                throw error(tagLine, "template inheritance (`\(text(open))<…\(text(close))`, `\(text(open))$…\(text(close))`) is not supported; use partials (`\(text(open))> name\(text(close))`)")
            case UInt8(ascii: "%"):
                throw error(tagLine, "pragmas (`\(text(open))%…\(text(close))`) are not supported; remove the tag")
            default: kind = .value
            }
            if kind != .value { cursor += 1 }
            guard let end = find(closer, from: cursor) else { throw unclosed(open: open, close: closer, line: tagLine) }
            let content = trimmed(cursor..<end)
            for byte in source[tagStart..<end] where byte == Self.newline { line += 1 }
            position = end + closer.count

            if kind == .delimiters {
                let parts = content.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
                    throw error(tagLine, "`\(text(open))=\(content)=\(text(close))` does not set delimiters; write two delimiters without `=` between spaces, as in `{{=<% %>=}}`")
                }
                open = Array(parts[0].utf8)
                close = Array(parts[1].utf8)
            }
            tokens.append(.tag(Tag(kind: kind, content: content, line: tagLine)))
        }
        return tokens
    }

    /// The first offset of `needle` at or after `start`.
    private func find(_ needle: [UInt8], from start: Int) -> Int? {
        guard let first = needle.first, source.count >= needle.count else { return nil }
        var index = start
        let last = source.count - needle.count
        while index <= last {
            if source[index] == first {
                var matched = true
                for offset in 1..<needle.count where source[index + offset] != needle[offset] {
                    matched = false
                    break
                }
                if matched { return index }
            }
            index += 1
        }
        return nil
    }

    private func trimmed(_ range: Range<Int>) -> String {
        var lower = range.lowerBound
        var upper = range.upperBound
        func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }
        while lower < upper, isSpace(source[lower]) { lower += 1 }
        while upper > lower, isSpace(source[upper - 1]) { upper -= 1 }
        return String(decoding: source[lower..<upper], as: UTF8.self)
    }

    private func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    // MARK: Standalone lines

    /// Drops standalone lines' whitespace and newline; a standalone partial keeps the
    /// whitespace before it as text and as its indentation.
    func standalone(_ tokens: [Token]) -> [Token] {
        var result: [Token] = []
        result.reserveCapacity(tokens.count)
        var lineStart = 0
        while lineStart < tokens.count {
            var lineEnd = lineStart
            while lineEnd < tokens.count {
                lineEnd += 1
                if case .text(let range) = tokens[lineEnd - 1], source[range.upperBound - 1] == Self.newline { break }
            }
            let line = tokens[lineStart..<lineEnd]
            var tag: Tag?
            var tagCount = 0
            var blank = true
            for token in line {
                switch token {
                case .tag(let found):
                    tagCount += 1
                    tag = found
                case .text(let range):
                    if !isWhitespace(range) { blank = false }
                }
            }
            if blank, tagCount == 1, var tag, tag.kind.canStandAlone {
                if tag.kind == .partial {
                    var indentation: [UInt8] = []
                    for token in line {
                        if case .text(let range) = token { indentation += source[range] } else { break }
                    }
                    if !indentation.isEmpty, case .text(let range) = line.first! { result.append(.text(range)) }
                    tag.indentation = indentation
                }
                result.append(.tag(tag))
            } else {
                result.append(contentsOf: line)
            }
            lineStart = lineEnd
        }
        return result
    }

    /// Spaces and tabs, then at most a line ending (`\n` or `\r\n`).
    private func isWhitespace(_ range: Range<Int>) -> Bool {
        var upper = range.upperBound
        if upper > range.lowerBound, source[upper - 1] == Self.newline {
            upper -= 1
            if upper > range.lowerBound, source[upper - 1] == UInt8(ascii: "\r") { upper -= 1 }
        }
        return source[range.lowerBound..<upper].allSatisfy { $0 == 32 || $0 == 9 }
    }

    // MARK: Tree

    private struct OpenSection {
        var name: TemplateName
        var inverted: Bool
        var line: Int
        var nodes: [TemplateNode]
    }

    func tree(_ tokens: [Token]) throws -> [TemplateNode] {
        var open: [OpenSection] = []
        var nodes: [TemplateNode] = []
        var text: [UInt8] = []
        func flush() {
            guard !text.isEmpty else { return }
            nodes.append(.text(TemplateText(text)))
            text.removeAll(keepingCapacity: true)
        }
        for token in tokens {
            let tag: Tag
            switch token {
            case .text(let range):
                text += source[range]
                continue
            case .tag(let found):
                tag = found
            }
            switch tag.kind {
            case .comment, .delimiters:
                continue
            case .value, .raw:
                flush()
                nodes.append(.value(try name(tag), escaped: tag.kind == .value, line: tag.line))
            case .section, .inverted:
                flush()
                guard open.count < Self.maximumNesting else {
                    throw error(tag.line, "sections nest more than \(Self.maximumNesting) deep; close some before opening more")
                }
                open.append(OpenSection(name: try name(tag), inverted: tag.kind == .inverted, line: tag.line, nodes: nodes))
                nodes = []
            case .close:
                flush()
                let closing = try name(tag)
                guard let section = open.popLast() else {
                    throw error(tag.line, "`{{/\(tag.content)}}` closes a section that was never opened; remove it or open the section with `{{#\(tag.content)}}`")
                }
                guard section.name == closing else {
                    throw error(tag.line, "`{{/\(tag.content)}}` does not close `{{\(section.inverted ? "^" : "#")\(section.name.source)}}` opened at line \(section.line); close that first with `{{/\(section.name.source)}}`")
                }
                let body = nodes
                nodes = section.nodes
                nodes.append(.section(section.name, inverted: section.inverted, body: body, line: section.line))
            case .partial:
                flush()
                let partial = tag.content
                guard !partial.isEmpty, !partial.hasPrefix("*"),
                    !partial.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                else {
                    throw error(tag.line, "`{{>\(partial)}}` does not name a partial; write `{{> name}}` for name.mustache (dynamic partials are not supported)")
                }
                if let index = try resolvePartial(partial, tag.line) {
                    nodes.append(.partial(index: index, indentation: tag.indentation, line: tag.line))
                }
            }
        }
        flush()
        if let section = open.last {
            throw error(section.line, "`{{\(section.inverted ? "^" : "#")\(section.name.source)}}` is never closed; add `{{/\(section.name.source)}}` after its content")
        }
        return nodes
    }

    private func name(_ tag: Tag) throws -> TemplateName {
        switch TemplateName.parse(tag.content) {
        case .success(let name): return name
        case .failure(let failure): throw error(tag.line, failure.reason)
        }
    }

    private func error(_ line: Int, _ reason: String) -> TemplateError {
        TemplateError(file: file, line: line, reason: "template parse error: " + reason)
    }

    private func unclosed(open: [UInt8], close: [UInt8], line: Int) -> TemplateError {
        error(line, "a tag opened with `\(text(open))` is never closed with `\(text(close))`; close it, or for a literal `\(text(open))` change the delimiters (`{{=<% %>=}}`)")
    }
}
