import Foundation

/// A pretty-printed, key-sorted JSON object written member by member, its long arrays a batch
/// of elements at a time: the same bytes `JSONEncoder` (`.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes`) makes of the whole value, without holding the whole value or its
/// encoded tree (for 50,000 records that tree was most of the memory the export took).
/// Members must be added in sorted key order.
///
/// Made with a `sink`, it streams: whenever a batch leaves `flushEvery` bytes or more waiting,
/// they go to the sink and `bytes` starts again, so the whole document is never in memory;
/// `finish` hands over the rest.
package struct PrettyJSONObject {
    /// Where a streaming object's bytes go, in order, one run at a time.
    package typealias Sink = ([UInt8]) throws -> Void

    private let encoder: JSONEncoder
    /// The bytes not yet given to the sink (without one: the whole object so far).
    package private(set) var bytes: [UInt8]
    private let sink: Sink?
    private let flushEvery: Int

    /// `expectedBytes` reserves room for the result, so it is not copied as it grows.
    package init(expectedBytes: Int = 0) {
        self.init(reserving: expectedBytes, flushEvery: .max, sink: nil)
    }

    /// A streaming object: bytes go to `sink` about `flushEvery` at a time (see `finish`).
    package init(flushEvery: Int = 1 << 20, sink: @escaping Sink) {
        self.init(reserving: flushEvery, flushEvery: max(1, flushEvery), sink: sink)
    }

    private init(reserving: Int, flushEvery: Int, sink: Sink?) {
        encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        bytes = []
        bytes.reserveCapacity(reserving + 2)
        bytes.append(contentsOf: "{\n".utf8)
        self.sink = sink
        self.flushEvery = flushEvery
    }

    /// Hands every byte still waiting to the sink; call once the object is complete.
    package mutating func finish() throws {
        guard let sink, !bytes.isEmpty else { return }
        try sink(bytes)
        bytes.removeAll(keepingCapacity: true)
    }

    private mutating func flushIfFull() throws {
        if bytes.count >= flushEvery { try finish() }
    }

    /// An array member of `count` elements, made `batchSize` at a time by `batch` (given the
    /// range of indices to make); `last` for the object's final member.
    package mutating func list<T: Encodable>(_ key: String, count: Int, batchSize: Int = 256, last: Bool = false,
                                             batch: (Range<Int>) throws -> [T]) throws {
        let encoder = self.encoder
        try list(key, count: count, batchSize: batchSize, last: last) { range, bytes in
            // An encoded batch is "[\n  {…},\n  {…}\n]": keep the inner lines, two spaces deeper.
            // Encoded JSON has no raw newlines inside strings, so lines are safe to indent.
            let slice = try batch(range)
            let encoded = [UInt8](try encoder.encode(slice))
            guard let opening = encoded.firstIndex(of: 10), let end = encoded.lastIndex(of: 10) else {
                throw EncodingError.invalidValue(slice, .init(codingPath: [], debugDescription: "a pretty-printed JSON array without line breaks"))
            }
            bytes.append(contentsOf: (range.lowerBound == 0 ? "\n" : ",\n").utf8)
            var lineStart = opening + 1
            while lineStart < end {
                let lineEnd = encoded[lineStart..<end].firstIndex(of: 10) ?? end
                if lineEnd > lineStart { bytes.append(contentsOf: [32, 32]) }
                bytes.append(contentsOf: encoded[lineStart..<lineEnd])
                if lineEnd < end { bytes.append(10) }
                lineStart = lineEnd + 1
            }
        }
    }

    /// `list(_:count:batchSize:last:batch:)` for values that write themselves (`PrettyJSON`):
    /// the same bytes, without `JSONEncoder`.
    package mutating func list<T: PrettyJSONWritable>(_ key: String, count: Int, batchSize: Int = 256, last: Bool = false,
                                                     batch: (Range<Int>) throws -> [T]) throws {
        try list(key, count: count, batchSize: batchSize, last: last) { range, bytes in
            for (offset, value) in try batch(range).enumerated() {
                bytes.append(contentsOf: (range.lowerBound == 0 && offset == 0 ? "\n    " : ",\n    ").utf8)
                var json = PrettyJSON(depth: 2)
                try value.write(to: &json)
                bytes.append(contentsOf: json.bytes)
            }
        }
    }

    /// The member's key and brackets around `write`, called with each batch's range.
    private mutating func list(_ key: String, count: Int, batchSize: Int, last: Bool,
                               write: (Range<Int>, inout [UInt8]) throws -> Void) throws {
        bytes.append(contentsOf: "  \"\(key)\" : [".utf8)
        var start = 0
        while start < count {
            let range = start..<min(count, start + batchSize)
            try write(range, &bytes)
            try flushIfFull()
            start = range.upperBound
        }
        bytes.append(contentsOf: (count == 0 ? "\n\n  ]" : "\n  ]").utf8)
        bytes.append(contentsOf: (last ? "\n" : ",\n").utf8)
    }

    /// An array member made of `values`.
    package mutating func list<T: Encodable>(_ key: String, _ values: [T], last: Bool = false) throws {
        try list(key, count: values.count, last: last) { Array(values[$0]) }
    }

    /// Bytes after the object (a final newline).
    package mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    /// A string member; closes the object when `last`.
    package mutating func string(_ key: String, _ value: String, last: Bool) throws {
        let encoded = try encoder.encode(value)
        bytes.append(contentsOf: "  \"\(key)\" : ".utf8)
        bytes.append(contentsOf: encoded)
        bytes.append(contentsOf: (last ? "\n}" : ",\n").utf8)
    }
}
