import CCmark
import CMarkdownArena

/// The memory of one parsed document (`CMarkdownArena`): cmark's nodes, buffers and rendered
/// HTML come out of a few large blocks, all freed when the arena goes. Every cmark call that
/// may allocate runs inside `use`, which makes this the calling thread's arena for its
/// duration and puts the previous one back (documents parsed inside others' `use` nest).
final class MarkdownArena {
    private let handle: OpaquePointer

    /// Nil when out of memory.
    init?() {
        guard let handle = riskreg_arena_create() else { return nil }
        self.handle = handle
    }

    deinit {
        riskreg_arena_destroy(handle)
    }

    /// cmark's allocator over the arena in `use` on the calling thread.
    var allocator: UnsafeMutablePointer<cmark_mem> { riskreg_arena_allocator() }

    /// Bytes taken from malloc so far for small allocations (large ones are malloc's own).
    var reserved: Int { riskreg_arena_reserved(handle) }

    func use<T>(_ body: () throws -> T) rethrows -> T {
        let previous = riskreg_arena_enter(handle)
        defer { riskreg_arena_enter(previous) }
        return try body()
    }
}
