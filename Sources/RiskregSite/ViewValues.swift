import Mustache
import RiskregModel
import RiskregReport

/// Template values in a final class. Mustache casts every context object to `MustacheParent`
/// on each lookup; for `[String: Any]` that is a generic conditional conformance the runtime
/// resolves slowly, for a final class it is a cached lookup. Same data, several times faster.
///
/// Not `Sendable` (it holds `Any`): made, rendered and dropped on the thread that renders a page.
package final class ViewValues: MustacheParent {
    package let values: [String: Any]

    package init(_ values: [String: Any]) { self.values = values }

    package func child(named name: String) -> Any? { values[name] }

    /// Converts nested dictionaries (and arrays of them) to `ViewValues`, strings to `ViewText`.
    package static func wrap(_ value: Any) -> Any {
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
package final class ViewText: MustacheParent, MustacheCustomRenderable, MustacheTransformable, Sendable {
    package let text: String

    package init(_ text: String) { self.text = text }

    package var renderText: String { text }
    package var isNull: Bool { false }

    package func child(named name: String) -> Any? { nil }

    package func transform(_ name: String) -> Any? { text.transform(name) }
}
