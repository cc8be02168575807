import Mustache

/// The root of a render: Mustache falls back to it when no inner context has a key, so a key
/// missing here is missing everywhere, and is recorded.
final class StrictContext: MustacheParent, @unchecked Sendable {
    let values: [String: Any]
    private(set) var misses: [String] = []

    init(_ values: [String: Any], root: String? = nil) {
        var wrapped = values.mapValues(ViewValues.wrap)
        if let root { wrapped["root"] = ViewText(root) }
        self.values = wrapped
    }

    func child(named name: String) -> Any? {
        if let value = values[name] { return value }
        misses.append(name)
        return nil
    }
}
