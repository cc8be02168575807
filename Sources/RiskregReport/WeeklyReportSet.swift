import RiskregModel

/// Which weeks get a report in the site: every ISO week from the first dated drill to `asOf`.
package enum WeeklyReportSet {
    /// At most this many weeks back, so a register with years of history builds quickly.
    package static let maximumWeeks = 104

    package static func weeks(snapshot: RegisterSnapshot, asOf: Day) -> [ISOWeek] {
        guard let first = snapshot.drills.compactMap(\.day).filter({ $0 <= asOf }).min() else { return [] }
        var week = ISOWeek(containing: max(first, asOf.adding(days: -7 * (maximumWeeks - 1))))
        let last = ISOWeek(containing: asOf)
        var weeks: [ISOWeek] = []
        while week <= last {
            weeks.append(week)
            week = week.next
        }
        return weeks
    }

    /// The report for one week of the site, cut off at `asOf` for the current week.
    package static func report(snapshot: RegisterSnapshot, week: ISOWeek, asOf: Day) -> WeeklyReport {
        WeeklyReport.make(snapshot: snapshot, since: week.monday, until: min(week.sunday, asOf), label: week.description)
    }

    /// Every week's report, in one pass over the register (`WeeklyReportPass`): open-item lists
    /// stop at `WeeklyReport.listLimit`.
    package static func all(snapshot: RegisterSnapshot, asOf: Day) -> [WeeklyReport] {
        WeeklyReportPass.reports(snapshot: snapshot, weeks: weeks(snapshot: snapshot, asOf: asOf), asOf: asOf)
    }
}

/// What the site keeps of a report once its page is written: enough for links and the index.
package struct ReportSummary: Sendable {
    package var week: String
    package var since: String
    package var until: String
    package var headline: String

    package init(week: String, since: String, until: String, headline: String) {
        self.week = week
        self.since = since
        self.until = until
        self.headline = headline
    }

    package init(_ report: WeeklyReport) {
        week = report.week
        since = report.since.iso
        until = report.until.iso
        headline = report.headline
    }
}
