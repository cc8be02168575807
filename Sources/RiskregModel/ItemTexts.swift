/// The texts and artifacts of a snapshot's items in one buffer, UTF-8 back to back: one
/// allocation where there were 600,000 strings for a register of 100,000 records. Items keep
/// where theirs start (`RegisterSnapshot.ItemRecord`).
///
/// Unchecked-Sendable: texts are appended only while a snapshot is read, on the reading
/// thread, before any item made with the store leaves it; from then on the store is only read.
/// (Made whole first and then shared, the items in between took as much memory again.)
package final class ItemTexts: @unchecked Sendable {
    private var bytes: [UInt8] = []

    package init() {}

    /// Appends `text` and then `artifact`; where the text starts. Only while no other thread
    /// holds the store (see above).
    package func append(_ text: String, artifact: String?) -> Int {
        let start = bytes.count
        bytes.append(contentsOf: text.utf8)
        if let artifact { bytes.append(contentsOf: artifact.utf8) }
        return start
    }

    /// `length` bytes from `start`, as a string.
    package func string(from start: Int, length: Int) -> String {
        withBytes(from: start, length: length) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with `length` bytes from `start`.
    package func withBytes<R>(from start: Int, length: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<start + length])) }
    }
}
