import Dispatch
import Foundation
import Synchronization

/// Work started on another thread now and waited for later: what lets the site's weekly
/// reports be computed beside the steps before them, and a register's items be read on a
/// second connection beside the rest. The result crosses threads through a `Mutex`, and
/// `value` waits on a semaphore the worker signals once.
///
/// Each piece of work gets a thread of its own, not one of Dispatch's shared pool: callers
/// wait for it from pool threads (a command's async `run`, other background work), and on a
/// one-core machine the pool has one thread, so work queued behind its waiting caller did not
/// start until Dispatch added a thread, about a second later. A command starts a handful.
package final class BackgroundWork<Value: Sendable>: Sendable {
    private let result = Mutex<Value?>(nil)
    private let finished = DispatchSemaphore(value: 0)

    package init(_ work: @escaping @Sendable () -> Value) {
        Thread { [self] in
            let value = work()
            result.withLock { $0 = value }
            finished.signal()
        }.start()
    }

    /// The result, waiting for it if the work is still running.
    package func value() -> Value {
        finished.wait()
        finished.signal()  // later callers do not wait
        return result.withLock { $0! }
    }
}
