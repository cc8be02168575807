/// The escaping `{{name}}` applies: `&` `<` `>` `"` `'` become `&amp;` `&lt;` `&gt;` `&quot;`
/// `&#39;` (as swift-mustache's HTML content type and riskreg's `HTMLText.escape` do), on
/// UTF-8 bytes, appended straight to the output.
package enum HTMLEscaping {
    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 38 || byte == 60 || byte == 62 || byte == 34 || byte == 39
    }

    static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in append(bytes, to: &out) }
    }

    static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var start = 0
        for index in 0..<bytes.count where needsEscape(bytes[index]) {
            if start < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<index])) }
            switch bytes[index] {
            case 38: out.append(contentsOf: [38, 97, 109, 112, 59])  // &amp;
            case 60: out.append(contentsOf: [38, 108, 116, 59])  // &lt;
            case 62: out.append(contentsOf: [38, 103, 116, 59])  // &gt;
            case 34: out.append(contentsOf: [38, 113, 117, 111, 116, 59])  // &quot;
            default: out.append(contentsOf: [38, 35, 51, 57, 59])  // &#39;
            }
            start = index + 1
        }
        if start < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...])) }
    }

    /// `text` escaped, as a string (for tests and callers outside a render).
    package static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        append(text, to: &out)
        return String(decoding: out, as: UTF8.self)
    }
}
