extension RegisterSnapshot {
    /// A record's checklist or its actions: a part of the one array of items the record holds
    /// (`DrillRecord.items`), indexed from 0 as an array of its own would be.
    package struct ItemList: RandomAccessCollection, Sendable {
        private let base: [ItemRecord]
        private let range: Range<Int>

        package init(_ base: [ItemRecord], _ range: Range<Int>) {
            precondition(range.lowerBound >= 0 && range.upperBound <= base.count, "ItemList range \(range) outside 0..<\(base.count)")
            self.base = base
            self.range = range
        }

        package var startIndex: Int { 0 }
        package var endIndex: Int { range.count }

        package subscript(position: Int) -> ItemRecord {
            precondition(position >= 0 && position < range.count, "ItemList index \(position) out of range")
            return base[range.lowerBound + position]
        }

        /// Its own iterator, so loops in other modules do not go through the collection's
        /// generic subscript (see `ItemEvents.Iterator`).
        package struct Iterator: IteratorProtocol {
            private let base: [ItemRecord]
            private var position: Int
            private let end: Int

            fileprivate init(_ list: ItemList) {
                base = list.base
                position = list.range.lowerBound
                end = list.range.upperBound
            }

            package mutating func next() -> ItemRecord? {
                guard position < end else { return nil }
                defer { position += 1 }
                return base[position]
            }
        }

        package func makeIterator() -> Iterator { Iterator(self) }
    }
}
