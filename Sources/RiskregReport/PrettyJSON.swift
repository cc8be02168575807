/// Pretty-printed JSON written straight into bytes, member by member: the bytes `JSONEncoder`
/// with `.prettyPrinted, .sortedKeys, .withoutEscapingSlashes` makes, without its boxes and
/// dynamic casts (it was a fifth of a cold build's work: one file per record). Callers write an
/// object's members in sorted key order; tests compare every type written this way with
/// `JSONEncoder`'s bytes.
///
/// The format: two spaces per level, `"key" : value`, members and elements one per line, an
/// empty object or array as `{`, an empty line, `}`; in strings `"` and `\` escaped, `\b \t \n
/// \f \r` as such, other control characters as `\u00xx`, everything else (`/` included) as is;
/// numbers as Swift prints them, a whole `Double` without its `.0`.
package struct PrettyJSON {
    private static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)

    package private(set) var bytes: [UInt8] = []
    /// Members or elements written so far in each open object or array, innermost last.
    private var counts: [Int] = []
    /// Levels of indentation the value starts at (an element of an array that is a member: 2).
    private let depth: Int

    package init(depth: Int = 0, capacity: Int = 1024) {
        self.depth = depth
        bytes.reserveCapacity(capacity)
    }

    // MARK: Containers

    package mutating func openObject() { open(UInt8(ascii: "{")) }
    package mutating func closeObject() { close(UInt8(ascii: "}")) }
    package mutating func openArray() { open(UInt8(ascii: "[")) }
    package mutating func closeArray() { close(UInt8(ascii: "]")) }

    private mutating func open(_ bracket: UInt8) {
        bytes.append(bracket)
        counts.append(0)
    }

    private mutating func close(_ bracket: UInt8) {
        let count = counts.removeLast()
        if count == 0 { bytes.append(10) }
        newline()
        bytes.append(bracket)
    }

    /// Starts the next member or element of the innermost container.
    private mutating func next() {
        if counts[counts.count - 1] > 0 { bytes.append(UInt8(ascii: ",")) }
        counts[counts.count - 1] += 1
        newline()
    }

    private mutating func newline() {
        bytes.append(10)
        for _ in 0..<(depth + counts.count) { bytes.append(32); bytes.append(32) }
    }

    /// Starts a member of the innermost object: its key, then the caller writes its value.
    package mutating func key(_ key: StaticString) {
        next()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(contentsOf: [UInt8(ascii: "\""), 32, UInt8(ascii: ":"), 32])
    }

    /// Starts an element of the innermost array.
    package mutating func element() { next() }

    // MARK: Values

    /// A string: runs of bytes that need no escape are copied whole (a log's HTML is mostly
    /// such runs between quotes and newlines).
    package mutating func string(_ text: String) {
        bytes.append(UInt8(ascii: "\""))
        var text = text
        text.withUTF8 { utf8 in
            var run = 0
            for index in utf8.indices {
                let byte = utf8[index]
                guard byte < 32 || byte == UInt8(ascii: "\"") || byte == 92 else { continue }
                if run < index { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run..<index])) }
                run = index + 1
                switch byte {
                case UInt8(ascii: "\""): bytes.append(contentsOf: [92, UInt8(ascii: "\"")])
                case 92: bytes.append(contentsOf: [92, 92])
                case 8: bytes.append(contentsOf: [92, UInt8(ascii: "b")])
                case 9: bytes.append(contentsOf: [92, UInt8(ascii: "t")])
                case 10: bytes.append(contentsOf: [92, UInt8(ascii: "n")])
                case 12: bytes.append(contentsOf: [92, UInt8(ascii: "f")])
                case 13: bytes.append(contentsOf: [92, UInt8(ascii: "r")])
                default:
                    bytes.append(contentsOf: [92, UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                              Self.hexDigits[Int(byte >> 4)], Self.hexDigits[Int(byte & 15)]])
                }
            }
            if run < utf8.count { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: utf8[run...])) }
        }
        bytes.append(UInt8(ascii: "\""))
    }

    package mutating func int(_ number: Int) {
        bytes.append(contentsOf: String(number).utf8)
    }

    package mutating func bool(_ flag: Bool) {
        bytes.append(contentsOf: (flag ? "true" : "false").utf8)
    }

    /// Throws for infinity and NaN, which JSON cannot hold (as `JSONEncoder` does).
    package mutating func double(_ number: Double) throws {
        guard number.isFinite else {
            throw EncodingError.invalidValue(number, .init(codingPath: [], debugDescription: "Unable to encode Double.\(number) directly in JSON."))
        }
        var text = number.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
    }

    package mutating func strings(_ list: [String]) {
        openArray()
        for text in list {
            element()
            string(text)
        }
        closeArray()
    }

    /// An array of values that write themselves.
    package mutating func list(_ values: [some PrettyJSONWritable]) throws {
        openArray()
        for value in values {
            element()
            try value.write(to: &self)
        }
        closeArray()
    }

    // Members: a key and its value. Optional ones are written only when present, as a
    // synthesized `Encodable` does.

    package mutating func member(_ name: StaticString, _ text: String) {
        key(name)
        string(text)
    }

    package mutating func member(_ name: StaticString, _ flag: Bool) {
        key(name)
        bool(flag)
    }

    package mutating func member(_ name: StaticString, _ list: [String]) {
        key(name)
        strings(list)
    }

    package mutating func member(_ name: StaticString, _ values: [some PrettyJSONWritable]) throws {
        key(name)
        try list(values)
    }

    package mutating func member(_ name: StaticString, _ text: String?) {
        guard let text else { return }
        key(name)
        string(text)
    }

    package mutating func member(_ name: StaticString, _ number: Int?) {
        guard let number else { return }
        key(name)
        int(number)
    }

    package mutating func member(_ name: StaticString, _ number: Double?) throws {
        guard let number else { return }
        key(name)
        try double(number)
    }
}

/// A value that writes itself as `PrettyJSON`: the same bytes `JSONEncoder` makes of its
/// `Encodable` form (tested for every conforming type).
package protocol PrettyJSONWritable: Encodable {
    func write(to json: inout PrettyJSON) throws
}
