import Foundation

/// A pretty-printed, key-sorted JSON object written member by member, its long arrays a batch
/// of elements at a time: the same bytes `JSONEncoder` (`.prettyPrinted, .sortedKeys,
/// .withoutEscapingSlashes`) makes of the whole value, without holding the whole value or its
/// encoded tree (for 50,000 records that tree was most of the memory the export took).
/// Members must be added in sorted key order.
package struct PrettyJSONObject {
    private let encoder: JSONEncoder
    package private(set) var bytes: [UInt8]

    /// `expectedBytes` reserves room for the result, so it is not copied as it grows.
    package init(expectedBytes: Int = 0) {
        encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        bytes = []
        bytes.reserveCapacity(expectedBytes + 2)
        bytes.append(contentsOf: "{\n".utf8)
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
