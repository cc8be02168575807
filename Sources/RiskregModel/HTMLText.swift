/// HTML escaping (`& < > " '`) on UTF-8 bytes with a fast path for text that needs none: the
/// escaper of the site's charts and feeds and of the markdown layer's tables (cmark 0.30 cannot
/// render them). `{{ }}` in templates escapes the same way (RiskregTemplate's `HTMLEscaping`,
/// which appends to the page's buffer; a test keeps the two equal).
package enum HTMLText {
    package static func escape(_ text: String) -> String {
        var needs = false
        for byte in text.utf8 where byte == 38 || byte == 60 || byte == 62 || byte == 34 || byte == 39 {
            needs = true
            break
        }
        guard needs else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 16)
        for byte in text.utf8 {
            switch byte {
            case 38: out.append(contentsOf: [38, 97, 109, 112, 59])  // &amp;
            case 60: out.append(contentsOf: [38, 108, 116, 59])  // &lt;
            case 62: out.append(contentsOf: [38, 103, 116, 59])  // &gt;
            case 34: out.append(contentsOf: [38, 113, 117, 111, 116, 59])  // &quot;
            case 39: out.append(contentsOf: [38, 35, 51, 57, 59])  // &#39;
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
