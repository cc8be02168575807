import Mustache
import RiskregModel
import RiskregReport

/// The same escaping as swift-mustache's HTML content type (`& < > " '`), on UTF-8 bytes with a
/// fast path for text that needs none. swift-mustache's own walks Characters through a
/// dictionary, which dominated page rendering. Templates opt in through a `CONTENT_TYPE`
/// directive that `TemplateSet` adds when it loads them.
package struct HTMLEscaper: MustacheContentType {
    package static let name = "RISKREG_HTML"
    package static let directive = "{{% CONTENT_TYPE: \(name) }}"

    package static let registered: Void = MustacheContentTypes.register(HTMLEscaper(), named: name)

    package func escapeText(_ text: String) -> String {
        Self.escape(text)
    }

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
