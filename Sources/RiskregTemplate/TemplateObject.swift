/// An object's fields: what `{{#name}}` enters and names are looked up in. Written like a
/// dictionary (`["title": .text(t), "count": .int(n)]`), kept as pairs in the order written,
/// a later pair for a key standing over an earlier one.
///
/// Not a `Dictionary`: views make hundreds of thousands of small objects per build, each read
/// a few times, and hashing every key as it was stored and again as it was read was a tenth
/// of a build. Names are short and objects small, so a scan is cheaper than a hash.
package struct TemplateObject: Sendable, Equatable, ExpressibleByDictionaryLiteral {
    /// Unlabelled, so a dictionary literal's array is kept as it is rather than copied pair
    /// by pair into labelled tuples (a copy and a retain per field of every row of a build).
    private var pairs: [(String, TemplateValue)]

    package init() {
        pairs = []
    }

    package init(dictionaryLiteral elements: (String, TemplateValue)...) {
        self.init(pairs: elements)
    }

    /// Fields in the order given; a later pair for a key stands over an earlier one.
    package init(pairs: [(String, TemplateValue)]) {
        self.pairs = pairs
    }

    package init(_ fields: [String: TemplateValue]) {
        pairs = fields.map { ($0.key, $0.value) }
    }

    /// The value under `key` (the last one written); setting replaces it, or adds the key.
    package subscript(key: String) -> TemplateValue? {
        get {
            // Lengths first: most keys an object is asked for are other keys, mostly of other
            // lengths, and comparing two long strings' bytes costs more than comparing counts.
            // Through a buffer pointer: an array's element access copied each pair (a retain
            // and a release of its key and value) just to look at the key.
            let count = key.utf8.count
            return pairs.withUnsafeBufferPointer { pairs in
                var index = pairs.count - 1
                while index >= 0 {
                    if pairs[index].0.utf8.count == count, pairs[index].0 == key { return pairs[index].1 }
                    index -= 1
                }
                return nil
            }
        }
        set {
            let existing = pairs.lastIndex { $0.0 == key }
            switch (existing, newValue) {
            case let (index?, value?):
                pairs[index].1 = value
            case let (nil, value?):
                pairs.append((key, value))
            case (_?, nil):
                pairs.removeAll { $0.0 == key }
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
        for index in mapped.pairs.indices { mapped.pairs[index].1 = try transform(mapped.pairs[index].1) }
        return mapped
    }

    /// Each key once, in the order first written.
    package var keys: [String] {
        var seen = Set<String>()
        return pairs.compactMap { seen.insert($0.0).inserted ? $0.0 : nil }
    }

    /// The fields as a dictionary (each key's last value).
    package var dictionary: [String: TemplateValue] {
        Dictionary(pairs, uniquingKeysWith: { _, last in last })
    }

    /// Equal when they have the same keys with equal values, in whatever order.
    package static func == (a: TemplateObject, b: TemplateObject) -> Bool {
        a.dictionary == b.dictionary
    }
}
