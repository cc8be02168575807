import RiskregModel
import RiskregReport
import RiskregTemplate

/// The weekly report as template values, shared by the HTML report (site and `--format html`).
package enum ReportViews {
    /// Every row shows its record and items as they stood at the end of the report's range
    /// (`WeeklyReport.isDone`): ticking a box today changes this week's report, not the old ones.
    package static func values(_ report: WeeklyReport, views: SiteViews, root: String) -> TemplateObject {
        func drillRow(_ record: RegisterSnapshot.DrillRecord, checklistDone: Int? = nil) -> TemplateObject {
            var row = views.drillRow(record)
            let done = checklistDone ?? report.doneCount(record.checklist), total = record.checklist.count
            row["checklistDone"] = .int(done)
            row["checklistComplete"] = .bool(done == total)
            row["checklistBar"] = .text(Charts.completionBar(done: done, total: total))
            row["actionsDone"] = .int(report.doneCount(record.actions))
            return row
        }
        func itemRow(_ record: RegisterSnapshot.ItemRecord, drill: RegisterSnapshot.DrillRecord, ageDays: Int? = nil,
                     overdue: Bool = false) -> TemplateObject {
            var row = views.itemRow(record, drill: drill, root: root, ageDays: ageDays, overdue: overdue)
            let done = report.isDone(record)
            row["done"] = .bool(done)
            row["state"] = .text(done ? "done" : "open")
            return row
        }
        func drills(_ list: [RegisterSnapshot.DrillRecord]) -> TemplateValue {
            .rows(list.map { record in
                var row = drillRow(record)
                row["metrics"] = .list(record.drill.metrics.map { ["name": .text($0.name), "value": .text($0.value)] })
                row["findings"] = .list(record.drill.findings.map { ["title": .text($0.title)] })
                return row
            })
        }
        func refs(_ list: some Sequence<WeeklyReport.ItemRef>) -> TemplateValue {
            .rows(list.map { ref in
                var row = itemRow(ref.record, drill: ref.drill)
                row["day"] = .text(ref.day)
                return row
            })
        }
        let limit = WeeklyReport.listLimit
        let moreOpen = report.counts.openActions - limit
        let moreIncomplete = report.counts.incompleteChecklists - limit
        return [
            "week": .text(report.week), "since": .text(report.since.iso), "until": .text(report.until.iso), "headline": .text(report.headline),
            "executed": drills(report.executed), "planned": drills(report.planned), "aborted": drills(report.aborted),
            "incidents": drills(report.incidents),
            "opened": refs(report.opened.prefix(limit)), "closed": refs(report.closed.prefix(limit)),
            "open": .rows(report.open.prefix(limit).map {
                itemRow($0.record, drill: $0.drill, ageDays: $0.ageDays, overdue: $0.isOverdue)
            }),
            "moreOpen": moreOpen > 0 ? .text("\(moreOpen)") : false,
            "owners": .list(report.owners.map {
                ["owner": .text($0.owner), "open": .int($0.open), "overdue": .int($0.overdue), "oldest": .text(TextFormat.days($0.oldestDays))]
            }),
            "moreIncomplete": moreIncomplete > 0 ? .text("\(moreIncomplete)") : false,
            "incomplete": .rows(report.incompleteChecklists.prefix(limit).map { entry -> TemplateObject in
                // The steps still open at the end of the range are the ones missing.
                var row = drillRow(entry.drill, checklistDone: entry.drill.checklist.count - entry.missing.count)
                row["missing"] = .rows(entry.missing.map { itemRow($0, drill: entry.drill) })
                return row
            }),
            "neverDrilled": .rows(report.neverDrilled.prefix(WeeklyReport.topUntested).map(views.riskRow)),
            "moreNeverDrilled": report.neverDrilled.count > WeeklyReport.topUntested ? .text("\(report.neverDrilled.count - WeeklyReport.topUntested)") : .bool(false),
            "overdueRisks": .rows(report.overdueRisks.map(views.riskRow)),
            "slowRecovery": .rows(report.slowRecovery.map { status -> TemplateObject in
                var row = views.riskRow(status)
                row["expected"] = .text(status.expectedRecoveryText ?? "—")
                row["recorded"] = .text(status.recordedRecovery.map { TextFormat.duration($0.seconds) } ?? "—")
                row["recordedDrill"] = .text(status.recordedRecovery.map(\.name) ?? "")
                return row
            }),
            "changes": .list(report.changes.map { ["text": .text($0), "textParts": SiteViews.dateRuns($0)] }),
        ]
    }
}
