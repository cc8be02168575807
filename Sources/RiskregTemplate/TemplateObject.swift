/// An object's fields: what `{{#name}}` enters and names are looked up in. Written like a
/// dictionary (`["title": .text(t), "count": .int(n)]`), kept as pairs in the order written,
/// a later pair for a key standing over an earlier one.
///
/// Not a `Dictionary`: views make hundreds of thousands of small objects per build, each read
/// a few times, and hashing every key as it was stored and again as it was read was a tenth
/// of a build. Names are short and objects small, so a scan is cheaper than a hash.
package struct TemplateObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    private var pairs: [(key: String, value: TemplateValue)]

    package init() {
        pairs = []
    }

    package init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self.init(pairs: elements)
    }

    /// Fields in the order given; a later pair for a key stands over an earlier one.
    package init(pairs: [(String, TemplateValue)]) {
        self.pairs = pairs.map { (key: $0.0, value: $0.1) }
    }

    package init(_ fields: [String: TemplateValue]) {
        pairs = fields.map { (key: $0.key, value: $0.value) }
    }

    /// The value under `key` (the last one written); setting replaces it, or adds the key.
    package subscript(key: String) -> TemplateValue? {
        get {
            var index = pairs.count - 1
            while index >= 0 {
                if pairs[index].key == key { return pairs[index].value }
                index -= 1
            }
            return nil
        }
        set {
            let existing = pairs.lastIndex { $0.key == key }
            switch (existing, newValue) {
            case let (index?, value?):
                pairs[index].value = value
            case let (nil, value?):
                pairs.append((key: key, value: value))
            case (_?, nil):
                pairs.removeAll { $0.key == key }
            case (nil, nil):
                break
            }
        }
    }

    /// These fields with `other`'s added, `other`'s value winning for a key both have.
    package func merging(_ other: TemplateObject) -> TemplateObject {
        var merged = self
        merged.pairs += other.pairs
        return merged
    }

    /// The same fields with each value transformed.
    package func mapValues(_ transform: (TemplateValue) throws -> TemplateValue) rethrows -> TemplateObject {
        var mapped = self
        for index in mapped.pairs.indices { mapped.pairs[index].value = try transform(mapped.pairs[index].value) }
        return mapped
    }

    /// Each key once, in the order first written.
    package var keys: [String] {
        var seen = Set<String>()
        return pairs.compactMap { seen.insert($0.key).inserted ? $0.key : nil }
    }

    /// The fields as a dictionary (each key's last value).
    package var dictionary: [String: TemplateValue] {
        Dictionary(pairs.map { ($0.key, $0.value) }, uniquingKeysWith: { _, last in last })
    }

    /// Equal when they have the same keys with equal values, in whatever order.
    package static func == (a: TemplateObject, b: TemplateObject) -> Bool {
        a.dictionary == b.dictionary
    }
}
