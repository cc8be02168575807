import Crypto

/// SHA-256 of a document or page input as lowercase hex (swift-crypto): what lets re-imports
/// skip unchanged files and builds skip unchanged pages.
package enum ContentHash {
    package static func hex<Bytes: Sequence>(_ bytes: Bytes) -> String where Bytes.Element == UInt8 {
        var hasher = SHA256()
        if bytes.withContiguousStorageIfAvailable({ hasher.update(bufferPointer: UnsafeRawBufferPointer($0)) }) == nil {
            hasher.update(data: Array(bytes))
        }
        return hex(digest: hasher.finalize())
    }

    /// A digest's bytes as 64 lowercase hex digits, made in one buffer.
    package static func hex(digest: SHA256.Digest) -> String {
        String(unsafeUninitializedCapacity: SHA256.byteCount * 2) { buffer in
            let digits: StaticString = "0123456789abcdef"
            var index = 0
            digest.withUnsafeBytes { bytes in
                for byte in bytes {
                    buffer[index] = digits.utf8Start[Int(byte >> 4)]
                    buffer[index + 1] = digits.utf8Start[Int(byte & 0xf)]
                    index += 2
                }
            }
            return index
        }
    }
}

/// A SHA-256 fed part by part (each part ends with a 0 byte, so parts cannot run together),
/// for fingerprints made of many small strings without joining them first. Small parts are
/// gathered in a buffer and handed to SHA-256 a few kilobytes at a time: an update call costs
/// more than hashing a short string (the digest is the same either way).
package struct ContentHasher {
    private static let bufferSize = 4096
    private var sha = SHA256()
    private var buffer: [UInt8] = []

    package init() {}

    package mutating func add(_ part: String) {
        var part = part
        part.withUTF8 { appendBytes($0) }
        buffer.append(0)
    }

    /// A part given as its UTF-8 bytes (the bytes `add(String)` adds for the same text).
    package mutating func add(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        appendBytes(bytes)
        buffer.append(0)
    }

    /// A part that may be missing: nil is one byte no text of a register holds (U+0001) with
    /// its end, so it differs from every string, the empty one included.
    package mutating func add(_ part: String?) {
        guard let part else {
            if buffer.count + 2 >= Self.bufferSize { flush() }
            buffer.append(1)
            buffer.append(0)
            return
        }
        add(part)
    }

    /// A number, as its decimal digits (the bytes `add(String(number))` adds), written straight
    /// into the buffer: fingerprints add hundreds of thousands of numbers per build.
    package mutating func add(_ number: Int) {
        if buffer.count + 22 >= Self.bufferSize { flush() }
        if number < 0 { buffer.append(UInt8(ascii: "-")) }
        var magnitude = number.magnitude
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for 20 digits
        var count = 0
        withUnsafeMutableBytes(of: &digits) { digits in
            repeat {
                digits[count] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            } while magnitude > 0
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(digits[index]) }
        }
        buffer.append(0)
    }

    /// A number that may be missing: nil as for `add(_: String?)`.
    package mutating func add(_ number: Int?) {
        guard let number else { return add(nil as String?) }
        add(number)
    }

    /// `parts` joined by `separator`, as one part (the bytes `add(parts.joined(separator:))`
    /// adds), without making the joined string.
    package mutating func add(_ parts: [String], joinedBy separator: Character) {
        var separatorBytes = String(separator)
        separatorBytes.withUTF8 { separatorBytes in
            for (index, part) in parts.enumerated() {
                if index > 0 { appendBytes(separatorBytes) }
                var part = part
                part.withUTF8 { appendBytes($0) }
            }
        }
        buffer.append(0)
    }

    private mutating func appendBytes(_ bytes: UnsafeBufferPointer<UInt8>) {
        if buffer.count + bytes.count >= Self.bufferSize { flush() }
        if bytes.count >= Self.bufferSize {
            sha.update(bufferPointer: UnsafeRawBufferPointer(bytes))
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    private mutating func flush() {
        guard !buffer.isEmpty else { return }
        buffer.withUnsafeBytes { sha.update(bufferPointer: $0) }
        buffer.removeAll(keepingCapacity: true)
    }

    package func hex() -> String {
        ContentHash.hex(digest: digest())
    }

    /// The digest's first 90 bits as 15 characters of the URL-safe base-64 alphabet: a page's
    /// fingerprint. Fifteen characters fit in a Swift string without an allocation, where 64 hex
    /// digits took one (a site of 100,000 records keeps 200,000 fingerprints: 20 MB). A page
    /// is rebuilt when its fingerprint changes, so two inputs of one page would have to share
    /// 90 bits of SHA-256 for a change to be missed.
    package func fingerprint() -> String {
        let alphabet: StaticString = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
        return digest().withUnsafeBytes { bytes in
            String(unsafeUninitializedCapacity: 15) { buffer in
                // Three bytes (24 bits) give four characters: three groups whole, the fourth cut to three.
                var index = 0
                for group in 0..<4 {
                    let bits = UInt32(bytes[group * 3]) << 16 | UInt32(bytes[group * 3 + 1]) << 8 | UInt32(bytes[group * 3 + 2])
                    for shift in stride(from: 18, through: group == 3 ? 6 : 0, by: -6) {
                        buffer[index] = alphabet.utf8Start[Int(bits >> UInt32(shift) & 63)]
                        index += 1
                    }
                }
                return index
            }
        }
    }

    private func digest() -> SHA256.Digest {
        var sha = self.sha
        buffer.withUnsafeBytes { sha.update(bufferPointer: $0) }
        return sha.finalize()
    }
}
