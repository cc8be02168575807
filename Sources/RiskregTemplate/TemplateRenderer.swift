/// One render: the output buffer, the context stack and the indentation waiting to be written.
/// Made per call of `TemplateLibrary.render`, used on one thread, then dropped.
///
/// Indentation follows swift-mustache (which passes the spec): inside an indented partial, a
/// node's output is indented when it is not empty and the output of the body being rendered
/// (the partial, or one pass of a section) so far ends with a newline; literal text is indented
/// after each of its own newlines too. So a line that renders nothing gets no indentation, and
/// data (`{{{html}}}` with newlines) is never re-indented.
struct TemplateRenderer {
    /// Nested sections and partials deeper than this are an error, not a stack overflow.
    static let maximumDepth = 256

    /// The library's flattened templates, read through pointers for the length of one render
    /// (`TemplateLibrary.renderBytes` keeps the arrays alive): reading a node or a text copies
    /// nothing that is reference-counted.
    struct Program {
        var ops: UnsafeBufferPointer<TemplateProgram.Op>
        var text: UnsafeBufferPointer<UInt8>
        var lineStarts: UnsafeBufferPointer<Int>
        var keys: UnsafeBufferPointer<String>
        var names: UnsafeBufferPointer<TemplateProgram.Name>
        /// Everything else: bodies, indentations, and what messages print.
        var whole: TemplateProgram
    }

    private let program: Program
    private let strict: Bool
    private(set) var out: [UInt8] = []
    private var stack: [TemplateValue]
    /// Indentation to write before the next non-empty output.
    private var pendingIndentation: [UInt8]?
    private var depth = 0

    init(program: Program, strict: Bool, root: TemplateValue, capacity: Int) {
        self.program = program
        self.strict = strict
        stack = [root]
        stack.reserveCapacity(16)
        out.reserveCapacity(capacity)
    }

    mutating func render(template index: Int) throws {
        try render(program.whole.bodies[index], template: index, indentation: nil)
    }

    // MARK: Writing

    @inline(__always)
    private mutating func flushIndentation() {
        if let indentation = pendingIndentation {
            out.append(contentsOf: indentation)
            pendingIndentation = nil
        }
    }

    /// Literal text `text[range]`.
    @inline(__always)
    private mutating func write(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        flushIndentation()
        out.append(contentsOf: UnsafeBufferPointer(rebasing: program.text[range]))
    }

    private mutating func write(_ bytes: [UInt8], escaped: Bool) {
        guard !bytes.isEmpty else { return }
        flushIndentation()
        if escaped {
            bytes.withUnsafeBufferPointer { HTMLEscaping.append($0, to: &out) }
        } else {
            out.append(contentsOf: bytes)
        }
    }

    private mutating func write(_ text: String, escaped: Bool) {
        guard !text.isEmpty else { return }
        flushIndentation()
        if escaped {
            HTMLEscaping.append(text, to: &out)
        } else {
            out.append(contentsOf: text.utf8)
        }
    }

    // MARK: Nodes

    /// Renders one body (a template, a partial, or one pass of a section): the nodes `body`.
    private mutating func render(_ body: Range<Int>, template: Int, indentation: [UInt8]?) throws {
        let start = out.count
        var index = body.lowerBound
        while index < body.upperBound {
            // Only this body's own indentation is set and cleared here; a nested body sets its
            // own only after writing, when this one has been written already.
            var indents = false
            if let indentation, out.count > start, out[out.count - 1] == UInt8(ascii: "\n") {
                pendingIndentation = indentation
                indents = true
            }
            var next = index + 1
            switch program.ops[index] {
            case .text(let lower, let upper, let lines):
                if let indentation, !lines.isEmpty {
                    var from = lower
                    for lineStart in program.lineStarts[lines] {
                        write(from..<lineStart)
                        out.append(contentsOf: indentation)
                        from = lineStart
                    }
                    write(from..<upper)
                } else {
                    write(lower..<upper)
                }
            case .value(let name, let escaped, let line):
                try value(name, escaped: escaped, template: template, line: line)
            case .section(let name, let inverted, let end, let line):
                try section(name, inverted: inverted, body: (index + 1)..<end, template: template, indentation: indentation, line: line)
                next = end
            case .partial(let partial, let slot, let line):
                var combined = indentation
                if slot >= 0 {
                    let own = program.whole.indentations[slot]
                    if let indentation { combined = indentation + own } else { combined = own }
                }
                try nest(template: template, line: line)
                try render(program.whole.bodies[partial], template: partial, indentation: combined?.isEmpty == true ? nil : combined)
                depth -= 1
            }
            if indents { pendingIndentation = nil }
            index = next
        }
    }

    private mutating func value(_ name: Int, escaped: Bool, template: Int, line: Int) throws {
        guard let value = try resolve(name, template: template, line: line) else { return }
        switch value {
        case .text(let text): write(text, escaped: escaped)
        case .utf8(let bytes): write(bytes, escaped: escaped)
        case .int(let number): write(String(number), escaped: false)
        case .number(let number): write(String(describing: number), escaped: false)
        case .bool(let flag): write(flag ? "true" : "false", escaped: false)
        case .null: break
        case .list, .rowList, .object:
            if strict {
                let kind = if case .object = value { "an object" } else { "a list" }
                let source = program.whole.sources[name].source
                throw TemplateError(file: program.whole.files[template], line: line,
                                    reason: "`\(source)` is \(kind), which has no text; use `{{#\(source)}}…{{/\(source)}}` to show its contents")
            }
        }
    }

    private mutating func section(_ name: Int, inverted: Bool, body: Range<Int>, template: Int,
                                  indentation: [UInt8]?, line: Int) throws {
        let value = try resolve(name, template: template, line: line)
        try nest(template: template, line: line)
        defer { depth -= 1 }
        if inverted {
            switch value {
            case nil, .null?, .bool(false)?:
                try render(body, template: template, indentation: indentation)
            case .list(let items)? where items.isEmpty:
                // swift-mustache puts the empty list on the stack (`{{.}}` sees it).
                stack.append(.list(items))
                defer { stack.removeLast() }
                try render(body, template: template, indentation: indentation)
            case .rowList(let rows)? where rows.count == 0:
                stack.append(.list([]))
                defer { stack.removeLast() }
                try render(body, template: template, indentation: indentation)
            default:
                break
            }
            return
        }
        switch value {
        case nil, .null?, .bool(false)?:
            break
        case .bool(true)?:
            try render(body, template: template, indentation: indentation)
        case .list(let items)?:
            for item in items {
                stack.append(item)
                defer { stack.removeLast() }
                try render(body, template: template, indentation: indentation)
            }
        case .rowList(let rows)?:
            // Each row is made here and dropped when its pass is done.
            for offset in 0..<rows.count {
                stack.append(rows[offset])
                defer { stack.removeLast() }
                try render(body, template: template, indentation: indentation)
            }
        case let other?:
            stack.append(other)
            defer { stack.removeLast() }
            try render(body, template: template, indentation: indentation)
        }
    }

    private mutating func nest(template: Int, line: Int) throws {
        depth += 1
        guard depth <= Self.maximumDepth else {
            throw TemplateError(file: program.whole.files[template], line: line,
                                reason: "sections and partials nest more than \(Self.maximumDepth) deep; does a partial include itself without end?")
        }
    }

    // MARK: Names

    /// The value name `name` stands for here, or `nil` (rendered as nothing) when it is
    /// missing, which a strict library reports instead.
    private func resolve(_ name: Int, template: Int, line: Int) throws -> TemplateValue? {
        let reference = program.names[name]
        let parts = reference.parts
        var found: TemplateValue
        if parts.isEmpty {
            found = stack[stack.count - 1]
        } else {
            let first = program.keys[parts.lowerBound]
            var match: TemplateValue?
            if reference.topOnly {
                if case .object(let fields) = stack[stack.count - 1] { match = fields[first] }
            } else {
                var index = stack.count - 1
                while index >= 0 {
                    if case .object(let fields) = stack[index], let value = fields[first] {
                        match = value
                        break
                    }
                    index -= 1
                }
            }
            guard let match else { return try missing(name, part: 0, template: template, line: line) }
            found = match
            var part = parts.lowerBound + 1
            while part < parts.upperBound {
                guard case .object(let fields) = found, let value = fields[program.keys[part]] else {
                    return try missing(name, part: part - parts.lowerBound, template: template, line: line)
                }
                found = value
                part += 1
            }
        }
        guard reference.isEmptyTest else { return found }
        // swift-mustache's `empty` transform: lists and text only; anything else is no value.
        switch found {
        case .list(let items): return .bool(items.isEmpty)
        case .rowList(let rows): return .bool(rows.count == 0)
        case .text(let text): return .bool(text.isEmpty)
        case .utf8(let bytes): return .bool(bytes.isEmpty)
        default: return nil
        }
    }

    private func missing(_ name: Int, part: Int, template: Int, line: Int) throws -> TemplateValue? {
        guard strict else { return nil }
        let source = program.whole.sources[name]
        let key = source.parts[part]
        let file = program.whole.files[template]
        if part > 0 {
            let parent = source.parts[..<part].joined(separator: ".")
            throw TemplateError(file: file, line: line, reason: "unknown key '\(key)' in `\(source.source)`: '\(parent)' has no '\(key)'")
        }
        var scopes: [String] = []
        if stack.count > 1, case .object(let fields) = stack[stack.count - 1] {
            scopes.append("the current item has: " + fields.keys.sorted().joined(separator: ", "))
        }
        if case .object(let fields) = stack[0] {
            scopes.append("the view has: " + fields.keys.sorted().joined(separator: ", "))
        }
        let place = source.topOnly ? "in the current item" : "in any enclosing section or the view"
        throw TemplateError(file: file, line: line,
                            reason: "unknown key '\(key)' (not \(place)); " + (scopes.isEmpty ? "" : scopes.joined(separator: "; ")))
    }
}
