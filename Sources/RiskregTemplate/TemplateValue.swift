/// A value a template reads: what a page's view is made of.
///
/// Typed, so rendering never casts: `{{name}}` prints text and numbers (HTML-escaped),
/// `{{#name}}` iterates a list, enters an object, text or number, and shows or hides on a
/// bool; `{{^name}}` shows on `false`, `null`, an empty list or a missing key.
///
/// The truth rules are swift-mustache's, which the site used before: an empty text and the
/// number 0 are *true* in a section (only `false`, `null` and an empty list are false), so
/// views pass `false` for "nothing to show".
package enum TemplateValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case number(Double)
    case text(String)
    case list([TemplateValue])
    case object([String: TemplateValue])

    /// An empty text becomes `false`, so `{{#name}}` hides it; other text is kept.
    package static func optional(_ text: String?) -> TemplateValue {
        guard let text, !text.isEmpty else { return .bool(false) }
        return .text(text)
    }

    /// A list of objects: rows built as dictionaries (so fields can be added before they are
    /// wrapped).
    package static func rows(_ rows: some Sequence<[String: TemplateValue]>) -> TemplateValue {
        .list(rows.map(TemplateValue.object))
    }

    /// The value under `key` when this is an object.
    package subscript(key: String) -> TemplateValue? {
        get {
            if case .object(let fields) = self { return fields[key] }
            return nil
        }
        set {
            guard case .object(var fields) = self else { return }
            fields[key] = newValue
            self = .object(fields)
        }
    }
}

extension TemplateValue: ExpressibleByStringLiteral, ExpressibleByBooleanLiteral, ExpressibleByIntegerLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral, ExpressibleByNilLiteral
{
    package init(stringLiteral value: String) { self = .text(value) }
    package init(booleanLiteral value: Bool) { self = .bool(value) }
    package init(integerLiteral value: Int) { self = .int(value) }
    package init(floatLiteral value: Double) { self = .number(value) }
    package init(arrayLiteral elements: TemplateValue...) { self = .list(elements) }
    package init(nilLiteral: ()) { self = .null }

    package init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self = .object(Dictionary(elements, uniquingKeysWith: { _, last in last }))
    }
}
