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
    /// Sixteen bytes: a register of 50,000 records has 300,000 of these, sorted whole.
    private struct Event {
        var day: Int32
        var drill: Int32
        var item: Int32
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

        // Every item by one dense number: `itemStart[drill] + item`. Per-item state lives in
        // flat arrays (one array per drill cost more than the state it held).
        var itemStart: [Int] = []
        itemStart.reserveCapacity(drills.count + 1)
        var itemCount = 0, eventCount = 0
        for drill in drills {
            itemStart.append(itemCount)
            itemCount += drill.items.count
            for record in drill.items { eventCount += record.eventDays.count }
        }
        itemStart.append(itemCount)

        // Events of every item, by day; an item's own events keep their order.
        var events: [Event] = []
        events.reserveCapacity(eventCount)
        for (drillIndex, drill) in drills.enumerated() {
            for (itemIndex, record) in drill.items.enumerated() {
                for (offset, event) in record.eventDays.enumerated() {
                    events.append(Event(day: event.day.ordinal, drill: Int32(drillIndex), item: Int32(itemIndex), done: event.done, first: offset == 0))
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
        var isOpen = Array(repeating: false, count: itemCount)
        let actions = ActionTable(drills: drills, itemCount: itemCount)
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
            while cursor < events.count, events[cursor].day <= until.ordinal {
                let event = events[cursor]
                cursor += 1
                let drill = Int(event.drill), item = Int(event.item), flat = itemStart[drill] + item
                let record = drills[drill].items[item]
                let key = ItemKey(drill: drill, item: item)
                let wasOpen = isOpen[flat]
                isOpen[flat] = !event.done
                if record.kind == .action {
                    let action = Int(actions.id[flat])
                    if event.done { openActions.remove(action) } else { openActions.insert(action) }
                    if event.day >= since.ordinal {
                        let day = Day(ordinal: Int(event.day))
                        if event.first, !event.done {
                            opened.append((key, WeeklyReport.ItemRef(drill: drills[drill], record: record, day: day.iso)))
                        }
                        if event.done, wasOpen { closedDay[key] = day }
                    }
                } else if wasOpen != !event.done {
                    openSteps[drill] += event.done ? -1 : 1
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
                let overdue = Int(actions.due[action]) < day
                let owner = Int(actions.owner[action])
                ownerOpen[owner] += 1
                if overdue {
                    counts.overdueActions += 1
                    ownerOverdue[owner] += 1
                }
                ownerOldest[owner] = max(ownerOldest[owner], actions.age(action, on: day))
                actions.offer(action, to: &top, on: day, limit: WeeklyReport.listLimit)
            }
            counts.openActions = openActions.members.count
            let owners = actions.owners.indices.filter { ownerOpen[$0] > 0 }
                .map { (owner: actions.owners[$0], open: ownerOpen[$0], overdue: ownerOverdue[$0], oldestDays: ownerOldest[$0]) }
                .sorted { ($0.overdue, $0.open, $1.owner) > ($1.overdue, $1.open, $0.owner) }
            let listed = top.map { action in
                let drill = drills[Int(actions.drill[action])], record = drill.items[Int(actions.item[action])]
                return RegisterAnalysis.OpenItem(drill: drill, record: record, ageDays: record.openedDay.map { until - $0 },
                                                 isOverdue: record.dueDay.map { $0 < until } ?? false)
            }

            var incomplete: [(drill: RegisterSnapshot.DrillRecord, missing: [RegisterSnapshot.ItemRecord])] = []
            for (index, drill) in drills.enumerated() where openSteps[index] > 0 && drill.drill.status == .executed && (drill.day.map { $0 <= until } ?? false) {
                counts.incompleteChecklists += 1
                if incomplete.count < WeeklyReport.listLimit {
                    let start = itemStart[index]
                    let missing = drill.items.indices.filter { drill.items[$0].kind == .checklist && isOpen[start + $0] }.map { drill.items[$0] }
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
    /// the open list need of it as 32-bit integers, one flat array per field: owner, due and
    /// opened days, register position.
    private struct ActionTable {
        /// `id[itemStart[drill] + item]`: the action's number, or -1 for a checklist step.
        var id: [Int32] = []
        /// Where the action is: its drill's position in the snapshot and its own in the drill.
        var drill: [Int32] = []
        var item: [Int32] = []
        /// Index into `owners` (`@name`, or `unassigned`).
        var owner: [Int32] = []
        var owners: [String] = []
        /// Day ordinals; no due day sorts last (`Int32.max`).
        var due: [Int32] = []
        /// Day ordinals; `Int32.min` when the action has no opened day.
        var opened: [Int32] = []
        var drillKey: [Int] = []
        var line: [Int32] = []

        var count: Int { drill.count }

        init(drills: [RegisterSnapshot.DrillRecord], itemCount: Int) {
            let actionCount = drills.reduce(0) { $0 + $1.actions.count }
            id.reserveCapacity(itemCount)
            drill.reserveCapacity(actionCount)
            item.reserveCapacity(actionCount)
            owner.reserveCapacity(actionCount)
            due.reserveCapacity(actionCount)
            opened.reserveCapacity(actionCount)
            drillKey.reserveCapacity(actionCount)
            line.reserveCapacity(actionCount)
            var ownerIndex: [String: Int] = [:]
            for (drillIndex, drill) in drills.enumerated() {
                for (itemIndex, record) in drill.items.enumerated() {
                    guard record.kind == .action else {
                        id.append(-1)
                        continue
                    }
                    let name = record.owner.map { "@" + $0 } ?? "unassigned"
                    let ownerNumber = ownerIndex[name] ?? {
                        owners.append(name)
                        ownerIndex[name] = owners.count - 1
                        return owners.count - 1
                    }()
                    id.append(Int32(self.drill.count))
                    self.drill.append(Int32(drillIndex))
                    item.append(Int32(itemIndex))
                    owner.append(Int32(ownerNumber))
                    due.append(record.dueDay?.ordinal ?? Int32.max)
                    opened.append(record.openedDay?.ordinal ?? Int32.min)
                    drillKey.append(drill.key)
                    line.append(Int32(clamping: record.line))
                }
            }
        }

        /// Days the action has been open on `day` (0 when it has no opened day).
        func age(_ action: Int, on day: Int) -> Int {
            opened[action] == Int32.min ? 0 : day - Int(opened[action])
        }

        /// `RegisterAnalysis.ordered` on `day`: overdue first, then by due day, then oldest,
        /// then register order.
        func ordered(_ a: Int, _ b: Int, on day: Int) -> Bool {
            let overdueA = Int(due[a]) < day, overdueB = Int(due[b]) < day
            if overdueA != overdueB { return overdueA }
            if due[a] != due[b] { return due[a] < due[b] }
            let ageA = age(a, on: day), ageB = age(b, on: day)
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
