extension RegisterSnapshot {
    /// An item with the history the importer kept for it. A class: reports and pages pass items
    /// around by the ten thousand, and a reference is one retain where the fields were many.
    ///
    /// Held narrow, as a register of 100,000 records holds 600,000 of these: the item's text,
    /// artifact, owner and due date are a range of a text store the whole snapshot shares
    /// (`ItemTexts`) and are made into strings when asked for (once per page that shows them);
    /// dates are days (four bytes, none as `Int32.min`) and given as `YYYY-MM-DD` text on
    /// demand; the kind and the tick share four bytes with the line. The object is 104 bytes
    /// (112 with malloc's rounding; it was 144 with the owner and due date as strings of their
    /// own, and 245 with the text too). The importer only ever stores real days; text that is
    /// none reads as no date.
    package final class ItemRecord: Sendable {
        package let id: Int
        /// (day, done) state changes, oldest first.
        package let eventDays: ItemEvents
        private let texts: ItemTexts
        private let textStart: Int
        private let textLength: Int32
        /// -1 for none. In `texts` the artifact follows the text, then the owner, then the due date.
        private let artifactLength: Int32
        private let ownerLength: Int32
        private let dueLength: Int32
        /// `#221` style references, without the `#`.
        package let refs: [String]
        /// `line << 2 | (checklist ? 2 : 0) | (done ? 1 : 0)`; lines past 2^30 (never in a
        /// write-up under the importer's size limit) read as 2^30 - 1.
        private let lineAndFlags: UInt32
        private let storedBoxColumn: Int32
        private let storedFirstSeen: Int32
        private let storedOpenedOn: Int32
        private let storedDoneOn: Int32
        private let storedDue: Int32

        package var kind: TaskItem.Kind { lineAndFlags & 2 != 0 ? .checklist : .action }
        package var done: Bool { lineAndFlags & 1 != 0 }
        /// 1-based source line of the item (front matter included).
        package var line: Int { Int(lineAndFlags >> 2) }
        package var boxColumn: Int { Int(storedBoxColumn) }
        package var text: String { texts.string(from: textStart, length: Int(textLength)) }
        /// A path-like code span in the item.
        package var artifact: String? {
            artifactLength < 0 ? nil : texts.string(from: textStart + Int(textLength), length: Int(artifactLength))
        }
        /// `@name` without the `@`.
        package var owner: String? {
            ownerLength < 0 ? nil : texts.string(from: textStart + Int(textLength) + Int(max(0, artifactLength)), length: Int(ownerLength))
        }
        /// `due 2026-06-30`, as the log wrote the date.
        package var due: String? {
            dueLength < 0
                ? nil
                : texts.string(from: textStart + Int(textLength) + Int(max(0, artifactLength)) + Int(max(0, ownerLength)), length: Int(dueLength))
        }

        /// Calls `body` with the text's UTF-8 bytes, without making a string.
        package func withText<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
            try texts.withBytes(from: textStart, length: Int(textLength), body)
        }

        /// Calls `body` with the artifact's UTF-8 bytes; false when the item has none.
        package func withArtifact(_ body: (UnsafeBufferPointer<UInt8>) throws -> Void) rethrows -> Bool {
            guard artifactLength >= 0 else { return false }
            try texts.withBytes(from: textStart + Int(textLength), length: Int(artifactLength), body)
            return true
        }

        /// The item as its ship log gave it (its strings made anew at each call: read the
        /// fields above where only some are needed).
        package var item: TaskItem {
            TaskItem(kind: kind, text: text, done: done, line: line, boxColumn: boxColumn, artifact: artifact, owner: owner,
                     due: due, refs: refs)
        }

        /// The day the importer first saw the item.
        package var firstSeenDay: Day? { Self.day(storedFirstSeen) }
        /// The day it was open from (its record's day for an item open when first imported).
        package var openedOnDay: Day? { Self.day(storedOpenedOn) }
        /// The day it was ticked; nil while open.
        package var doneOnDay: Day? { Self.day(storedDoneOn) }
        package var dueDay: Day? { Self.day(storedDue) }

        package var firstSeen: String { firstSeenDay?.iso ?? "" }
        package var openedOn: String? { openedOnDay?.iso }
        package var doneOn: String? { doneOnDay?.iso }
        /// The day it was opened, or first seen when the importer did not say.
        package var openedDay: Day? { openedOnDay ?? firstSeenDay }

        /// The state changes with their days as `YYYY-MM-DD`.
        package var events: [(day: String, done: Bool)] { eventDays.map { ($0.day.iso, $0.done) } }

        package convenience init(id: Int, item: TaskItem, firstSeen: String, openedOn: String?, doneOn: String?, events: [(day: String, done: Bool)]) {
            self.init(id: id, item: item, firstSeen: firstSeen, openedOn: openedOn, doneOn: doneOn,
                      eventDays: ItemEvents(events.lazy.compactMap { event in Day(event.day).map { ($0, event.done) } }))
        }

        /// An item with a text store of its own.
        package convenience init(id: Int, item: TaskItem, firstSeen: String, openedOn: String?, doneOn: String?, eventDays: ItemEvents) {
            self.init(id: id, item: item, texts: ItemTexts(), firstSeen: Day(firstSeen), openedOn: Day(openedOn), doneOn: Day(doneOn),
                      eventDays: eventDays)
        }

        /// An item whose text and artifact go into `texts` (appended now: see `ItemTexts`).
        package init(id: Int, item: TaskItem, texts: ItemTexts, firstSeen: Day?, openedOn: Day?, doneOn: Day?, eventDays: ItemEvents) {
            self.id = id
            self.eventDays = eventDays
            self.texts = texts
            textStart = texts.append(item.text, artifact: item.artifact, owner: item.owner, due: item.due)
            textLength = Int32(item.text.utf8.count)
            artifactLength = item.artifact.map { Int32($0.utf8.count) } ?? -1
            ownerLength = item.owner.map { Int32($0.utf8.count) } ?? -1
            dueLength = item.due.map { Int32($0.utf8.count) } ?? -1
            refs = item.refs
            lineAndFlags = UInt32(min(max(item.line, 0), 0x3FFF_FFFF)) << 2 | (item.kind == .checklist ? 2 : 0) | (item.done ? 1 : 0)
            storedBoxColumn = Int32(clamping: item.boxColumn)
            storedFirstSeen = Self.stored(firstSeen)
            storedOpenedOn = Self.stored(openedOn)
            storedDoneOn = Self.stored(doneOn)
            storedDue = Self.stored(Day(item.due))
        }

        private static func stored(_ day: Day?) -> Int32 { day?.ordinal ?? .min }
        private static func day(_ stored: Int32) -> Day? { stored == .min ? nil : Day(ordinal: Int(stored)) }
    }
}
