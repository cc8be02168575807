import Mustache

/// Template values in a final class. Mustache casts every context object to `MustacheParent`
/// on each lookup; for `[String: Any]` that is a generic conditional conformance the runtime
/// resolves slowly, for a final class it is a cached lookup. Same data, several times faster.
final class ViewValues: MustacheParent, @unchecked Sendable {
    let values: [String: Any]

    init(_ values: [String: Any]) { self.values = values }

    func child(named name: String) -> Any? { values[name] }

    /// Converts nested dictionaries (and arrays of them) to `ViewValues`.
    static func wrap(_ value: Any) -> Any {
        switch value {
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
