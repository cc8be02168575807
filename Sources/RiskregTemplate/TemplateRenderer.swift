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

    private let templates: [CompiledTemplate]
    private let strict: Bool
    private(set) var out: [UInt8] = []
    private var stack: [TemplateValue]
    /// Indentation to write before the next non-empty output.
    private var pendingIndentation: [UInt8]?
    private var depth = 0

    init(templates: [CompiledTemplate], strict: Bool, root: TemplateValue, capacity: Int) {
        self.templates = templates
        self.strict = strict
        stack = [root]
        stack.reserveCapacity(16)
        out.reserveCapacity(capacity)
    }

    mutating func render(template index: Int) throws {
        try render(templates[index].nodes, template: index, indentation: nil)
    }

    // MARK: Writing

    @inline(__always)
    private mutating func flushIndentation() {
        if let indentation = pendingIndentation {
            out.append(contentsOf: indentation)
            pendingIndentation = nil
        }
    }

    @inline(__always)
    private mutating func write(_ bytes: ArraySlice<UInt8>) {
        guard !bytes.isEmpty else { return }
        flushIndentation()
        out.append(contentsOf: bytes)
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

    /// Renders one body (a template, a partial, or one pass of a section).
    private mutating func render(_ nodes: [TemplateNode], template: Int, indentation: [UInt8]?) throws {
        let start = out.count
        for node in nodes {
            // Only this body's own indentation is set and cleared here; a nested body sets its
            // own only after writing, when this one has been written already.
            var indents = false
            if let indentation, out.count > start, out[out.count - 1] == UInt8(ascii: "\n") {
                pendingIndentation = indentation
                indents = true
            }
            switch node {
            case .text(let text):
                if let indentation, !text.lineStarts.isEmpty {
                    var lower = 0
                    for lineStart in text.lineStarts {
                        write(text.bytes[lower..<lineStart])
                        out.append(contentsOf: indentation)
                        lower = lineStart
                    }
                    write(text.bytes[lower...])
                } else {
                    write(text.bytes[...])
                }
            case .value(let name, let escaped, let line):
                try value(name, escaped: escaped, template: template, line: line)
            case .section(let name, let inverted, let body, let line):
                try section(name, inverted: inverted, body: body, template: template, indentation: indentation, line: line)
            case .partial(let index, let own, let line):
                var combined = indentation
                if let own {
                    if let indentation { combined = indentation + own } else { combined = own }
                }
                try nest(template: template, line: line)
                try render(templates[index].nodes, template: index, indentation: combined?.isEmpty == true ? nil : combined)
                depth -= 1
            }
            if indents { pendingIndentation = nil }
        }
    }

    private mutating func value(_ name: TemplateName, escaped: Bool, template: Int, line: Int) throws {
        guard let value = try resolve(name, template: template, line: line) else { return }
        switch value {
        case .text(let text): write(text, escaped: escaped)
        case .int(let number): write(String(number), escaped: false)
        case .number(let number): write(String(describing: number), escaped: false)
        case .bool(let flag): write(flag ? "true" : "false", escaped: false)
        case .null: break
        case .list, .rowList, .object:
            if strict {
                let kind = if case .object = value { "an object" } else { "a list" }
                throw TemplateError(file: templates[template].file, line: line,
                                    reason: "`\(name.source)` is \(kind), which has no text; use `{{#\(name.source)}}…{{/\(name.source)}}` to show its contents")
            }
        }
    }

    private mutating func section(_ name: TemplateName, inverted: Bool, body: [TemplateNode], template: Int,
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
            throw TemplateError(file: templates[template].file, line: line,
                                reason: "sections and partials nest more than \(Self.maximumDepth) deep; does a partial include itself without end?")
        }
    }

    // MARK: Names

    /// The value `name` stands for here, or `nil` (rendered as nothing) when it is missing,
    /// which a strict library reports instead.
    private func resolve(_ name: TemplateName, template: Int, line: Int) throws -> TemplateValue? {
        var found: TemplateValue
        if name.parts.isEmpty {
            found = stack[stack.count - 1]
        } else {
            let first = name.parts[0]
            var match: TemplateValue?
            if name.topOnly {
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
            var part = 1
            while part < name.parts.count {
                guard case .object(let fields) = found, let value = fields[name.parts[part]] else {
                    return try missing(name, part: part, template: template, line: line)
                }
                found = value
                part += 1
            }
        }
        guard name.isEmptyTest else { return found }
        // swift-mustache's `empty` transform: lists and text only; anything else is no value.
        switch found {
        case .list(let items): return .bool(items.isEmpty)
        case .rowList(let rows): return .bool(rows.count == 0)
        case .text(let text): return .bool(text.isEmpty)
        default: return nil
        }
    }

    private func missing(_ name: TemplateName, part: Int, template: Int, line: Int) throws -> TemplateValue? {
        guard strict else { return nil }
        let key = name.parts[part]
        let file = templates[template].file
        if part > 0 {
            let parent = name.parts[..<part].joined(separator: ".")
            throw TemplateError(file: file, line: line, reason: "unknown key '\(key)' in `\(name.source)`: '\(parent)' has no '\(key)'")
        }
        var scopes: [String] = []
        if stack.count > 1, case .object(let fields) = stack[stack.count - 1] {
            scopes.append("the current item has: " + fields.keys.sorted().joined(separator: ", "))
        }
        if case .object(let fields) = stack[0] {
            scopes.append("the view has: " + fields.keys.sorted().joined(separator: ", "))
        }
        let place = name.topOnly ? "in the current item" : "in any enclosing section or the view"
        throw TemplateError(file: file, line: line,
                            reason: "unknown key '\(key)' (not \(place)); " + (scopes.isEmpty ? "" : scopes.joined(separator: "; ")))
    }
}
