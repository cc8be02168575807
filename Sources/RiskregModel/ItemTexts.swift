/// The texts of a snapshot's items (text, artifact, owner, due date), UTF-8 back to back in
/// chunks of a megabyte: a few allocations where there were millions of strings for a register
/// of 100,000 records. Items keep where theirs start (`RegisterSnapshot.ItemRecord`).
///
/// In chunks, not one array: an array grows by doubling, and at 100,000 records the one array
/// had 34 MB allocated for 20 MB of text. A chunk is allocated at its full size once and never
/// grows, so at most one chunk is partly empty; an entry larger than a chunk gets one of its own.
///
/// Unchecked-Sendable: texts are appended only while a snapshot is read, on the reading
/// thread, before any item made with the store leaves it; from then on the store is only read.
/// (Made whole first and then shared, the items in between took as much memory again.)
package final class ItemTexts: @unchecked Sendable {
    package static let chunkSize = 1 << 20

    private var chunks: [[UInt8]] = []

    package init() {}

    /// Appends an item's text, then its artifact, owner and due date where it has them; where
    /// the text starts. An entry never spans two chunks. Only while no other thread holds the
    /// store (see above).
    package func append(_ text: String, artifact: String?, owner: String?, due: String?) -> Int {
        let length = text.utf8.count + (artifact?.utf8.count ?? 0) + (owner?.utf8.count ?? 0) + (due?.utf8.count ?? 0)
        if chunks.isEmpty || chunks[chunks.count - 1].count + length > chunks[chunks.count - 1].capacity {
            var fresh: [UInt8] = []
            fresh.reserveCapacity(max(Self.chunkSize, length))
            chunks.append(fresh)
        }
        let chunk = chunks.count - 1
        let start = chunks[chunk].count
        chunks[chunk].append(contentsOf: text.utf8)
        if let artifact { chunks[chunk].append(contentsOf: artifact.utf8) }
        if let owner { chunks[chunk].append(contentsOf: owner.utf8) }
        if let due { chunks[chunk].append(contentsOf: due.utf8) }
        return chunk << 32 | start
    }

    /// `length` bytes from `start` (a place `append` gave, plus an offset), as a string.
    package func string(from start: Int, length: Int) -> String {
        withBytes(from: start, length: length) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with `length` bytes from `start`.
    package func withBytes<R>(from start: Int, length: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        let offset = start & 0xFFFF_FFFF
        return try chunks[start >> 32].withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[offset..<offset + length])) }
    }

    /// Bytes held, and bytes allocated for them.
    package var size: (used: Int, allocated: Int) {
        chunks.reduce((0, 0)) { ($0.0 + $1.count, $0.1 + $1.capacity) }
    }
}
