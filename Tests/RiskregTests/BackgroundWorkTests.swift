import Dispatch
import Foundation
import Testing

@testable import RiskregModel

/// `BackgroundWork` is waited for from threads of Dispatch's shared pool (a command's async
/// `run`, the build's steps, `concurrentPerform`). On a one-core machine that pool has one
/// thread, so work queued on it behind a waiting caller did not start until Dispatch added a
/// thread, about a second later: every import and build stalled. Work must start at once
/// however busy the pool is.
@Suite struct BackgroundWorkTests {
    @Test func workStartsWhileEveryPoolThreadWaits() {
        // Occupy more pool threads than a machine of this size gets, all waiting on `gate`.
        let gate = DispatchSemaphore(value: 0)
        let busy = ProcessInfo.processInfo.activeProcessorCount * 8
        for _ in 0..<busy {
            DispatchQueue.global().async {
                gate.wait()
                gate.signal()
            }
        }
        defer { gate.signal() }
        let started = DispatchSemaphore(value: 0)
        let work = BackgroundWork { () -> Int in
            started.signal()
            return 42
        }
        // Generous: on its own thread the work starts within milliseconds.
        #expect(started.wait(timeout: .now() + 10) == .success, "background work waited for Dispatch's busy pool")
        gate.signal()
        #expect(work.value() == 42)
    }

    @Test func nestedWorkFinishesAndEveryCallerSeesTheValue() {
        let outer = (0..<16).map { index in
            BackgroundWork { () -> Int in
                let inner = BackgroundWork { index * 2 }
                return inner.value() + 1
            }
        }
        #expect(outer.map { $0.value() } == (0..<16).map { $0 * 2 + 1 })
        // A second wait returns the same value at once.
        #expect(outer[3].value() == 7)
    }
}
