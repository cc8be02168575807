import RiskregModel

/// One status report over a date range (an ISO week by default), computed from the register's
/// history: item states come from their event log, so a report for an old week says what was
/// true then.
package struct WeeklyReport {
    /// `2026-W19`, or `2026-05-01..2026-05-14` for a custom range.
    package var week: String
    package var since: Day
    package var until: Day

    package var executed: [RegisterSnapshot.DrillRecord]
    package var planned: [RegisterSnapshot.DrillRecord]
    package var aborted: [RegisterSnapshot.DrillRecord]
    /// Incident reviews dated in the range.
    package var incidents: [RegisterSnapshot.DrillRecord]
    package var opened: [ItemRef]
    package var closed: [ItemRef]
    /// Open action items at the end of the range, overdue first. The site's reports keep only
    /// the first `listLimit`; `openCount` is the whole number.
    package var open: [RegisterAnalysis.OpenItem]
    package var openCount: Int { counts.openActions }
    package var overdue: [RegisterAnalysis.OpenItem] { open.filter(\.isOverdue) }
    package var owners: [(owner: String, open: Int, overdue: Int, oldestDays: Int)]
    /// Executed drills with a checklist step still open at the end of the range (the site's
    /// reports keep the first `listLimit`; `counts.incompleteChecklists` is the whole number).
    package var incompleteChecklists: [(drill: RegisterSnapshot.DrillRecord, missing: [RegisterSnapshot.ItemRecord])]
    package var neverDrilled: [RegisterAnalysis.RiskStatus]
    package var overdueRisks: [RegisterAnalysis.RiskStatus]
    package var slowRecovery: [RegisterAnalysis.RiskStatus]
    package var counts: Counts
    package var previous: Counts
    /// Risk posture changes since the previous range, in words.
    package var changes: [String]

    /// The records the report shows in full (with headline numbers and findings): executed,
    /// planned and aborted drills, and incidents.
    package var records: [RegisterSnapshot.DrillRecord] { executed + planned + aborted + incidents }

    /// The same report with `details` filled into the records it shows in full (`records`),
    /// for a snapshot read without them (`DrillRecord.filled(with:)`).
    package func filled(with details: [Int: RegisterSnapshot.RecordDetails]) -> WeeklyReport {
        func fill(_ list: [RegisterSnapshot.DrillRecord]) -> [RegisterSnapshot.DrillRecord] {
            list.map { record in details[record.key].map(record.filled) ?? record }
        }
        var copy = self
        (copy.executed, copy.planned, copy.aborted, copy.incidents) = (fill(executed), fill(planned), fill(aborted), fill(incidents))
        return copy
    }

    package struct ItemRef {
        package var drill: RegisterSnapshot.DrillRecord
        package var record: RegisterSnapshot.ItemRecord
        package var day: String
    }

    package struct Counts: Equatable, Codable {
        package var drillsExecuted = 0
        package var drillsPlanned = 0
        package var itemsOpened = 0
        package var itemsClosed = 0
        package var openActions = 0
        package var overdueActions = 0
        package var incompleteChecklists = 0
        package var neverDrilled = 0
        package var overdueRisks = 0
        package var slowRecovery = 0
    }

    /// Long lists in a report stop here (overdue and oldest first); the site's items page has all.
    package static let listLimit = 50
    /// How many top-ranked never-drilled risks a report lists.
    package static let topUntested = 5

    package static func make(snapshot: RegisterSnapshot, since: Day, until: Day, label: String) -> WeeklyReport {
        let analysis = RegisterAnalysis(snapshot: snapshot, asOf: until)
        func inRange(_ day: Day?) -> Bool { day.map { $0 >= since && $0 <= until } ?? false }
        let drills = snapshot.drills.filter { inRange($0.day) }
            .sorted { ($0.drill.date ?? "", $0.key) < ($1.drill.date ?? "", $1.key) }

        var opened: [ItemRef] = []
        var closed: [ItemRef] = []
        var incomplete: [(RegisterSnapshot.DrillRecord, [RegisterSnapshot.ItemRecord])] = []
        for drill in snapshot.drills {
            for record in drill.actions {
                if let first = record.eventDays.first, !first.done, inRange(first.day) {
                    opened.append(ItemRef(drill: drill, record: record, day: first.day.iso))
                }
                if let closing = Self.closingDay(record, since: since, until: until) {
                    closed.append(ItemRef(drill: drill, record: record, day: closing))
                }
            }
            if Self.hasIncompleteChecklist(drill, at: until) {
                let missing = drill.checklist.filter { RegisterAnalysis.isOpen($0, at: until) == true }
                if !missing.isEmpty { incomplete.append((drill, missing)) }
            }
        }
        let open = RegisterAnalysis.openItems(in: snapshot, kind: .action, at: until)
        var tally = OwnerTally()
        for item in open { tally.add(item) }
        let owners = tally.rows

        let statuses = analysis.riskStatuses
        let never = statuses.filter(\.neverDrilled).sorted(by: RegisterAnalysis.byRank)
        let overdueRisks = statuses.filter(\.isOverdue).sorted(by: RegisterAnalysis.byRank)
        let slow = statuses.filter(\.slowerThanExpected).sorted(by: RegisterAnalysis.byRank)

        // One definition of the counts, for this range and the one before it.
        let counts = Self.make(counting: snapshot, since: since, until: until)

        // The same posture one range earlier, for deltas and changes.
        let length = until - since + 1
        let previousUntil = since.adding(days: -1)
        let before = snapshot.risks.map { analysis.status(of: $0, asOf: previousUntil) }
        let changes = Self.changes(from: before, to: statuses)
        let previous = make(counting: snapshot, since: previousSince(since: since, length: length, label: label), until: previousUntil)
        return WeeklyReport(
            week: label, since: since, until: until,
            executed: drills.filter { $0.drill.kind == .drill && $0.drill.status == .executed },
            planned: drills.filter { $0.drill.kind == .drill && $0.drill.status == .planned },
            aborted: drills.filter { $0.drill.kind == .drill && $0.drill.status == .aborted },
            incidents: drills.filter { $0.drill.kind == .incident }, opened: opened, closed: closed, open: open, owners: owners,
            incompleteChecklists: incomplete.map { (drill: $0.0, missing: $0.1) }, neverDrilled: never,
            overdueRisks: overdueRisks, slowRecovery: slow, counts: counts, previous: previous, changes: changes)
    }

    /// Risk posture changes between two days' statuses (same risks, same order), in words.
    package static func changes(from before: [RegisterAnalysis.RiskStatus], to statuses: [RegisterAnalysis.RiskStatus]) -> [String] {
        var changes: [String] = []
        for (now, then) in zip(statuses, before) {
            let id = now.risk.id
            if let last = now.executed.first, now.executed.count > then.executed.count {
                changes.append("\(id) drilled in \(TextFormat.inlineName(TextFormat.shortName(last.drill))) (\(last.drill.date ?? "undated"))")
            }
            if now.isOverdue && !then.isOverdue {
                changes.append("\(id) became overdue for its \(now.risk.drillEveryDays ?? 0)-day drill cadence")
            }
            if !now.isOverdue && then.isOverdue {
                changes.append("\(id) is no longer overdue")
            }
            if now.slowerThanExpected && !then.slowerThanExpected, let recorded = now.recordedRecovery {
                changes.append("\(id) recorded recovery \(TextFormat.duration(recorded.seconds)) is slower than the expected \(now.expectedRecoveryText ?? "")")
            }
        }
        return changes
    }

    /// The range a report compares with: the whole previous ISO week for a week's report (even
    /// while the current week is still running), else as many days just before `since`.
    package static func previousSince(since: Day, length: Int, label: String) -> Day {
        ISOWeek(label) != nil ? since.adding(days: -7) : since.adding(days: -max(1, length))
    }

    /// Only the counts for a range: the report's headline and the previous range's deltas.
    package static func make(counting snapshot: RegisterSnapshot, since: Day, until: Day) -> Counts {
        let analysis = RegisterAnalysis(snapshot: snapshot, asOf: until)
        func inRange(_ day: Day?) -> Bool { day.map { $0 >= since && $0 <= until } ?? false }
        var counts = Counts()
        for drill in snapshot.drills {
            if inRange(drill.day), drill.drill.kind == .drill {
                if drill.drill.status == .executed { counts.drillsExecuted += 1 }
                if drill.drill.status == .planned { counts.drillsPlanned += 1 }
            }
            for record in drill.actions {
                if let first = record.eventDays.first, !first.done, inRange(first.day) { counts.itemsOpened += 1 }
                if Self.closingDay(record, since: since, until: until) != nil { counts.itemsClosed += 1 }
                if RegisterAnalysis.isOpen(record, at: until) == true {
                    counts.openActions += 1
                    if record.dueDay.map({ $0 < until }) ?? false { counts.overdueActions += 1 }
                }
            }
            if Self.hasIncompleteChecklist(drill, at: until) { counts.incompleteChecklists += 1 }
        }
        let statuses = analysis.riskStatuses
        counts.neverDrilled = statuses.count(where: \.neverDrilled)
        counts.overdueRisks = statuses.count(where: \.isOverdue)
        counts.slowRecovery = statuses.count(where: \.slowerThanExpected)
        return counts
    }

    /// An executed drill dated on or before `day` with a checklist step still unticked then.
    package static func hasIncompleteChecklist(_ drill: RegisterSnapshot.DrillRecord, at day: Day) -> Bool {
        drill.drill.status == .executed && (drill.day.map { $0 <= day } ?? false)
            && drill.checklist.contains { RegisterAnalysis.isOpen($0, at: day) == true }
    }

    /// The day in the range an item went from open to done, if it did.
    package static func closingDay(_ record: RegisterSnapshot.ItemRecord, since: Day, until: Day) -> String? {
        var wasOpen = false
        var closing: String?
        for event in record.eventDays {
            if event.done, wasOpen, event.day >= since, event.day <= until { closing = event.day.iso }
            wasOpen = !event.done
        }
        return closing
    }

    /// Whether an item the report shows was ticked at the end of the range: its last state
    /// change on or before `until`. An item the register first saw later counts as it was
    /// first seen (what its write-up said when it was imported). A report for an old week
    /// shows what was true then, not how the box stands today.
    package func isDone(_ record: RegisterSnapshot.ItemRecord) -> Bool {
        if let open = RegisterAnalysis.isOpen(record, at: until) { return !open }
        return record.eventDays.first?.done ?? record.done
    }

    /// How many of `items` were ticked at the end of the range (see `isDone`).
    package func doneCount(_ items: RegisterSnapshot.ItemList) -> Int {
        items.reduce(0) { $0 + (isDone($1) ? 1 : 0) }
    }

    /// The one-line trend: counts with deltas against the previous range.
    package var headline: String {
        func delta(_ now: Int, _ then: Int) -> String {
            let change = now - then
            return change == 0 ? "±0" : change > 0 ? "+\(change)" : "−\(-change)"
        }
        return [
            "\(counts.drillsExecuted) drill\(counts.drillsExecuted == 1 ? "" : "s") executed (\(delta(counts.drillsExecuted, previous.drillsExecuted)))",
            "\(counts.itemsOpened) action\(counts.itemsOpened == 1 ? "" : "s") opened, \(counts.itemsClosed) closed",
            "\(counts.openActions) open action\(counts.openActions == 1 ? "" : "s") (\(delta(counts.openActions, previous.openActions)))",
            "\(counts.overdueActions) overdue (\(delta(counts.overdueActions, previous.overdueActions)))",
            "\(counts.incompleteChecklists) incomplete checklist\(counts.incompleteChecklists == 1 ? "" : "s") (\(delta(counts.incompleteChecklists, previous.incompleteChecklists)))",
            "\(counts.neverDrilled) risk\(counts.neverDrilled == 1 ? "" : "s") never drilled (\(delta(counts.neverDrilled, previous.neverDrilled)))",
            "\(counts.overdueRisks) overdue for cadence (\(delta(counts.overdueRisks, previous.overdueRisks)))",
        ].joined(separator: " · ")
    }
}
