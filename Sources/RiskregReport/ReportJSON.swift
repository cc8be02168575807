import RiskregModel

/// The weekly report as JSON for scripts (`--format json`).
package struct ReportJSON: Encodable {
    package var week: String
    package var since: String
    package var until: String
    package var headline: String
    package var counts: WeeklyReport.Counts
    package var previous: WeeklyReport.Counts
    package var drills: [DrillEntry]
    package var incidents: [DrillEntry]
    package var opened: [ItemEntry]
    package var closed: [ItemEntry]
    package var open: [ItemEntry]
    package var incompleteChecklists: [ChecklistEntry]
    package var neverDrilled: [String]
    package var overdueRisks: [String]
    package var slowRecovery: [String]
    package var changes: [String]

    package struct DrillEntry: Encodable {
        package var id: String
        package var kind: String
        package var number: Int?
        package var date: String?
        package var title: String
        package var status: String
        package var risks: [String]
        package var findings: [String]
    }

    package struct ItemEntry: Encodable {
        /// The record's id.
        package var drill: String
        package var kind: String
        package var text: String
        package var done: Bool
        package var owner: String?
        package var due: String?
        package var day: String?
        package var ageDays: Int?
        package var overdue: Bool
    }

    package struct ChecklistEntry: Encodable {
        package var drill: String
        package var missing: [String]
    }

    package init(_ report: WeeklyReport) {
        week = report.week
        since = report.since.iso
        until = report.until.iso
        headline = report.headline
        counts = report.counts
        previous = report.previous
        func record(_ record: RegisterSnapshot.DrillRecord) -> DrillEntry {
            DrillEntry(id: record.drill.id, kind: record.drill.kind.rawValue, number: record.drill.number, date: record.drill.date,
                       title: record.drill.title, status: record.drill.status.rawValue, risks: record.risks,
                       findings: record.drill.findings.map(\.title))
        }
        incidents = report.incidents.map(record)
        drills = (report.executed + report.planned + report.aborted).map {
            DrillEntry(id: $0.drill.id, kind: $0.drill.kind.rawValue, number: $0.drill.number, date: $0.drill.date, title: $0.drill.title, status: $0.drill.status.rawValue,
                       risks: $0.risks, findings: $0.drill.findings.map(\.title))
        }
        func entry(_ ref: WeeklyReport.ItemRef) -> ItemEntry {
            ItemEntry(drill: ref.drill.drill.id, kind: ref.record.kind.rawValue, text: ref.record.text, done: report.isDone(ref.record),
                      owner: ref.record.owner, due: ref.record.due, day: ref.day, ageDays: nil, overdue: false)
        }
        opened = report.opened.map(entry)
        closed = report.closed.map(entry)
        open = report.open.map {
            ItemEntry(drill: $0.drill.drill.id, kind: $0.kind.rawValue, text: $0.text, done: false, owner: $0.owner,
                      due: $0.due, day: nil, ageDays: $0.ageDays, overdue: $0.isOverdue)
        }
        incompleteChecklists = report.incompleteChecklists.map { ChecklistEntry(drill: $0.drill.drill.id, missing: $0.missing.map(\.text)) }
        neverDrilled = report.neverDrilled.map(\.risk.id)
        overdueRisks = report.overdueRisks.map(\.risk.id)
        slowRecovery = report.slowRecovery.map(\.risk.id)
        changes = report.changes
    }
}
