/// Values a command keeps until the process exits instead of freeing them: freeing a large
/// register's objects one by one (10,000 records, 60,000 items, the pages' views) took a
/// twentieth of a one-file build, and the operating system takes the memory back at exit at
/// once. Only for commands about to exit; a library caller that goes on frees as usual.
package enum KeptUntilExit {
    private final class Box<Value> {
        let value: Value
        init(_ value: Value) { self.value = value }
    }

    /// Keeps `value` (and all it refers to) alive until the process ends.
    package static func keep<Value>(_ value: Value) {
        _ = Unmanaged.passRetained(Box(value))
    }
}
