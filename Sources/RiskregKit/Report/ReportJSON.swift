/// The weekly report as JSON for scripts (`--format json`).
struct ReportJSON: Encodable {
    var week: String
    var since: String
    var until: String
    var headline: String
    var counts: WeeklyReport.Counts
    var previous: WeeklyReport.Counts
    var drills: [DrillEntry]
    var opened: [ItemEntry]
    var closed: [ItemEntry]
    var open: [ItemEntry]
    var incompleteChecklists: [ChecklistEntry]
    var neverDrilled: [String]
    var overdueRisks: [String]
    var slowRecovery: [String]
    var changes: [String]

    struct DrillEntry: Encodable {
        var number: Int
        var date: String?
        var title: String
        var status: String
        var risks: [String]
        var findings: [String]
    }

    struct ItemEntry: Encodable {
        var drill: Int
        var kind: String
        var text: String
        var done: Bool
        var owner: String?
        var due: String?
        var day: String?
        var ageDays: Int?
        var overdue: Bool
    }

    struct ChecklistEntry: Encodable {
        var drill: Int
        var missing: [String]
    }

    init(_ report: WeeklyReport) {
        week = report.week
        since = report.since.iso
        until = report.until.iso
        headline = report.headline
        counts = report.counts
        previous = report.previous
        drills = (report.executed + report.planned + report.aborted).map {
            DrillEntry(number: $0.drill.number, date: $0.drill.date, title: $0.drill.title, status: $0.drill.status.rawValue,
                       risks: $0.risks, findings: $0.drill.findings.map(\.title))
        }
        func entry(_ ref: WeeklyReport.ItemRef) -> ItemEntry {
            ItemEntry(drill: ref.drill.drill.number, kind: ref.record.item.kind.rawValue, text: ref.record.item.text, done: ref.record.item.done,
                      owner: ref.record.item.owner, due: ref.record.item.due, day: ref.day, ageDays: nil, overdue: false)
        }
        opened = report.opened.map(entry)
        closed = report.closed.map(entry)
        open = report.open.map {
            ItemEntry(drill: $0.drill.drill.number, kind: $0.item.kind.rawValue, text: $0.item.text, done: false, owner: $0.item.owner,
                      due: $0.item.due, day: nil, ageDays: $0.ageDays, overdue: $0.isOverdue)
        }
        incompleteChecklists = report.incompleteChecklists.map { ChecklistEntry(drill: $0.drill.drill.number, missing: $0.missing.map(\.item.text)) }
        neverDrilled = report.neverDrilled.map(\.risk.id)
        overdueRisks = report.overdueRisks.map(\.risk.id)
        slowRecovery = report.slowRecovery.map(\.risk.id)
        changes = report.changes
    }
}
