/// A library's templates flattened for rendering: every node a plain value (offsets and
/// indices, no references), each section's body the nodes right after it, literal text in one
/// byte array, names split into one table of keys.
///
/// The parsed trees (`CompiledTemplate`) hold arrays and strings in every node, and walking
/// them copied each node: a retain and a release per array, most of a page's render time.
/// Walking these copies nothing that is counted.
struct TemplateProgram: Sendable {
    enum Op: Sendable {
        /// `text[start..<end]`; its inner line starts are `lineStarts[lines]` (offsets into `text`).
        case text(start: Int, end: Int, lines: Range<Int>)
        case value(name: Int, escaped: Bool, line: Int)
        /// The body is `ops[(index + 1)..<end]`.
        case section(name: Int, inverted: Bool, end: Int, line: Int)
        /// `indentation` indexes `indentations`, or is -1 for a tag that shares its line.
        case partial(template: Int, indentation: Int, line: Int)
    }

    /// A name as the renderer looks it up: `keys[parts]`, split on dots once.
    struct Name: Sendable {
        var parts: Range<Int>
        var topOnly: Bool
        var isEmptyTest: Bool
    }

    private(set) var ops: [Op] = []
    private(set) var text: [UInt8] = []
    private(set) var lineStarts: [Int] = []
    private(set) var keys: [String] = []
    private(set) var names: [Name] = []
    /// The names as parsed, for messages.
    private(set) var sources: [TemplateName] = []
    private(set) var indentations: [[UInt8]] = []
    /// Each template's top-level nodes, by library index.
    private(set) var bodies: [Range<Int>] = []
    /// Each template's file, for messages.
    private(set) var files: [String] = []

    init(_ templates: [CompiledTemplate]) {
        for template in templates {
            let start = ops.count
            append(template.nodes)
            bodies.append(start..<ops.count)
            files.append(template.file)
        }
    }

    private mutating func append(_ nodes: [TemplateNode]) {
        for node in nodes {
            switch node {
            case .text(let literal):
                let start = text.count
                text += literal.bytes
                let first = lineStarts.count
                lineStarts += literal.lineStarts.map { start + $0 }
                ops.append(.text(start: start, end: text.count, lines: first..<lineStarts.count))
            case .value(let name, let escaped, let line):
                ops.append(.value(name: add(name), escaped: escaped, line: line))
            case .section(let name, let inverted, let body, let line):
                let index = ops.count, named = add(name)
                ops.append(.section(name: named, inverted: inverted, end: 0, line: line))
                append(body)
                ops[index] = .section(name: named, inverted: inverted, end: ops.count, line: line)
            case .partial(let template, let indentation, let line):
                var slot = -1
                if let indentation {
                    slot = indentations.count
                    indentations.append(indentation)
                }
                ops.append(.partial(template: template, indentation: slot, line: line))
            }
        }
    }

    private mutating func add(_ name: TemplateName) -> Int {
        let first = keys.count
        keys += name.parts
        names.append(Name(parts: first..<keys.count, topOnly: name.topOnly, isEmptyTest: name.isEmptyTest))
        sources.append(name)
        return names.count - 1
    }
}
