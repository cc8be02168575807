import Mustache
import RiskregModel
import RiskregReport

/// The root of a render: Mustache falls back to it when no inner context has a key, so a key
/// missing here is missing everywhere, and is recorded.
///
/// One per render, on one thread: it records misses as Mustache looks keys up, so it is neither
/// shared nor `Sendable`.
package final class StrictContext: MustacheParent {
    package let values: [String: Any]
    private(set) var misses: [String] = []

    package init(_ values: [String: Any], root: String? = nil) {
        var wrapped = values.mapValues(ViewValues.wrap)
        if let root { wrapped["root"] = ViewText(root) }
        self.values = wrapped
    }

    package func child(named name: String) -> Any? {
        if let value = values[name] { return value }
        misses.append(name)
        return nil
    }
}
