/// One piece of a compiled template, parsed once: literal text, a value, a section or a
/// partial. A section holds its body; a partial is an index into its library's templates,
/// resolved when the library loads.
package enum TemplateNode: Sendable {
    case text(TemplateText)
    /// `{{name}}` (escaped) or `{{{name}}}` / `{{&name}}` (raw).
    case value(TemplateName, escaped: Bool, line: Int)
    /// `{{#name}}…{{/name}}`, or with `inverted` `{{^name}}…{{/name}}`.
    case section(TemplateName, inverted: Bool, body: [TemplateNode], line: Int)
    /// `{{> name}}`. `indentation` is the whitespace before a standalone partial tag (added to
    /// every line the partial writes); `nil` when the tag shares its line, so the partial keeps
    /// the indentation it is rendered with.
    case partial(index: Int, indentation: [UInt8]?, line: Int)
}

/// Literal template text as UTF-8, with where its lines start: an indented partial writes its
/// indentation before each of them.
package struct TemplateText: Sendable {
    package var bytes: [UInt8]
    /// Offsets just after each `\n` that is not the last byte.
    package var lineStarts: [Int]

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        var starts: [Int] = []
        for (offset, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") && offset + 1 < bytes.count {
            starts.append(offset + 1)
        }
        lineStarts = starts
    }
}
