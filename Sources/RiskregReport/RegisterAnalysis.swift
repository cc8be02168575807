import RiskregModel

/// What the dashboard and the weekly report say about a register on a given day: coverage,
/// cadence, recovery and open items. Pure computation over a snapshot.
package struct RegisterAnalysis {
    package let snapshot: RegisterSnapshot
    /// The day "overdue" and "age" are measured against.
    package let asOf: Day

    package init(snapshot: RegisterSnapshot, asOf: Day) {
        self.snapshot = snapshot
        self.asOf = asOf
        var drills: [Int: RegisterSnapshot.DrillRecord] = [:]
        for record in snapshot.drills { drills[record.key] = record }
        drillsByNumber = drills
    }

    package let drillsByNumber: [Int: RegisterSnapshot.DrillRecord]

    // MARK: Risks

    package struct RiskStatus {
        package var record: RegisterSnapshot.RiskRecord
        /// Executed drills linked to the risk, newest first.
        package var executed: [RegisterSnapshot.DrillRecord]
        package var lastDrilled: Day?
        package var drilledInProduction: Bool
        /// The day the next drill is due by cadence, when the risk has one.
        package var nextDue: Day?
        package var isOverdue: Bool
        /// The latest recorded recovery from a linked executed drill.
        /// The newest executed drill's recovery: seconds, the drill's id and its short name.
        package var recordedRecovery: (seconds: Double, id: String, name: String)?

        package var risk: Risk { record.risk }
        package var neverDrilled: Bool { executed.isEmpty }
        package var onlyOutsideProduction: Bool { !executed.isEmpty && !drilledInProduction }
        package var slowerThanExpected: Bool {
            guard let recorded = recordedRecovery, let expected = risk.expectedRecoverySeconds else { return false }
            return recorded.seconds > expected
        }
    }

    package func status(of record: RegisterSnapshot.RiskRecord, asOf day: Day? = nil) -> RiskStatus {
        let day = day ?? asOf
        let executed = record.drills.compactMap { drillsByNumber[$0] }
            .filter { $0.drill.kind == .drill && $0.drill.status == .executed && ($0.day.map { $0 <= day } ?? true) }
            .sorted { ($0.day?.ordinal ?? Int.min, $0.key) > ($1.day?.ordinal ?? Int.min, $1.key) }
        let last = executed.compactMap(\.day).max()
        var nextDue: Day?
        var overdue = false
        if let cadence = record.risk.drillEveryDays {
            if let last {
                let due = last.adding(days: cadence)
                nextDue = due
                overdue = due < day
            } else {
                overdue = true
            }
        }
        let recovery = executed.lazy.compactMap { record in
            record.drill.recoverySeconds.map { (seconds: $0, id: record.drill.id, name: TextFormat.shortName(record.drill)) }
        }.first
        return RiskStatus(
            record: record, executed: executed, lastDrilled: last,
            drilledInProduction: executed.contains { $0.drill.environment == "production" }, nextDue: nextDue,
            isOverdue: overdue, recordedRecovery: recovery)
    }

    package var riskStatuses: [RiskStatus] { snapshot.risks.map { status(of: $0) } }

    /// Risks by rank within their register, then by score.
    package static func byRank(_ a: RiskStatus, _ b: RiskStatus) -> Bool {
        (a.risk.rank ?? Int.max, -(a.risk.score ?? 0), a.risk.id) < (b.risk.rank ?? Int.max, -(b.risk.score ?? 0), b.risk.id)
    }

    // MARK: Items

    package struct OpenItem {
        package var drill: RegisterSnapshot.DrillRecord
        package var record: RegisterSnapshot.ItemRecord
        package var ageDays: Int?
        package var isOverdue: Bool
        package var item: TaskItem { record.item }
    }

    /// Open items of one kind (or both), overdue first, then oldest due date, then age.
    package func openItems(kind: TaskItem.Kind? = nil) -> [OpenItem] {
        var open: [OpenItem] = []
        for drill in snapshot.drills {
            for record in drill.items where !record.item.done && (kind == nil || record.item.kind == kind) {
                let overdue = record.dueDay.map { $0 < asOf } ?? false
                open.append(OpenItem(drill: drill, record: record, ageDays: record.openedDay.map { asOf - $0 }, isOverdue: overdue))
            }
        }
        return open.sorted { a, b in
            if a.isOverdue != b.isOverdue { return a.isOverdue }
            let dueA = a.item.due ?? "9999", dueB = b.item.due ?? "9999"
            if dueA != dueB { return dueA < dueB }
            if (a.ageDays ?? 0) != (b.ageDays ?? 0) { return (a.ageDays ?? 0) > (b.ageDays ?? 0) }
            return (a.drill.key, a.item.line) < (b.drill.key, b.item.line)
        }
    }

    /// Whether an item was open at the end of `day`, from its event history.
    package static func isOpen(_ record: RegisterSnapshot.ItemRecord, at day: Day) -> Bool? {
        var state: Bool?
        for event in record.eventDays {
            guard event.day <= day else { break }
            state = !event.done
        }
        return state
    }

    /// Open action items at the end of each week, oldest first, up to `asOf`'s week.
    package func burnDown(weeks: Int = 26) -> [(week: ISOWeek, open: Int)] {
        let actions = snapshot.drills.flatMap(\.items).filter { $0.item.kind == .action }
        let firstDay = actions.compactMap { $0.eventDays.first?.day }.min()
        guard let firstDay else { return [] }
        var week = ISOWeek(containing: max(firstDay, asOf.adding(days: -7 * (weeks - 1))))
        let last = ISOWeek(containing: asOf)
        var series: [(ISOWeek, Int)] = []
        while week <= last {
            let end = min(week.sunday, asOf)
            series.append((week, actions.filter { Self.isOpen($0, at: end) == true }.count))
            week = week.next
        }
        return series
    }

    // MARK: Drills

    /// Drills newest first (undated last), then by number.
    package var drillsNewestFirst: [RegisterSnapshot.DrillRecord] {
        snapshot.drills.sorted { ($0.drill.date ?? "", $0.key) > ($1.drill.date ?? "", $1.key) }
    }
}
