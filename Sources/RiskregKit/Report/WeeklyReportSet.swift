/// Which weeks get a report in the site: every ISO week from the first dated drill to `asOf`.
enum WeeklyReportSet {
    /// At most this many weeks back, so a register with years of history builds quickly.
    static let maximumWeeks = 104

    static func all(snapshot: RegisterSnapshot, asOf: Day) -> [WeeklyReport] {
        guard let first = snapshot.drills.compactMap({ Day($0.drill.date) }).filter({ $0 <= asOf }).min() else { return [] }
        var week = ISOWeek(containing: max(first, asOf.adding(days: -7 * (maximumWeeks - 1))))
        let last = ISOWeek(containing: asOf)
        var reports: [WeeklyReport] = []
        while week <= last {
            reports.append(WeeklyReport.make(snapshot: snapshot, since: week.monday, until: min(week.sunday, asOf), label: week.description))
            week = week.next
        }
        return reports
    }
}
