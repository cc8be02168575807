import RiskregModel
import RiskregReport

/// The weekly report as template values, shared by the HTML report (site and `--format html`).
package enum ReportViews {
    package static func values(_ report: WeeklyReport, views: SiteViews, root: String) -> [String: Any] {
        func drills(_ list: [RegisterSnapshot.DrillRecord]) -> [[String: Any]] {
            list.map { record in
                var row = views.drillRow(record)
                row["metrics"] = record.drill.metrics.map { ["name": $0.name, "value": $0.value] }
                row["findings"] = record.drill.findings.map { ["title": $0.title] }
                return row
            }
        }
        func refs(_ list: [WeeklyReport.ItemRef]) -> [[String: Any]] {
            list.map { ref in
                var row = views.itemRow(ref.record, drill: ref.drill, root: root)
                row["day"] = ref.day
                return row
            }
        }
        return [
            "week": report.week, "since": report.since.iso, "until": report.until.iso, "headline": report.headline,
            "executed": drills(report.executed), "planned": drills(report.planned), "aborted": drills(report.aborted),
            "incidents": drills(report.incidents),
            "opened": refs(Array(report.opened.prefix(WeeklyReport.listLimit))), "closed": refs(Array(report.closed.prefix(WeeklyReport.listLimit))),
            "open": report.open.prefix(WeeklyReport.listLimit).map { views.itemRow($0.record, drill: $0.drill, root: root, ageDays: $0.ageDays, overdue: $0.isOverdue) },
            "moreOpen": max(0, report.counts.openActions - WeeklyReport.listLimit) > 0 ? "\(report.counts.openActions - WeeklyReport.listLimit)" : false,
            "owners": report.owners.map { ["owner": $0.owner, "open": $0.open, "overdue": $0.overdue, "oldest": TextFormat.days($0.oldestDays)] },
            "moreIncomplete": report.counts.incompleteChecklists > WeeklyReport.listLimit ? "\(report.counts.incompleteChecklists - WeeklyReport.listLimit)" : false,
            "incomplete": report.incompleteChecklists.prefix(WeeklyReport.listLimit).map { entry -> [String: Any] in
                var row = views.drillRow(entry.drill)
                // As of the report's last day, not as the checklist stands today.
                row["checklistDone"] = entry.drill.checklist.count - entry.missing.count
                row["missing"] = entry.missing.map { views.itemRow($0, drill: entry.drill, root: root) }
                return row
            },
            "neverDrilled": report.neverDrilled.prefix(WeeklyReport.topUntested).map(views.riskRow),
            "moreNeverDrilled": report.neverDrilled.count > WeeklyReport.topUntested ? "\(report.neverDrilled.count - WeeklyReport.topUntested)" : false,
            "overdueRisks": report.overdueRisks.map(views.riskRow),
            "slowRecovery": report.slowRecovery.map { status -> [String: Any] in
                var row = views.riskRow(status)
                row["expected"] = status.expectedRecoveryText ?? "—"
                row["recorded"] = status.recordedRecovery.map { TextFormat.duration($0.seconds) } ?? "—"
                row["recordedDrill"] = status.recordedRecovery.map(\.name) ?? ""
                return row
            },
            "changes": report.changes.map { ["text": $0, "textParts": SiteViews.dateRuns($0)] },
        ]
    }
}
