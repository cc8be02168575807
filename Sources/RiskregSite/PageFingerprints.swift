import Foundation
import RiskregModel
import RiskregReport

/// Fingerprints of what a page shows, so an unchanged page is carried over without rendering.
/// A fingerprint must cover every input of its page: when in doubt, include more.
package struct PageFingerprints {
    /// The version of riskreg's page logic. Bump it with any change to what views put on a page,
    /// so sites built by an older riskreg are rendered again rather than carried over.
    package static let renderVersion = 6

    package let snapshot: RegisterSnapshot
    /// Templates, options and the register documents: shared by every page.
    package let shared: String

    package init(snapshot: RegisterSnapshot, templatesDigest: String, options: SiteOptions, hasReports: Bool, repositoryLinkBase: String?) {
        self.snapshot = snapshot
        let registers = snapshot.registers.map { "\($0.id)=\($0.sourceHash)" }.joined(separator: ",")
        shared = ["riskreg-render-\(Self.renderVersion)", templatesDigest, options.repoURL ?? "", options.baseURL ?? "", options.stamp ?? "", options.siteTitle,
                  String(hasReports), repositoryLinkBase ?? "", registers, String(options.listPageLimit)].joined(separator: "\u{1}")
    }

    private func hash(_ parts: [String]) -> String {
        var hasher = hasher()
        for part in parts { hasher.add(part) }
        return hasher.fingerprint()
    }

    /// A hasher that has taken `shared`.
    private func hasher() -> ContentHasher {
        var hasher = ContentHasher()
        hasher.add(shared)
        return hasher
    }

    /// Pages that summarise the whole register (dashboard, lists, risk pages, feed, data): a
    /// digest of every file's hash, every item event and the day. Unchanged only when nothing
    /// in the register changed.
    package func wholeRegister(asOf: Day, reportWeeks: [ISOWeek]) -> String {
        var hasher = hasher()
        hasher.add("register")
        hasher.add(asOf.iso)
        hasher.add(reportWeeks.map(\.description).joined(separator: ","))
        for record in snapshot.drills {
            hasher.add(record.key)
            hasher.add(record.drill.id)
            hasher.add(source: record)
            record.items.forEach { hasher.add(history: $0) }
        }
        return hasher.fingerprint()
    }

    /// What every record's page and JSON file are made with besides the record and its
    /// neighbours (templates, options, register documents, the day): a build whose previous
    /// build had the same compares only the pages of records changed since (`ChangedRecordPages`).
    package func recordPages(asOf: Day) -> String {
        hash(["record-pages", asOf.iso])
    }

    /// A drill page: its log, links and neighbours; the day only when open items have due dates.
    package func drill(_ record: RegisterSnapshot.DrillRecord, previous: RegisterSnapshot.DrillRecord?, next: RegisterSnapshot.DrillRecord?, asOf: Day) -> String {
        let dated = record.items.contains { !$0.done && $0.dueDay != nil }
        var hasher = hasher()
        hasher.add("drill")
        hasher.add(source: record)
        for neighbour in [previous, next] {
            hasher.add(neighbour?.drill.id ?? "")
            hasher.add(neighbour?.displayName ?? "")
        }
        hasher.add(dated ? asOf.iso : "")
        return hasher.fingerprint()
    }

    /// A record's `api/drills/ID.json`: what the export writes of it.
    package func recordJSON(_ record: RegisterSnapshot.DrillRecord) -> String {
        var hasher = hasher()
        hasher.add("record-json")
        hasher.add(record.drill.id)
        hasher.add(source: record)
        record.items.forEach { hasher.add(history: $0) }
        return hasher.fingerprint()
    }

    /// `api/index.json`: each record's entry (not its contents, which live in its own file),
    /// each risk's linked records, and the register documents (in `shared`). A ticked box
    /// leaves it alone.
    package func exportIndex() -> String {
        var hasher = hasher()
        hasher.add("export-index")
        for record in snapshot.drills {
            let drill = record.drill
            hasher.add(record.key)
            hasher.add(drill.id)
            hasher.add(drill.kind.rawValue)
            hasher.add(drill.number.map(String.init) ?? "-")
            hasher.add(drill.date)
            hasher.add(drill.title)
            hasher.add(drill.status.rawValue)
            hasher.add(record.risks, joinedBy: ",")
            hasher.add(record.path)
        }
        for risk in snapshot.risks {
            hasher.add(risk.risk.id)
            hasher.add(risk.drills.map(String.init).joined(separator: ","))
        }
        return hasher.fingerprint()
    }

    /// Rows as the report pages show them, kept from week to week: each record's and item's
    /// digest of what its rows show (made once, when a row first needs it: the same open items
    /// and incomplete drills come back week after week), and the span of its boxes' history, so
    /// a week before the first change or after the last gets the boxes as first seen or as
    /// they are now without going through the history again.
    package struct ReportRows {
        private var records: [Int: Row] = [:]
        private var items: [Int: Row] = [:]

        package init() {}

        /// A row's digest (once made), and its (checklist, actions) done counts, or its item's
        /// done state as (0 or 1, 0), before its first state change and after its last.
        private struct Row {
            var digest: String?
            var first: Day?
            var last: Day?
            var before = (0, 0)
            var after = (0, 0)

            /// A record's row (its checklist steps and actions), or an item's (`checklist` true).
            init(_ items: [RegisterSnapshot.ItemRecord], checklist: Bool? = nil) {
                for item in items {
                    let events = item.eventDays
                    var initially = item.done, now = item.done
                    if let start = events.first, let end = events.last {
                        first = first.map { min($0, start.day) } ?? start.day
                        last = last.map { max($0, end.day) } ?? end.day
                        (initially, now) = (start.done, end.done)
                    }
                    if checklist ?? (item.kind == .checklist) {
                        before.0 += initially ? 1 : 0
                        after.0 += now ? 1 : 0
                    } else {
                        before.1 += initially ? 1 : 0
                        after.1 += now ? 1 : 0
                    }
                }
            }

            func counts(in report: WeeklyReport, _ exact: () -> (Int, Int)) -> (Int, Int) {
                guard let first, let last else { return after }
                if report.until < first { return before }
                if report.until >= last { return after }
                return exact()
            }
        }

        /// How many of `record`'s checklist steps and actions were ticked at the end of `report`'s range.
        fileprivate mutating func counts(of record: RegisterSnapshot.DrillRecord, in report: WeeklyReport) -> (Int, Int) {
            let row = records[record.key] ?? Row(record.items)
            if records[record.key] == nil { records[record.key] = row }
            return row.counts(in: report) { (report.doneCount(record.checklist), report.doneCount(record.actions)) }
        }

        /// What `record`'s rows show of it, boxes aside (`ContentHasher.add(shown:)`).
        fileprivate mutating func digest(of record: RegisterSnapshot.DrillRecord) -> String {
            var row = records[record.key] ?? Row(record.items)
            if let digest = row.digest { return digest }
            var hasher = ContentHasher()
            hasher.add(shown: record)
            let digest = hasher.fingerprint()
            row.digest = digest
            records[record.key] = row
            return digest
        }

        /// `item`'s digest, and 1 when it was ticked at the end of `report`'s range.
        fileprivate mutating func item(_ item: RegisterSnapshot.ItemRecord, in report: WeeklyReport) -> (String, Int) {
            var row = items[item.id] ?? Row([item], checklist: true)
            let digest = row.digest ?? {
                var hasher = ContentHasher()
                hasher.add(shown: item)
                return hasher.fingerprint()
            }()
            if row.digest == nil {
                row.digest = digest
                items[item.id] = row
            }
            return (digest, row.counts(in: report) { (report.isDone(item) ? 1 : 0, 0) }.0)
        }
    }

    /// A week's report page: everything it shows, read off the report itself and its
    /// neighbours. Records dated in the week by their logs' hashes; every other row by what it
    /// shows (the record's and item's own fields, and each box as it stood at the end of the
    /// week, see `WeeklyReport.isDone`), so ticking a box today, or editing an old log, re-renders
    /// only the weeks whose content changed. Cheaper than hashing the page's values or
    /// encoding the report. `rows` is kept from week to week.
    package func report(_ report: WeeklyReport, previous: ISOWeek?, next: ISOWeek?, rows: inout ReportRows) -> String {
        var hasher = hasher()
        hasher.add("report")
        for part in [report.week, report.since.iso, report.until.iso, previous?.description ?? "-", next?.description ?? "-", report.headline] {
            hasher.add(part)
        }
        for counts in [report.counts, report.previous] {
            for figure in [counts.drillsExecuted, counts.drillsPlanned, counts.itemsOpened, counts.itemsClosed, counts.openActions,
                           counts.overdueActions, counts.incompleteChecklists, counts.neverDrilled, counts.overdueRisks, counts.slowRecovery] {
                hasher.add(figure)
            }
        }
        func add(boxesOf record: RegisterSnapshot.DrillRecord) {
            let (checklistDone, actionsDone) = rows.counts(of: record, in: report)
            hasher.add(checklistDone)
            hasher.add(actionsDone)
        }
        func add(row record: RegisterSnapshot.DrillRecord) {
            hasher.add(rows.digest(of: record))
            add(boxesOf: record)
        }
        func add(_ item: RegisterSnapshot.ItemRecord) {
            let (digest, done) = rows.item(item, in: report)
            hasher.add(digest)
            hasher.add(done)
        }
        for (label, list) in [("executed", report.executed), ("planned", report.planned), ("aborted", report.aborted), ("incidents", report.incidents)] {
            hasher.add(label)
            hasher.add(list.count)
            for record in list {
                // Metrics and findings too: the whole log.
                hasher.add(record.key)
                hasher.add(record.sourceHash)
                hasher.add(record.path)
                hasher.add(record.risks, joinedBy: ",")
                add(boxesOf: record)
            }
        }
        for (label, refs) in [("opened", report.opened), ("closed", report.closed)] {
            hasher.add(label)
            hasher.add(refs.count)
            // The page lists the first `listLimit` (the counts say how many in all).
            for ref in refs.prefix(WeeklyReport.listLimit) {
                hasher.add(rows.digest(of: ref.drill))
                add(ref.record)
                hasher.add(ref.day)
            }
        }
        hasher.add("open")
        hasher.add(report.open.count)
        for item in report.open.prefix(WeeklyReport.listLimit) {
            hasher.add(rows.digest(of: item.drill))
            add(item.record)
            hasher.add(item.ageDays.map(String.init) ?? "-")
            hasher.add(item.isOverdue ? "overdue" : "")
        }
        hasher.add("owners")
        for owner in report.owners { hasher.add("\(owner.owner):\(owner.open):\(owner.overdue):\(owner.oldestDays)") }
        hasher.add("incomplete")
        for entry in report.incompleteChecklists.prefix(WeeklyReport.listLimit) {
            add(row: entry.drill)
            hasher.add(entry.missing.count)
            entry.missing.forEach(add)
        }
        for (label, statuses) in [("never", report.neverDrilled), ("overdue", report.overdueRisks), ("slow", report.slowRecovery)] {
            hasher.add(label)
            hasher.add(statuses.count)
            for status in statuses { hasher.add(standing(status) + ":\(status.isExempt):\(status.neverDrilled):\(status.expectedRecoveryText ?? "-")") }
        }
        hasher.add("changes")
        report.changes.forEach { hasher.add($0) }
        return hasher.fingerprint()
    }

    /// A risk's standing as its rows show it (list pages and its own page).
    private func standing(_ status: RegisterAnalysis.RiskStatus) -> String {
        "\(status.risk.id):\(status.lastDrilled?.iso ?? "-"):\(status.nextDueText):\(status.isOverdue):\(status.executed.count):"
            + "\(status.drilledInProduction):\(status.recordedRecovery.map { "\($0.seconds)@\($0.id)" } ?? "-"):\(status.slowerThanExpected)"
    }

    /// A risk's page: the risk (its register document is in `shared`), its standing, the
    /// records linked to it, and the day when it lists open follow-ups (their ages change daily).
    /// Editing a log re-renders only the pages of the risks it is linked to.
    package func risk(_ status: RegisterAnalysis.RiskStatus, linked: [RegisterSnapshot.DrillRecord], openFollowUps: Bool, asOf: Day) -> String {
        hash(["risk", standing(status)] + linked.map { "\($0.key):\($0.drill.id):\($0.sourceHash):\($0.path):\($0.risks.joined(separator: " "))" }
            + [openFollowUps ? asOf.iso : ""])
    }

    /// A part of a cut risk's older drills: the risk's standing, which part of how many, and
    /// the part's records (as `risk` takes them).
    package func riskDrillsPart(_ status: RegisterAnalysis.RiskStatus, parts: RiskDrillParts, part: Int) -> String {
        hash(["risk-drills", standing(status), "\(part)/\(parts.partCount)/\(parts.drills.count)"]
            + parts.drills(of: part).map { "\($0.key):\($0.drill.id):\($0.sourceHash):\($0.path):\($0.risks.joined(separator: " "))" })
    }

    /// The risk list pages: every risk's row, and the lists' own links (registers, statuses).
    package func riskLists(_ statuses: [RegisterAnalysis.RiskStatus]) -> String {
        hash(["risk-lists"] + statuses.map(standing))
    }

    // MARK: List pages over the list limit

    /// A month page's own part (which records of how many it lists) and its neighbours' (the
    /// pager's links name their parts).
    private func monthKeys(_ month: ListMonth, _ previous: ListMonth?, _ next: ListMonth?) -> [String] {
        func name(_ month: ListMonth?) -> String {
            guard let month else { return "" }
            return month.partCount == 1 ? month.key : "\(month.key)#\(month.part)/\(month.partCount)"
        }
        let own = month.partCount == 1 ? month.key : "\(name(month))/\(month.firstRecord)/\(month.monthRecordCount)"
        return [own, name(previous), name(next)]
    }

    /// `drills/index.html` as an overview: the counts and each month's number of records.
    /// Editing a log re-renders it only when a count or a month changes.
    package func drillOverview(_ months: [ListMonth]) -> String {
        let drills = snapshot.drills.count(where: { $0.drill.kind == .drill })
        return hash(["drill-overview", "\(drills)/\(snapshot.drills.count)"] + months.map { "\($0.key):\($0.records.count)" })
    }

    /// A month of the drill list: its records and its neighbours. No day: its rows show none.
    package func drillMonth(_ month: ListMonth, previous: ListMonth?, next: ListMonth?) -> String {
        var hasher = hasher()
        for part in ["drill-month"] + monthKeys(month, previous, next) { hasher.add(part) }
        for record in month.records { hasher.add(listed: record) }
        return hasher.fingerprint()
    }

    /// `items.html` as an overview: the counts (as of the day it names), the most urgent open
    /// action items and each month's counts.
    package func itemsOverview(openActions: [RegisterAnalysis.OpenItem], stepCount: Int, months: [ListMonth], asOf: Day) -> String {
        var parts = ["items-overview", asOf.iso, "\(openActions.count):\(openActions.count(where: \.isOverdue)):\(stepCount)",
                     "\(SiteViews.urgentItemLimit)"]
        for open in openActions.prefix(SiteViews.urgentItemLimit) {
            let drill = open.drill
            parts.append("\(drill.key):\(drill.drill.id):\(drill.path):\(drill.sourceHash):\(open.record.id):\(open.ageDays.map(String.init) ?? "-"):\(open.isOverdue)")
        }
        for month in months {
            parts.append("\(month.key):\(month.records.count):\(month.openActions.count):\(month.openActions.count(where: \.isOverdue)):\(month.openSteps.count)")
        }
        return hash(parts)
    }

    /// A month of the items page: its records (their items and history) and its neighbours; the
    /// day only when the page depends on it: it shows open items (ages, "overdue"), or one of
    /// its records or item events is dated after the day (what is open or executed by then
    /// changes as the day moves).
    package func itemsMonth(_ month: ListMonth, previous: ListMonth?, next: ListMonth?, asOf: Day) -> String {
        let iso = asOf.iso
        let dayMatters = !month.openActions.isEmpty || !month.openSteps.isEmpty
            || month.records.contains { record in
                (record.drill.date ?? "") > iso || record.items.contains { $0.eventDays.contains { $0.day > asOf } }
            }
        var hasher = hasher()
        let keys = monthKeys(month, previous, next)
        for part in ["items-month", keys[0], dayMatters ? iso : ""] + keys.dropFirst() { hasher.add(part) }
        for record in month.records { hasher.add(listed: record) }
        return hasher.fingerprint()
    }
}

extension ContentHasher {
    /// What a record's page and data are made from: its file (by hash), and what it links to.
    mutating func add(source record: RegisterSnapshot.DrillRecord) {
        add(record.path)
        add(record.sourceHash)
        add(record.risks, joinedBy: ",")
        add(record.registers, joinedBy: ",")
    }

    /// A record as list rows show it (its row in the drill list, its items' rows, its completion
    /// row): what its file says, where it is, what it links to, and its items' history.
    mutating func add(listed record: RegisterSnapshot.DrillRecord) {
        add(record.key)
        add(record.drill.id)
        add(source: record)
        for item in record.items {
            add(item.id)
            add(item.openedDay.map { Int($0.ordinal) })
            add(events: item.eventDays)
        }
    }

    /// A record as a row shows it, without its boxes: its identity, name, date, status, links
    /// and how many steps, actions and findings it has (`SiteViews.drillRow`).
    mutating func add(shown record: RegisterSnapshot.DrillRecord) {
        let drill = record.drill
        add(record.key)
        add(drill.id)
        add(record.path)
        add(drill.number.map(String.init))
        add(drill.kind.rawValue)
        add(drill.status.rawValue)
        add(drill.date ?? "-")
        add(drill.title)
        add(drill.environment)
        add(record.risks, joinedBy: ",")
        add(record.checklist.count)
        add(record.actions.count)
        add(record.findingCount)
    }

    /// An item as a row shows it, without its box (`SiteViews.itemRow`).
    mutating func add(shown item: RegisterSnapshot.ItemRecord) {
        add(item.id)
        add(item.kind.rawValue)
        item.withText { add(utf8: $0) }
        add(item.line)
        add(item.owner)
        add(item.due)
        if !item.withArtifact({ add(utf8: $0) }) { add(nil as String?) }
        add(item.refs, joinedBy: " ")
    }

    /// An item by its identity and every state change it went through.
    mutating func add(history item: RegisterSnapshot.ItemRecord) {
        add(item.id)
        add(events: item.eventDays)
    }

    /// State changes, each as one number (its day, and whether it closed or opened the item).
    private mutating func add(events: ItemEvents) {
        for event in events { add(Int(event.day.ordinal) * 2 + (event.done ? 1 : 0)) }
    }
}
