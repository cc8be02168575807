/// Named templates, each parsed once, with their partials resolved to each other when the
/// library is made. Immutable and `Sendable`: pages render from one library on many threads.
///
/// Two modes. `strict` (the site): an unknown partial is a load error, and a key found in no
/// context frame is a render error naming the template file and line. `spec` (the Mustache
/// spec's rules): both render as nothing.
package struct TemplateLibrary: Sendable {
    package enum Mode: Sendable {
        case strict
        case spec
    }

    /// A template's source before parsing.
    package struct Source: Sendable {
        package var name: String
        package var text: String
        /// Where it was read from, as errors print it (the name when not from a file).
        package var file: String

        package init(name: String, text: String, file: String? = nil) {
            self.name = name
            self.text = text
            self.file = file ?? name
        }
    }

    package let mode: Mode
    private let templates: [CompiledTemplate]
    /// The same templates flattened, as they are rendered.
    private let program: TemplateProgram
    private let indices: [String: Int]

    /// Parses every source; the first error (in the order of `sources`) is thrown.
    package init(_ sources: [Source], mode: Mode) throws {
        self.mode = mode
        var indices: [String: Int] = [:]
        for (index, source) in sources.enumerated() {
            guard indices[source.name] == nil else {
                throw TemplateError(file: source.file, line: nil, reason: "a second template named '\(source.name)'; rename one")
            }
            indices[source.name] = index
        }
        let resolved = indices
        var templates: [CompiledTemplate] = []
        templates.reserveCapacity(sources.count)
        for source in sources {
            let parser = TemplateParser(source: source.text, file: source.file) { name, line in
                if let index = resolved[name] { return index }
                guard mode == .strict else { return nil }
                throw TemplateError(file: source.file, line: line,
                                    reason: "unknown partial '\(name)' (no template named '\(name)'); add \(name).mustache or fix the name")
            }
            templates.append(CompiledTemplate(name: source.name, file: source.file, nodes: try parser.parse(),
                                              sourceSize: source.text.utf8.count))
        }
        self.templates = templates
        self.indices = indices
        program = TemplateProgram(templates)
    }

    /// Templates given as name → source, in spec mode unless told otherwise.
    package init(templates: [String: String], mode: Mode = .spec) throws {
        try self.init(templates.sorted { $0.key < $1.key }.map { Source(name: $0.key, text: $0.value) }, mode: mode)
    }

    package var names: [String] { templates.map(\.name) }

    package func contains(_ name: String) -> Bool { indices[name] != nil }

    /// Renders template `name` over `value` (the bottom of the context stack).
    package func render(_ name: String, _ value: TemplateValue) throws -> String {
        String(decoding: try renderBytes(name, value), as: UTF8.self)
    }

    /// Renders template `name` over `value` as UTF-8.
    package func renderBytes(_ name: String, _ value: TemplateValue) throws -> [UInt8] {
        guard let index = indices[name] else {
            throw TemplateError(file: name, line: nil, reason: "no template named '\(name)'; the library has: \(names.sorted().joined(separator: ", "))")
        }
        let whole = program
        return try whole.ops.withUnsafeBufferPointer { ops in
            try whole.text.withUnsafeBufferPointer { text in
                try whole.lineStarts.withUnsafeBufferPointer { lineStarts in
                    try whole.keys.withUnsafeBufferPointer { keys in
                        try whole.names.withUnsafeBufferPointer { names in
                            let pointers = TemplateRenderer.Program(ops: ops, text: text, lineStarts: lineStarts, keys: keys, names: names, whole: whole)
                            var renderer = TemplateRenderer(program: pointers, strict: mode == .strict, root: value,
                                                            capacity: max(4096, templates[index].sourceSize * 2))
                            try renderer.render(template: index)
                            return renderer.out
                        }
                    }
                }
            }
        }
    }
}
