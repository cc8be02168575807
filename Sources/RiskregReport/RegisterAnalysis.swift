import RiskregModel

/// Every figure riskreg shows about a register on a given day, defined once: what counts as
/// drilled, when a risk is overdue, which recovery is "recorded", which action items are open.
/// The CLI tables, `status`, the site's pages, the weekly reports and the JSON all read these,
/// so they cannot disagree. README.md ("How riskreg counts") states the same definitions.
package struct RegisterAnalysis {
    package let snapshot: RegisterSnapshot
    /// The day "overdue" and "age" are measured against.
    package let asOf: Day
    package let drillsByNumber: [Int: RegisterSnapshot.DrillRecord]
    /// Every risk's status on `asOf`, in register order.
    package let riskStatuses: [RiskStatus]

    /// Risk statuses (case-insensitive) that take a risk off its drill cadence: the team chose
    /// not to drill it (accepted, transferred) or it no longer exists (closed, retired).
    package static let cadenceExemptStatuses: Set<String> = ["accepted", "closed", "retired", "transferred"]

    /// Per risk id, its executed drills newest first (undated last): cut at a day with a binary
    /// search, so a status on any day costs no sorting (weekly reports ask for hundreds).
    private let executedByRisk: [String: [RegisterSnapshot.DrillRecord]]

    package init(snapshot: RegisterSnapshot, asOf: Day) {
        self.snapshot = snapshot
        self.asOf = asOf
        var drills: [Int: RegisterSnapshot.DrillRecord] = [:]
        for record in snapshot.drills { drills[record.key] = record }
        drillsByNumber = drills
        var executed: [String: [RegisterSnapshot.DrillRecord]] = [:]
        for record in snapshot.risks {
            executed[record.risk.id] = record.drills.compactMap { drills[$0] }
                .filter { $0.drill.kind == .drill && $0.drill.status == .executed }
                .sorted { ($0.day?.ordinal ?? Int32.min, $0.key) > ($1.day?.ordinal ?? Int32.min, $1.key) }
        }
        executedByRisk = executed
        riskStatuses = snapshot.risks.map { Self.status(of: $0, executed: executed[$0.risk.id] ?? [], asOf: asOf) }
        openActionItems = Self.openItems(in: snapshot, kind: .action, at: asOf)
        openChecklistItems = Self.openItems(in: snapshot, kind: .checklist, at: asOf).filter {
            $0.drill.drill.status == .executed && ($0.drill.day.map { $0 <= asOf } ?? false)
        }
    }

    /// Open action items on `asOf`, computed once: the dashboard, the items page and every risk
    /// page read them.
    private let openActionItems: [OpenItem]
    /// Open checklist steps on `asOf`, computed once: the dashboard and the items pages read them.
    private let openChecklistItems: [OpenItem]

    // MARK: Risks

    /// Where a risk stands against its drill cadence.
    package enum Cadence: Equatable {
        /// The risk names no cadence.
        case none
        /// Its status exempts it (see `cadenceExemptStatuses`).
        case exempt(status: String)
        /// It has a cadence but no drill yet: due now, though not "overdue" (that needs a lapse).
        case neverDrilled
        /// The next drill is due on this day (today or later).
        case due(Day)
        /// The cadence lapsed: the next drill was due on this day, before today.
        case overdue(since: Day)
    }

    package struct RiskStatus {
        package var record: RegisterSnapshot.RiskRecord
        /// Drills that count as drilling the risk, newest first: kind drill, status executed,
        /// dated on or before the day (undated executed drills count but give no day).
        /// Planned, aborted and future drills do not count; incident reviews never do.
        /// A slice of the risk's list of executed drills: weekly reports keep a status per risk
        /// per week, and a copy each held thousands of drills.
        package var executed: ArraySlice<RegisterSnapshot.DrillRecord>
        package var lastDrilled: Day?
        package var drilledInProduction: Bool
        package var cadence: Cadence
        /// The newest counting drill's recovery, when that drill recorded one: seconds, the
        /// drill's id and short name. An older drill's figure never stands in for a newer drill
        /// that recorded none.
        package var recordedRecovery: (seconds: Double, id: String, name: String)?

        package var risk: Risk { record.risk }
        package var neverDrilled: Bool { executed.isEmpty }
        package var onlyOutsideProduction: Bool { !executed.isEmpty && !drilledInProduction }
        /// The cadence lapsed (never-drilled and exempt risks are not overdue).
        package var isOverdue: Bool {
            if case .overdue = cadence { return true }
            return false
        }
        package var isExempt: Bool {
            if case .exempt = cadence { return true }
            return false
        }
        /// The day the next drill is due by cadence, when there is one.
        package var nextDue: Day? {
            switch cadence {
            case .due(let day), .overdue(since: let day): return day
            case .none, .exempt, .neverDrilled: return nil
            }
        }
        /// "2026-08-06", "now" (never drilled), "exempt (accepted)" or "—" (no cadence).
        package var nextDueText: String {
            switch cadence {
            case .none: return "—"
            case .exempt(let status): return "exempt (\(status))"
            case .neverDrilled: return "now"
            case .due(let day), .overdue(since: let day): return day.iso
            }
        }
        /// The newest drill's recovery is slower than the risk's expected recovery.
        package var slowerThanExpected: Bool {
            guard let recorded = recordedRecovery, let expected = risk.expectedRecoverySeconds else { return false }
            return recorded.seconds > expected
        }
        /// The expected recovery in the same words as recorded ones ("1m", not "60s"); the
        /// author's text when it is not a duration.
        package var expectedRecoveryText: String? {
            risk.expectedRecoverySeconds.map(TextFormat.duration) ?? risk.expectedRecovery
        }
    }

    /// The status of `record` on `day`, by the definitions above. `candidates`: the risk's
    /// executed drills newest first, undated last (see `executedByRisk`).
    private static func status(of record: RegisterSnapshot.RiskRecord, executed candidates: [RegisterSnapshot.DrillRecord], asOf day: Day) -> RiskStatus {
        // The first candidate dated on or before `day` (undated ones sort last and always count).
        var low = 0, high = candidates.count
        while low < high {
            let middle = (low + high) / 2
            if let drillDay = candidates[middle].day, drillDay > day { low = middle + 1 } else { high = middle }
        }
        let executed = candidates[low...]
        let last = executed.compactMap(\.day).max()
        let cadence: Cadence
        if let status = record.risk.status, cadenceExemptStatuses.contains(status.lowercased()) {
            cadence = .exempt(status: status)
        } else if let every = record.risk.drillEveryDays {
            if let last {
                let due = last.adding(days: every)
                cadence = due < day ? .overdue(since: due) : .due(due)
            } else {
                cadence = .neverDrilled
            }
        } else {
            cadence = .none
        }
        let recovery = executed.first.flatMap { newest in
            newest.drill.recoverySeconds.map { (seconds: $0, id: newest.drill.id, name: TextFormat.shortName(newest.drill)) }
        }
        return RiskStatus(
            record: record, executed: executed, lastDrilled: last,
            drilledInProduction: executed.contains { $0.drill.environment == "production" }, cadence: cadence,
            recordedRecovery: recovery)
    }

    /// Whether a record counts as drilling its risks on `day`.
    package static func countsAsDrilled(_ record: RegisterSnapshot.DrillRecord, asOf day: Day) -> Bool {
        record.drill.kind == .drill && record.drill.status == .executed && (record.day.map { $0 <= day } ?? true)
    }

    package func status(of record: RegisterSnapshot.RiskRecord, asOf day: Day? = nil) -> RiskStatus {
        let candidates = executedByRisk[record.risk.id] ?? record.drills.compactMap { drillsByNumber[$0] }
            .filter { $0.drill.kind == .drill && $0.drill.status == .executed }
            .sorted { ($0.day?.ordinal ?? Int32.min, $0.key) > ($1.day?.ordinal ?? Int32.min, $1.key) }
        return Self.status(of: record, executed: candidates, asOf: day ?? asOf)
    }

    /// The status of the risk with this id on `asOf`.
    package func status(ofRisk id: String) -> RiskStatus? { riskStatuses.first { $0.risk.id == id } }

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
        package var kind: TaskItem.Kind { record.kind }
        package var text: String { record.text }
        package var owner: String? { record.owner }
        package var due: String? { record.due }
        package var line: Int { record.line }
    }

    /// Items of `kind` open at the end of `day` by their event history (an item ticked after
    /// `day` was still open then), overdue first (due strictly before `day`), then by due date,
    /// then oldest, then register order. The one definition of "open" and "overdue" items.
    package static func openItems(in snapshot: RegisterSnapshot, kind: TaskItem.Kind, at day: Day) -> [OpenItem] {
        var open: [OpenItem] = []
        for drill in snapshot.drills {
            for record in kind == .action ? drill.actions : drill.checklist where isOpen(record, at: day) == true {
                open.append(OpenItem(drill: drill, record: record, ageDays: record.openedDay.map { day - $0 },
                                     isOverdue: record.dueDay.map { $0 < day } ?? false))
            }
        }
        // In place: a sorted copy doubled the list (100,000 open actions in a large register).
        open.sort(by: ordered)
        return open
    }

    /// Overdue first, then the earliest due date, then the oldest, then register order.
    package static func ordered(_ a: OpenItem, _ b: OpenItem) -> Bool {
        if a.isOverdue != b.isOverdue { return a.isOverdue }
        let dueA = a.record.dueDay?.ordinal ?? Int32.max, dueB = b.record.dueDay?.ordinal ?? Int32.max
        if dueA != dueB { return dueA < dueB }
        if (a.ageDays ?? 0) != (b.ageDays ?? 0) { return (a.ageDays ?? 0) > (b.ageDays ?? 0) }
        return (a.drill.key, a.line) < (b.drill.key, b.line)
    }

    /// Open action items on `asOf` (see `openItems(in:kind:at:)`).
    package func openActions() -> [OpenItem] { openActionItems }

    /// Unticked checklist steps of drills that count as executed on `asOf`: the steps the
    /// weekly report calls an incomplete checklist. Planned drills' checklists are still to do.
    package func openChecklistSteps() -> [OpenItem] { openChecklistItems }

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
        var firstDay: Day?
        for drill in snapshot.drills {
            for record in drill.actions {
                if let day = record.eventDays.first?.day, firstDay.map({ day < $0 }) ?? true { firstDay = day }
            }
        }
        guard let firstDay else { return [] }
        var week = ISOWeek(containing: max(firstDay, asOf.adding(days: -7 * (weeks - 1))))
        let last = ISOWeek(containing: asOf)
        var ends: [Day] = []
        var series: [(ISOWeek, Int)] = []
        while week <= last {
            ends.append(min(week.sunday, asOf))
            series.append((week, 0))
            week = week.next
        }
        // Each item's events and the weeks' ends are both in date order: one merge per item.
        for drill in snapshot.drills {
            for record in drill.actions {
                let events = record.eventDays
                var cursor = 0
                var open = false
                for (index, end) in ends.enumerated() {
                    while cursor < events.count, events[cursor].day <= end {
                        open = !events[cursor].done
                        cursor += 1
                    }
                    if open { series[index].1 += 1 }
                }
            }
        }
        return series
    }

    // MARK: Drills

    /// Drills newest first (undated last), then by number.
    package var drillsNewestFirst: [RegisterSnapshot.DrillRecord] {
        snapshot.drills.sorted { ($0.drill.date ?? "", $0.key) > ($1.drill.date ?? "", $1.key) }
    }
}
