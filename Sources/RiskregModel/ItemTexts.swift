/// The texts and artifacts of a snapshot's items in one buffer, UTF-8 back to back: one
/// allocation where there were 600,000 strings for a register of 100,000 records. Items keep
/// where theirs start (`RegisterSnapshot.ItemRecord`).
package final class ItemTexts: Sendable {
    private let bytes: [UInt8]

    fileprivate init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// `length` bytes from `start`, as a string.
    package func string(from start: Int, length: Int) -> String {
        withBytes(from: start, length: length) { String(decoding: $0, as: UTF8.self) }
    }

    /// Calls `body` with `length` bytes from `start`.
    package func withBytes<R>(from start: Int, length: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<start + length])) }
    }

    /// Gathers texts, then hands them over as one store.
    package struct Builder {
        private var bytes: [UInt8] = []

        package init(capacity: Int = 0) {
            bytes.reserveCapacity(capacity)
        }

        /// Appends `text` and then `artifact`; where the text starts.
        package mutating func append(_ text: String, artifact: String?) -> Int {
            let start = bytes.count
            bytes.append(contentsOf: text.utf8)
            if let artifact { bytes.append(contentsOf: artifact.utf8) }
            return start
        }

        package consuming func finish() -> ItemTexts { ItemTexts(bytes: bytes) }
    }
}
