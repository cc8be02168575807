import RiskregModel
import RiskregReport

/// One month of records, as the list pages cut a register with more rows than
/// `SiteOptions.listPageLimit`: the records whose `drill.date` falls in it (or every undated
/// record), with their open action items and unticked checklist steps on the build's day.
///
/// A month with more records than the limit is cut again into parts of at most that many
/// (`parts(of:limit:)`), newest first, so that no page grows with the register: each part is
/// a `ListMonth` of its own, with the same `key` and its `part` number.
package struct ListMonth: Sendable {
    /// `2026-03`, or `undated`.
    package var key: String
    /// Which part of its month this is, from 1, and how many parts the month has.
    package var part = 1
    package var partCount = 1
    /// Where the part starts among its month's records (0 for the first), and how many
    /// records the whole month has.
    package var firstRecord = 0
    package var monthRecordCount = 0
    /// Newest first, as `RegisterAnalysis.drillsNewestFirst` orders them.
    package var records: [RegisterSnapshot.DrillRecord] = []
    /// In `RegisterAnalysis.openActions()`'s order (overdue first, then due date, then age).
    package var openActions: [RegisterAnalysis.OpenItem] = []
    /// In `RegisterAnalysis.openChecklistSteps()`'s order.
    package var openSteps: [RegisterAnalysis.OpenItem] = []

    package static let undatedKey = "undated"

    private static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
                                     "October", "November", "December"]

    /// "March 2026", or "Undated".
    package var label: String {
        guard key != Self.undatedKey, let year = Int(key.prefix(4)), let month = Int(key.suffix(2)), (1...12).contains(month) else {
            return "Undated"
        }
        return "\(Self.monthNames[month - 1]) \(year)"
    }

    package var isUndated: Bool { key == Self.undatedKey }

    /// The page's file name: `2026-03` for a month's first (or only) part, `2026-03-2` for
    /// its second.
    package var pageKey: String { part == 1 ? key : "\(key)-\(part)" }

    /// "March 2026", or "March 2026 (2 of 5)" for a part: what links to the page say.
    package var pageLabel: String { partCount == 1 ? label : "\(label) (\(part) of \(partCount))" }

    /// Every month of `months` (in their order) as its parts, first to last: the months with up
    /// to `limit` records whole, the others cut into runs of `limit` records (the last one
    /// shorter), each with the open items of its own records, in the order the month had them.
    package static func parts(of months: [ListMonth], limit: Int) -> [ListMonth] {
        let limit = max(1, limit)
        var result: [ListMonth] = []
        result.reserveCapacity(months.count)
        for month in months {
            var whole = month
            whole.monthRecordCount = month.records.count
            guard month.records.count > limit else {
                result.append(whole)
                continue
            }
            let count = (month.records.count + limit - 1) / limit
            var partOfRecord: [Int: Int] = [:]
            var parts: [ListMonth] = []
            for (index, start) in stride(from: 0, to: month.records.count, by: limit).enumerated() {
                let records = Array(month.records[start..<min(start + limit, month.records.count)])
                for record in records { partOfRecord[record.key] = index }
                parts.append(ListMonth(key: month.key, part: index + 1, partCount: count, firstRecord: start,
                                       monthRecordCount: month.records.count, records: records))
            }
            for item in month.openActions { if let index = partOfRecord[item.drill.key] { parts[index].openActions.append(item) } }
            for item in month.openSteps { if let index = partOfRecord[item.drill.key] { parts[index].openSteps.append(item) } }
            result += parts
        }
        return result
    }

    /// The month a record is listed under: its date's `YYYY-MM`, or `undated`.
    package static func key(of record: RegisterSnapshot.DrillRecord) -> String {
        guard let date = record.drill.date, Day.isISODate(date) else { return undatedKey }
        return String(date.prefix(7))
    }

    /// Every month that has a record, newest first and `undated` last (the order of the
    /// overview tables), each with its records and open items in the orders given.
    package static func months(newestFirst records: [RegisterSnapshot.DrillRecord], openActions: [RegisterAnalysis.OpenItem] = [],
                               openSteps: [RegisterAnalysis.OpenItem] = []) -> [ListMonth] {
        var byKey: [String: ListMonth] = [:]
        var monthOfRecord: [Int: String] = [:]
        for record in records {
            let key = key(of: record)
            monthOfRecord[record.key] = key
            byKey[key, default: ListMonth(key: key)].records.append(record)
        }
        // Each month's lists are counted first and made at their size: grown by appending,
        // they held up to twice the room (a register of 50,000 records lists 100,000 items).
        var actionCounts: [String: Int] = [:], stepCounts: [String: Int] = [:]
        for item in openActions {
            if let key = monthOfRecord[item.drill.key] { actionCounts[key, default: 0] += 1 }
        }
        for item in openSteps {
            if let key = monthOfRecord[item.drill.key] { stepCounts[key, default: 0] += 1 }
        }
        for key in Array(byKey.keys) {
            byKey[key]?.openActions.reserveCapacity(actionCounts[key] ?? 0)
            byKey[key]?.openSteps.reserveCapacity(stepCounts[key] ?? 0)
        }
        for item in openActions {
            if let key = monthOfRecord[item.drill.key] { byKey[key]?.openActions.append(item) }
        }
        for item in openSteps {
            if let key = monthOfRecord[item.drill.key] { byKey[key]?.openSteps.append(item) }
        }
        return byKey.values.sorted { a, b in
            a.isUndated != b.isUndated ? !a.isUndated : a.key > b.key
        }
    }

    /// Each month's neighbours for its page's pager, by time: `previous` is the month before,
    /// `next` the month after; the undated month comes after the newest (as drill pages order
    /// undated records). Indexed like `months` (newest first, undated last). Parts work the
    /// same way, given as `parts(of:limit:)` lists them: a month's parts hold its records newest
    /// first, so its last part comes first in time.
    package static func neighbours(_ months: [ListMonth]) -> [(previous: ListMonth?, next: ListMonth?)] {
        // Oldest first, undated last.
        let order = Array(months.indices.filter { !months[$0].isUndated }.reversed()) + months.indices.filter { months[$0].isUndated }
        var result: [(previous: ListMonth?, next: ListMonth?)] = Array(repeating: (nil, nil), count: months.count)
        for (place, index) in order.enumerated() {
            result[index] = (place > 0 ? months[order[place - 1]] : nil, place + 1 < order.count ? months[order[place + 1]] : nil)
        }
        return result
    }
}
