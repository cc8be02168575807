import Mustache

/// Template values in a final class. Mustache casts every context object to `MustacheParent`
/// on each lookup; for `[String: Any]` that is a generic conditional conformance the runtime
/// resolves slowly, for a final class it is a cached lookup. Same data, several times faster.
final class ViewValues: MustacheParent, @unchecked Sendable {
    let values: [String: Any]

    init(_ values: [String: Any]) { self.values = values }

    func child(named name: String) -> Any? { values[name] }

    /// Converts nested dictionaries (and arrays of them) to `ViewValues`, strings to `ViewText`.
    static func wrap(_ value: Any) -> Any {
        switch value {
        case let text as String:
            return ViewText(text)
        case let dictionary as [String: Any]:
            return ViewValues(dictionary.mapValues(wrap))
        case let rows as [[String: Any]]:
            return rows.map { ViewValues($0.mapValues(wrap)) }
        case let list as [Any]:
            return list.map(wrap)
        default:
            return value
        }
    }
}

/// A string value for templates. Renders exactly as the string (escaped by `{{ }}`, raw by
/// `{{{ }}}`) and supports the same transforms, but when a section pushes it onto the context
/// stack, lookups pass over it cheaply instead of reflecting over a `String` with `Mirror`.
final class ViewText: MustacheParent, MustacheCustomRenderable, MustacheTransformable, @unchecked Sendable {
    let text: String

    init(_ text: String) { self.text = text }

    var renderText: String { text }
    var isNull: Bool { false }

    func child(named name: String) -> Any? { nil }

    func transform(_ name: String) -> Any? { text.transform(name) }
}
