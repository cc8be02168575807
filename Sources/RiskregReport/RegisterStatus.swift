import RiskregModel

/// `riskreg status`: the top of this week's report, for the whole register, on one screen.
package struct RegisterStatus {
    package let snapshot: RegisterSnapshot
    package let today: Day
    /// This ISO week's report, up to today.
    package let report: WeeklyReport

    package init(snapshot: RegisterSnapshot, today: Day) {
        self.snapshot = snapshot
        self.today = today
        let week = ISOWeek(containing: today)
        report = WeeklyReport.make(snapshot: snapshot, since: week.monday, until: today, label: week.description)
    }

    /// What the command prints, a line each: counts, this week's headline, checklists, the top
    /// untested risk, slow recoveries and the first overdue items.
    package var lines: [String] {
        let items = snapshot.drills.flatMap(\.items)
        let checklist = items.filter { $0.kind == .checklist }
        var lines = [
            "Register as of \(today.iso) (\(report.week)): \(snapshot.risks.count) risks in \(snapshot.registers.count) registers, \(Self.records(snapshot.drills))",
            "This week: \(report.headline)",
            "Checklists: \(checklist.count(where: \.done))/\(checklist.count) items done across \(snapshot.drills.count(where: { !$0.checklist.isEmpty })) drills",
        ]
        let open = snapshot.drills.filter { $0.drill.kind == .incident && $0.drill.status == .open }
        if !report.incidents.isEmpty || !open.isEmpty {
            var line = "Incidents: \(report.incidents.count) this week"
            if !open.isEmpty { line += "; still open: " + open.map { "\($0.drill.displayName) (\($0.drill.date ?? "undated"))" }.joined(separator: ", ") }
            lines.append(line)
        }
        if let top = report.neverDrilled.first {
            lines.append("Top untested risk: \(top.risk.id) \(top.risk.title) (rank \(top.risk.rank.map(String.init) ?? "—"))")
        }
        for status in RegisterAnalysis(snapshot: snapshot, asOf: today).riskStatuses where status.slowerThanExpected {
            guard let recorded = status.recordedRecovery else { continue }
            lines.append("Slow recovery: \(status.risk.id) recorded \(TextFormat.duration(recorded.seconds)), expected \(status.expectedRecoveryText ?? "—")")
        }
        for item in report.overdue.prefix(5) {
            lines.append("Overdue: \(TextFormat.inlineName(item.drill.drill.shortName)) \(item.text) (due \(item.due ?? "?"))")
        }
        return lines
    }

    /// "7 drills", "7 drills and 1 incident".
    static func records(_ records: [RegisterSnapshot.DrillRecord]) -> String {
        let drills = records.count(where: { $0.drill.kind == .drill })
        let incidents = records.count - drills
        var text = drills == 1 ? "1 drill" : "\(drills) drills"
        if incidents > 0 { text += incidents == 1 ? " and 1 incident" : " and \(incidents) incidents" }
        return text
    }
}
