import RiskregModel

/// Every week's report of the site in one walk of the register in date order, instead of one
/// full scan per week: item events are applied as the weeks advance (an open-item set kept
/// incrementally), drills are bucketed by week, risk statuses come from
/// `RegisterAnalysis`'s per-risk index, and only the first `WeeklyReport.listLimit` open items
/// are kept per week (selected, not sorted whole). Each report equals
/// `WeeklyReport.make` for its week except that its `open` list stops at the limit
/// (`WeeklyReportPassTests` checks this).
package enum WeeklyReportPass {
    /// One item's state change, in the order the pass applies them.
    private struct Event {
        var day: Int
        var drill: Int
        var item: Int
        var done: Bool
        /// The item's first event (it was seen for the first time).
        var first: Bool
    }

    package static func reports(snapshot: RegisterSnapshot, weeks: [ISOWeek], asOf: Day) -> [WeeklyReport] {
        reports(analysis: RegisterAnalysis(snapshot: snapshot, asOf: asOf), weeks: weeks)
    }

    /// The same over an analysis the caller has already made (the site's), as of its day.
    package static func reports(analysis: RegisterAnalysis, weeks: [ISOWeek]) -> [WeeklyReport] {
        guard let firstWeek = weeks.first else { return [] }
        let snapshot = analysis.snapshot, asOf = analysis.asOf
        let drills = snapshot.drills

        // Events of every item, by day; an item's own events keep their order.
        var events: [Event] = []
        for (drillIndex, drill) in drills.enumerated() {
            for (itemIndex, record) in drill.items.enumerated() {
                for (offset, event) in record.eventDays.enumerated() {
                    events.append(Event(day: Int(event.day.ordinal), drill: drillIndex, item: itemIndex, done: event.done, first: offset == 0))
                }
            }
        }
        events.sort { ($0.day, $0.drill, $0.item) < ($1.day, $1.drill, $1.item) }
        // Drills dated inside the weeks, by week.
        var drillsByWeek = Array(repeating: [Int](), count: weeks.count)
        for (index, drill) in drills.enumerated() {
            guard let day = drill.day, day >= firstWeek.monday else { continue }
            let week = (day - firstWeek.monday) / 7
            if week < weeks.count, day <= min(weeks[week].sunday, asOf) { drillsByWeek[week].append(index) }
        }

        // State at the end of the last week applied: whether each item is open, the open
        // actions, and how many checklist steps are open per drill.
        var isOpen = drills.map { Array(repeating: false, count: $0.items.count) }
        let actions = ActionTable(drills: drills)
        var openActions = OpenSet(count: actions.count)
        var openSteps = Array(repeating: 0, count: drills.count)
        var cursor = 0

        var previousCounts = WeeklyReport.make(counting: snapshot, since: firstWeek.monday.adding(days: -7), until: firstWeek.monday.adding(days: -1))
        var previousStatuses = snapshot.risks.map { analysis.status(of: $0, asOf: firstWeek.monday.adding(days: -1)) }
        var reports: [WeeklyReport] = []
        reports.reserveCapacity(weeks.count)

        for (weekIndex, week) in weeks.enumerated() {
            let since = week.monday, until = min(week.sunday, asOf)
            var opened: [(position: ItemKey, ref: WeeklyReport.ItemRef)] = []
            var closedDay: [ItemKey: Day] = [:]
            while cursor < events.count, events[cursor].day <= Int(until.ordinal) {
                let event = events[cursor]
                cursor += 1
                let record = drills[event.drill].items[event.item]
                let key = ItemKey(drill: event.drill, item: event.item)
                let wasOpen = isOpen[event.drill][event.item]
                isOpen[event.drill][event.item] = !event.done
                if record.item.kind == .action {
                    let action = actions.id[event.drill][event.item]
                    if event.done { openActions.remove(action) } else { openActions.insert(action) }
                    if event.day >= Int(since.ordinal) {
                        let day = Day(ordinal: event.day)
                        if event.first, !event.done {
                            opened.append((key, WeeklyReport.ItemRef(drill: drills[event.drill], record: record, day: day.iso)))
                        }
                        if event.done, wasOpen { closedDay[key] = day }
                    }
                } else if wasOpen != !event.done {
                    openSteps[event.drill] += event.done ? -1 : 1
                }
            }
            opened.sort { $0.position < $1.position }
            let closed = closedDay.sorted { $0.key < $1.key }.map {
                WeeklyReport.ItemRef(drill: drills[$0.key.drill], record: drills[$0.key.drill].items[$0.key.item], day: $0.value.iso)
            }

            // Open actions: counts and owners over all of them, the list only up to the limit,
            // on integers (an `OpenItem` is made only for the listed ones).
            var counts = WeeklyReport.Counts()
            let day = Int(until.ordinal)
            var ownerOpen = Array(repeating: 0, count: actions.owners.count)
            var ownerOverdue = ownerOpen, ownerOldest = ownerOpen
            var top: [Int] = []
            top.reserveCapacity(WeeklyReport.listLimit + 1)
            for action in openActions.members {
                let overdue = actions.due[action] < day
                let owner = actions.owner[action]
                ownerOpen[owner] += 1
                if overdue {
                    counts.overdueActions += 1
                    ownerOverdue[owner] += 1
                }
                ownerOldest[owner] = max(ownerOldest[owner], actions.opened[action].map { day - $0 } ?? 0)
                actions.offer(action, to: &top, on: day, limit: WeeklyReport.listLimit)
            }
            counts.openActions = openActions.members.count
            let owners = actions.owners.indices.filter { ownerOpen[$0] > 0 }
                .map { (owner: actions.owners[$0], open: ownerOpen[$0], overdue: ownerOverdue[$0], oldestDays: ownerOldest[$0]) }
                .sorted { ($0.overdue, $0.open, $1.owner) > ($1.overdue, $1.open, $0.owner) }
            let listed = top.map { action in
                let (drillIndex, itemIndex) = actions.place[action]
                let drill = drills[drillIndex], record = drill.items[itemIndex]
                return RegisterAnalysis.OpenItem(drill: drill, record: record, ageDays: record.openedDay.map { until - $0 },
                                                 isOverdue: record.dueDay.map { $0 < until } ?? false)
            }

            var incomplete: [(drill: RegisterSnapshot.DrillRecord, missing: [RegisterSnapshot.ItemRecord])] = []
            for (index, drill) in drills.enumerated() where openSteps[index] > 0 && drill.drill.status == .executed && (drill.day.map { $0 <= until } ?? false) {
                counts.incompleteChecklists += 1
                if incomplete.count < WeeklyReport.listLimit {
                    let missing = drill.items.indices.filter { drill.items[$0].item.kind == .checklist && isOpen[index][$0] }.map { drill.items[$0] }
                    incomplete.append((drill: drill, missing: missing))
                }
            }

            let inWeek = drillsByWeek[weekIndex].map { drills[$0] }.sorted { ($0.drill.date ?? "", $0.key) < ($1.drill.date ?? "", $1.key) }
            let executed = inWeek.filter { $0.drill.kind == .drill && $0.drill.status == .executed }
            let planned = inWeek.filter { $0.drill.kind == .drill && $0.drill.status == .planned }
            counts.drillsExecuted = executed.count
            counts.drillsPlanned = planned.count
            counts.itemsOpened = opened.count
            counts.itemsClosed = closed.count

            let statuses = snapshot.risks.map { analysis.status(of: $0, asOf: until) }
            counts.neverDrilled = statuses.count(where: \.neverDrilled)
            counts.overdueRisks = statuses.count(where: \.isOverdue)
            counts.slowRecovery = statuses.count(where: \.slowerThanExpected)

            reports.append(WeeklyReport(
                week: week.description, since: since, until: until, executed: executed, planned: planned,
                aborted: inWeek.filter { $0.drill.kind == .drill && $0.drill.status == .aborted },
                incidents: inWeek.filter { $0.drill.kind == .incident }, opened: opened.map(\.ref), closed: closed,
                open: listed, owners: owners, incompleteChecklists: incomplete,
                neverDrilled: statuses.filter(\.neverDrilled).sorted(by: RegisterAnalysis.byRank),
                overdueRisks: statuses.filter(\.isOverdue).sorted(by: RegisterAnalysis.byRank),
                slowRecovery: statuses.filter(\.slowerThanExpected).sorted(by: RegisterAnalysis.byRank),
                counts: counts, previous: previousCounts, changes: WeeklyReport.changes(from: previousStatuses, to: statuses)))
            // The next week compares with this one, which ended on its Sunday.
            previousCounts = counts
            previousStatuses = statuses
        }
        return reports
    }

    /// An item by its drill's position in the snapshot and its position in the drill: the
    /// register order reports list items in.
    private struct ItemKey: Hashable, Comparable {
        var drill: Int
        var item: Int

        static func < (a: ItemKey, b: ItemKey) -> Bool { (a.drill, a.item) < (b.drill, b.item) }
    }

    /// Every action item of the snapshot by a dense number, with what the weekly counts and
    /// the open list need of it as integers: owner, due and opened days, register position.
    private struct ActionTable {
        /// `id[drill][item]`: the action's number, or -1 for a checklist step.
        var id: [[Int]] = []
        var place: [(drill: Int, item: Int)] = []
        /// Index into `owners` (`@name`, or `unassigned`).
        var owner: [Int] = []
        var owners: [String] = []
        /// Day ordinals; no due day sorts last (`Int.max`).
        var due: [Int] = []
        var opened: [Int?] = []
        var drillKey: [Int] = []
        var line: [Int] = []

        var count: Int { place.count }

        init(drills: [RegisterSnapshot.DrillRecord]) {
            var ownerIndex: [String: Int] = [:]
            for (drillIndex, drill) in drills.enumerated() {
                id.append(drill.items.enumerated().map { itemIndex, record in
                    guard record.item.kind == .action else { return -1 }
                    let name = record.item.owner.map { "@" + $0 } ?? "unassigned"
                    let ownerNumber = ownerIndex[name] ?? {
                        owners.append(name)
                        ownerIndex[name] = owners.count - 1
                        return owners.count - 1
                    }()
                    place.append((drillIndex, itemIndex))
                    owner.append(ownerNumber)
                    due.append(record.dueDay.map { Int($0.ordinal) } ?? Int.max)
                    opened.append(record.openedDay.map { Int($0.ordinal) })
                    drillKey.append(drill.key)
                    line.append(record.item.line)
                    return place.count - 1
                })
            }
        }

        /// `RegisterAnalysis.ordered` on `day`: overdue first, then by due day, then oldest,
        /// then register order.
        func ordered(_ a: Int, _ b: Int, on day: Int) -> Bool {
            let overdueA = due[a] < day, overdueB = due[b] < day
            if overdueA != overdueB { return overdueA }
            if due[a] != due[b] { return due[a] < due[b] }
            let ageA = opened[a].map { day - $0 } ?? 0, ageB = opened[b].map { day - $0 } ?? 0
            if ageA != ageB { return ageA > ageB }
            return (drillKey[a], line[a]) < (drillKey[b], line[b])
        }

        /// Keeps the first `limit` actions in `ordered` order in `top`, without sorting them all.
        func offer(_ action: Int, to top: inout [Int], on day: Int, limit: Int) {
            if top.count == limit, let last = top.last, !ordered(action, last, on: day) { return }
            var low = 0, high = top.count
            while low < high {
                let middle = (low + high) / 2
                if ordered(top[middle], action, on: day) { low = middle + 1 } else { high = middle }
            }
            top.insert(action, at: low)
            if top.count > limit { top.removeLast() }
        }
    }

    /// A set of small integers with constant-time insert and remove, iterated as an array.
    private struct OpenSet {
        private(set) var members: [Int] = []
        private var position: [Int]

        init(count: Int) { position = Array(repeating: -1, count: count) }

        mutating func insert(_ value: Int) {
            guard position[value] < 0 else { return }
            position[value] = members.count
            members.append(value)
        }

        mutating func remove(_ value: Int) {
            let at = position[value]
            guard at >= 0 else { return }
            let last = members.removeLast()
            if last != value {
                members[at] = last
                position[last] = at
            }
            position[value] = -1
        }
    }
}
