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
    /// Text given as its UTF-8 bytes (a page rendered already, placed in its layout): renders,
    /// tests and shows exactly as `.text` of the same characters, without making a `String`.
    case utf8([UInt8])
    case list([TemplateValue])
    /// A list whose elements are made one at a time while a section renders them, and dropped
    /// after: what long lists (a month of items, a risk's drills) are, so a page of thousands
    /// of rows never holds all their values at once. Renders exactly as `.list` of the same
    /// elements.
    case rowList(RowList)
    case object(TemplateObject)

    /// An empty text becomes `false`, so `{{#name}}` hides it; other text is kept.
    package static func optional(_ text: String?) -> TemplateValue {
        guard let text, !text.isEmpty else { return .bool(false) }
        return .text(text)
    }

    /// A list of objects: rows built as fields (so fields can be added before they are wrapped).
    package static func rows(_ rows: some Sequence<TemplateObject>) -> TemplateValue {
        .list(rows.map(TemplateValue.object))
    }

    /// One row per element of `base`, each made by `row` only when a section renders it (see
    /// `rowList`): for lists long enough that their values would weigh more than their page.
    /// Inlinable, so it is compiled for each caller's collection: through `Collection`'s
    /// witnesses, reading an element allocated its accessor's frame on the heap.
    @inlinable
    package static func rows<Base: RandomAccessCollection & Sendable>(
        of base: Base, _ row: @escaping @Sendable (Base.Element) -> TemplateObject
    ) -> TemplateValue where Base.Index == Int {
        .rowList(RowList(count: base.count) { offset in .object(row(base[base.startIndex + offset])) })
    }

    /// The elements of a list (made, for `rowList`), or nil when this is no list.
    package var elements: [TemplateValue]? {
        switch self {
        case .list(let items): items
        case .rowList(let rows): rows.elements
        default: nil
        }
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

/// The elements of a `TemplateValue.rowList`: how many, and how to make each.
package struct RowList: Sendable, Equatable {
    package let count: Int
    private let make: @Sendable (Int) -> TemplateValue

    package init(count: Int, _ make: @escaping @Sendable (Int) -> TemplateValue) {
        self.count = count
        self.make = make
    }

    /// The element at `offset` (0..<count), made now.
    package subscript(offset: Int) -> TemplateValue { make(offset) }

    package var elements: [TemplateValue] { (0..<count).map(make) }

    /// Equal when they make equal elements.
    package static func == (a: RowList, b: RowList) -> Bool {
        a.count == b.count && (0..<a.count).allSatisfy { a[$0] == b[$0] }
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
        self = .object(TemplateObject(pairs: elements))
    }
}
