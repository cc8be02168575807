import Algorithms
import RiskregModel

/// The records whose pages (`drills/ID.html`, `api/drills/ID.json`) a build must compare
/// when the register's change log says which records changed since the previous build
/// (`RecordChanges`). A record's page shows the record and its neighbours in date order
/// (previous/next links); its JSON file the record alone. So the pages to compare are:
/// - every changed record's (new, edited, or gone: then nothing),
/// - its neighbours' now (they link to it by name),
/// - and, for a record that was there before, its neighbours then: the nearest records on
///   either side of its old place that did not change themselves (they linked to it, and now
///   link past it). Records that did not change keep their order among themselves, so the
///   old place is found by a binary search among today's order.
///
/// Every other record's pages have the fingerprints they had (same file, links, items history,
/// neighbours, day, templates and options: `PageFingerprints.recordPages` covers the last
/// three) and are carried over without being fingerprinted again.
struct ChangedRecordPages {
    /// The keys of the records whose pages to compare; nil when every page must be compared
    /// (too many changes for the shortcut to pay).
    static func keys(changes: [RecordChanges.Change], chronological: [RegisterSnapshot.DrillRecord], place: [Int: Int]) -> Set<Int>? {
        guard pays(changes, records: chronological.count) else { return nil }
        let changed = Set(changes.map(\.key))
        var compare = changed
        func sortKey(_ day: Day?, _ key: Int) -> (Int32, Int) { (day?.ordinal ?? Int32.max, key) }
        for key in changed {
            guard let index = place[key] else { continue }
            if index > 0 { compare.insert(chronological[index - 1].key) }
            if index + 1 < chronological.count { compare.insert(chronological[index + 1].key) }
        }
        for change in changes {
            guard let before = change.before else { continue }
            let old = sortKey(Day(before.date), change.key)
            let slot = chronological.partitioningIndex { sortKey($0.day, $0.key) >= old }
            var below = slot - 1
            while below >= 0 && changed.contains(chronological[below].key) { below -= 1 }
            if below >= 0 { compare.insert(chronological[below].key) }
            var above = slot
            while above < chronological.count && changed.contains(chronological[above].key) { above += 1 }
            if above < chronological.count { compare.insert(chronological[above].key) }
        }
        return compare
    }

    /// Whether comparing only what changes touch is worth it: not for a large share of the register.
    private static func pays(_ changes: [RecordChanges.Change], records: Int) -> Bool {
        changes.count <= max(64, records / 8)
    }

    /// The list months (`ListMonth.key`) the changed records are in now or were in before: a
    /// month page (`drills/months/…`, `items/…`) shows its records and links to the months
    /// before and after it, so one is compared only when a month from its previous month to
    /// its next is among these (`isTouched`). Nil when every month page must be compared.
    /// `records` in key order, as the snapshot has them.
    static func months(changes: [RecordChanges.Change], records: [RegisterSnapshot.DrillRecord]) -> Set<String>? {
        guard pays(changes, records: records.count) else { return nil }
        var months = Set<String>()
        for change in changes {
            let index = records.partitioningIndex { $0.key >= change.key }
            if index < records.count && records[index].key == change.key { months.insert(ListMonth.key(of: records[index])) }
            if let before = change.before {
                months.insert(before.date.flatMap { Day.isISODate($0) ? String($0.prefix(7)) : nil } ?? ListMonth.undatedKey)
            }
        }
        return months
    }

    /// Whether a month page whose neighbours are `previous` and `next` shows anything of
    /// `months` (see `months(changes:records:)`). Month keys sort as the pages follow each
    /// other (`undated` after every `YYYY-MM`), so a month that went between them counts too.
    static func isTouched(previous: ListMonth?, next: ListMonth?, by months: Set<String>) -> Bool {
        let low = previous?.key ?? "", high = next?.key
        return months.contains { month in month >= low && (high.map { month <= $0 } ?? true) }
    }
}
