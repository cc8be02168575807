import Foundation
import Testing

@testable import RiskregModel

/// `ContentHasher` hashes exactly the bytes its parts stand for, however they are added:
/// numbers as their decimal digits, joined lists as the joined string, each part ended by a 0
/// byte, across the buffer's flushes. Page fingerprints depend on it: a different byte would
/// re-render every page of a site built by the previous version.
@Suite struct ContentHasherTests {
    /// The digest of `parts`, each ended by a 0 byte, hashed in one piece.
    func reference(_ parts: [String]) -> String {
        ContentHash.hex(parts.flatMap { Array($0.utf8) + [0] })
    }

    @Test func numbersHashAsTheirDigits() {
        let numbers = [0, 7, -3, 10, 99, 100, 123_456_789, -1_000_000, Int.max, Int.min]
        var hasher = ContentHasher()
        for number in numbers { hasher.add(number) }
        #expect(hasher.hex() == reference(numbers.map(String.init)))
    }

    /// A page fingerprint is the digest's first 90 bits in the URL-safe base-64 alphabet:
    /// fifteen characters (a string with no allocation), the same as the hex digest's bytes
    /// base-64 encoded; bytes added as UTF-8 hash as the string they spell.
    @Test func fingerprintsAreTheDigestsFirstNinetyBits() throws {
        for parts in [[], ["a"], ["drill 07", "2026-05-01", "Kill a task mid-stream — what happens?"], ["x", "", "y"]] {
            var hasher = ContentHasher()
            for part in parts { hasher.add(part) }
            let hex = hasher.hex()
            let digest = stride(from: 0, to: hex.count, by: 2).map { offset in
                UInt8(hex.dropFirst(offset).prefix(2), radix: 16)!
            }
            let expected = Data(digest).base64EncodedString().replacingOccurrences(of: "+", with: "-")
                .replacingOccurrences(of: "/", with: "_").prefix(15)
            let fingerprint = hasher.fingerprint()
            #expect(fingerprint == String(expected), "\(parts)")
            #expect(fingerprint.utf8.count == 15)
            var bytes = ContentHasher()
            for part in parts { Array(part.utf8).withUnsafeBufferPointer { bytes.add(utf8: $0) } }
            #expect(bytes.fingerprint() == fingerprint)
        }
    }

    @Test func missingNumbersHashAsMissingText() {
        var numbers = ContentHasher(), texts = ContentHasher()
        numbers.add(nil as Int?)
        numbers.add(42 as Int?)
        texts.add(nil as String?)
        texts.add("42" as String?)
        #expect(numbers.hex() == texts.hex())
        #expect(numbers.hex() != reference(["", "42"]))
    }

    @Test func joinedListsHashAsTheJoinedText() {
        let lists: [[String]] = [[], ["A1"], ["A1", "B22", "C333"], ["", ""], ["é", "日本"]]
        var hasher = ContentHasher()
        for list in lists {
            hasher.add(list, joinedBy: ",")
            hasher.add(list, joinedBy: " ")
        }
        #expect(hasher.hex() == reference(lists.flatMap { [$0.joined(separator: ","), $0.joined(separator: " ")] }))
    }

    /// Thousands of parts of every kind and some longer than the buffer: the flushes in between
    /// change nothing.
    @Test func partsAcrossFlushesHashAsOnePiece() {
        var hasher = ContentHasher()
        var expected: [String] = []
        for index in 0..<5_000 {
            switch index % 4 {
            case 0:
                hasher.add(index * 7919)
                expected.append(String(index * 7919))
            case 1:
                let text = String(repeating: "x", count: index % 97)
                hasher.add(text)
                expected.append(text)
            case 2:
                let list = (0..<(index % 5)).map { "R\($0)" }
                hasher.add(list, joinedBy: ",")
                expected.append(list.joined(separator: ","))
            default:
                let long = String(repeating: "long part ", count: index % 1_000 == 3 ? 900 : 1)
                hasher.add(long)
                expected.append(long)
            }
        }
        #expect(hasher.hex() == reference(expected))
    }
}
