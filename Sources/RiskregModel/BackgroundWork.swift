import Dispatch
import Synchronization

/// Work started on another thread now and waited for later: what lets the site's weekly
/// reports be computed beside the steps before them, and a register's items be read on a
/// second connection beside the rest. The result crosses threads through a `Mutex`, and
/// `value` waits on a semaphore the worker signals once.
package final class BackgroundWork<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    package init(_ work: @escaping @Sendable () -> Value) {
        DispatchQueue.global().async { [self] in
            let value = work()
            result.withLock { $0 = value }
            finished.signal()
        }
    }

    /// The result, waiting for it if the work is still running.
    package func value() -> Value {
        finished.wait()
        finished.signal()  // later callers do not wait
        return result.withLock { $0! }
    }
}
