import Dispatch
import Foundation

/// `map` on all cores, in chunks, keeping the order: the one place the site's parallel work
/// hands results between threads.
///
/// `concurrentPerform` rather than a task group: the build's sequential work (items.html,
/// the JSON export) then stays on one thread. Awaiting a task group let it resume on other
/// threads, and a 4,000-drill build peaked 5–10% higher (more malloc arenas).
enum ParallelWork {
    /// `transform` over `elements`, `chunk` at a time per thread; results in the order of
    /// `elements`. After a failure no new element is started, and the failure is thrown.
    static func map<Element: Sendable, Result: Sendable>(_ elements: [Element], chunk: Int,
                                                        _ transform: @Sendable (Element) throws -> Result) throws -> [Result] {
        let chunks = Array(elements.chunks(ofCount: max(1, chunk)))
        guard chunks.count > 1 else { return try elements.map(transform) }
        let results = ChunkResults<Result>(count: chunks.count)
        DispatchQueue.concurrentPerform(iterations: chunks.count) { index in
            var done: [Result] = []
            done.reserveCapacity(chunks[index].count)
            for element in chunks[index] {
                guard !results.hasFailed else { return }
                do {
                    done.append(try transform(element))
                } catch {
                    results.fail(error)
                    return
                }
            }
            results.store(done, at: index)
        }
        return try results.all()
    }
}

/// Where the threads of one `ParallelWork.map` call leave their chunks' results, and the first
/// failure.
///
/// Unchecked-Sendable because it is shared by the threads of `concurrentPerform`: its only
/// mutable state, `chunks` and `failure`, is read and written only while holding `lock` (an
/// `NSLock` it owns and never hands out).
private final class ChunkResults<Result: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var chunks: [[Result]]
    private var failure: Error?

    init(count: Int) {
        chunks = Array(repeating: [], count: count)
    }

    var hasFailed: Bool { lock.withLock { failure != nil } }

    func store(_ results: [Result], at index: Int) {
        lock.withLock { chunks[index] = results }
    }

    /// Keeps the first failure; later ones are consequences or races.
    func fail(_ error: Error) {
        lock.withLock { if failure == nil { failure = error } }
    }

    /// Every result in order, or the first failure.
    func all() throws -> [Result] {
        try lock.withLock {
            if let failure { throw failure }
            return Array(chunks.joined())
        }
    }
}
