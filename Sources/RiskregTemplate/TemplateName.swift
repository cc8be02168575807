/// A name in a tag (`{{a.b}}`, `{{.}}`, `{{#empty(list)}}`), split once when the template is
/// parsed.
package struct TemplateName: Sendable, Equatable {
    /// `a.b.c` as `["a", "b", "c"]`; empty for `.` (the value on top of the context stack).
    package var parts: [String]
    /// A leading dot (`.a`) looks `a` up in the top value only, as swift-mustache did.
    package var topOnly: Bool
    /// `empty(name)`: true for an empty list or text, false for a non-empty one.
    package var isEmptyTest: Bool
    /// The tag's content as written, for messages and for matching `{{/…}}`.
    package var source: String

    /// Parses a tag's trimmed content; `nil` with a reason when it is not a name riskreg reads.
    static func parse(_ content: String) -> Result<TemplateName, NameError> {
        var text = Substring(content)
        var isEmptyTest = false
        if let open = text.firstIndex(of: "(") {
            let function = text[..<open]
            guard text.last == ")" else { return .failure(NameError("`\(content)` is not a name: a `(` without a closing `)`")) }
            guard function == "empty" else {
                return .failure(NameError("unsupported function `\(function)(…)` in `\(content)`; only `empty(name)` is supported (true for an empty list)"))
            }
            text = text[text.index(after: open)..<text.index(before: text.endIndex)]
            guard !text.contains("("), !text.contains(")") else {
                return .failure(NameError("`\(content)`: functions do not nest; only `empty(name)` is supported"))
            }
            isEmptyTest = true
        }
        guard !text.isEmpty else { return .failure(NameError("an empty name in `\(content)`")) }
        guard !text.contains(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }) else {
            return .failure(NameError("`\(content)` is not a name: it holds whitespace"))
        }
        if text == "." {
            return .success(TemplateName(parts: [], topOnly: true, isEmptyTest: isEmptyTest, source: content))
        }
        var topOnly = false
        if text.first == "." {
            topOnly = true
            text = text.dropFirst()
        }
        let parts = text.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else {
            return .failure(NameError("`\(content)` is not a name: an empty part between dots"))
        }
        return .success(TemplateName(parts: parts, topOnly: topOnly, isEmptyTest: isEmptyTest, source: content))
    }

    /// Why a tag's content is not a name.
    struct NameError: Error {
        var reason: String
        init(_ reason: String) { self.reason = reason }
    }
}
