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

    package static func escape(_ text: String) -> String { HTMLText.escape(text) }
}
