/// An item's (day, done) state changes, oldest first. Nearly every item has exactly one (the
/// day it was first seen), so the first is held inline and only later ones take an array: a
/// register of 50,000 records holds 300,000 of these, and an array each was 20 MB.
package struct ItemEvents: RandomAccessCollection, Sendable {
    package typealias Element = (day: Day, done: Bool)

    private let head: Element?
    private let tail: [Element]

    package init(_ events: some Sequence<Element>) {
        var iterator = events.makeIterator()
        head = iterator.next()
        var tail: [Element] = []
        while let event = iterator.next() { tail.append(event) }
        self.tail = tail
    }

    /// The same from a slice of a larger array (how the store reads them): not generic, so
    /// it is compiled for its type rather than through `Sequence`'s witnesses.
    package init(_ events: ArraySlice<Element>) {
        head = events.first
        tail = events.count > 1 ? Array(events.dropFirst()) : []
    }

    /// `first`, when there is one, then `later`: an item whose first state is kept in its own
    /// row rather than among its events.
    package init(first: Element?, later: ArraySlice<Element>) {
        if let first {
            head = first
            tail = Array(later)
        } else {
            head = later.first
            tail = later.count > 1 ? Array(later.dropFirst()) : []
        }
    }

    package var startIndex: Int { 0 }
    package var endIndex: Int { head == nil ? 0 : 1 + tail.count }

    package subscript(position: Int) -> Element {
        precondition(position >= 0 && position < endIndex, "ItemEvents index \(position) out of range")
        return position == 0 ? head! : tail[position - 1]
    }

    /// Its own iterator, so `for event in events` in other modules calls `next()` rather than
    /// the collection's generic subscript, whose accessor allocated a frame on the heap for
    /// every event read (an eighth of a build's allocations).
    package struct Iterator: IteratorProtocol {
        private let events: ItemEvents
        private var position = 0

        fileprivate init(_ events: ItemEvents) {
            self.events = events
        }

        package mutating func next() -> Element? {
            defer { position += 1 }
            if position == 0 { return events.head }
            return position - 1 < events.tail.count ? events.tail[position - 1] : nil
        }
    }

    package func makeIterator() -> Iterator { Iterator(self) }

    /// The oldest and newest events, read directly for the same reason.
    package var first: Element? { head }
    package var last: Element? { tail.last ?? head }
}
