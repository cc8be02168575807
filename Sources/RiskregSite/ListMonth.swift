import RiskregModel
import RiskregReport

/// One month of records, as the list pages cut a register with more rows than
/// `SiteOptions.listPageLimit`: the records whose `drill.date` falls in it (or every undated
/// record), with their open action items and unticked checklist steps on the build's day.
package struct ListMonth: Sendable {
    /// `2026-03`, or `undated`: the month page's file name.
    package var key: String
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
    /// undated records). Indexed like `months` (newest first, undated last).
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
