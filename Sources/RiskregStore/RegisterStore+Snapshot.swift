import Algorithms
import Foundation
import Synchronization
import RiskregModel

extension RegisterStore {
    /// The register's generation (see `Database.generation()`): read it before the snapshot,
    /// so a write committed in between makes the stored generation older, never newer.
    package func generation() throws -> Int? {
        try database.generation()
    }

    /// Reads the whole register. Drills come by number, risks by register then position.
    /// Without `includeHTML`, drills' rendered logs, their findings' bodies and their summaries
    /// are left empty: fetch them in batches with `recordDetails(from:through:)` where a page
    /// or file shows them (the largest part of a big register; only the feed shows summaries).
    /// Without `includeDetails` (which implies no HTML), drills' headline numbers, findings,
    /// declared risks and mentions are left empty too (`DrillRecord.hasDetails`): each
    /// record keeps its findings' count and first title, and the rest is fetched with
    /// `recordDetails` where shown. What a site build reads: on a register of 100,000 records
    /// they were 70 MB.
    package func snapshot(includeHTML: Bool = true, includeDetails: Bool = true) throws -> RegisterSnapshot {
        let includeHTML = includeHTML && includeDetails
        let db = database
        // A reading command reads items and their history (a third of the time) on a second
        // connection beside the rest. Its read transaction is a different one, so it is used
        // only if it sees the same generation: every write that changes a row advances it.
        let itemsElsewhere: BackgroundWork<[ItemRun]?>? =
            if readsOneSnapshot, let generation = try generation() {
                BackgroundWork { [path = db.path] in try? Self.items(path: path, generation: generation) }
            } else { nil }
        // Never return (or throw) while the other connection is open: removing the WAL files of
        // a reading command after it assumes no other connection of this process is left.
        defer { _ = itemsElsewhere?.value() }
        // A source hash names the reading too (`files.reader`): a file read again by a newer
        // riskreg has the same bytes but may give another record, and pages are fingerprinted
        // by it. The content hash's first 48 bits are enough to tell one version of a file from
        // the next, and make a string short enough to be held inline (a string of its own per
        // record was 8 MB at 100,000 records).
        let registers = try db.statement("SELECT g.id, g.title, g.path, substr(f.hash, 1, 12) || '/' || f.reader FROM registers g JOIN files f ON f.path = g.path ORDER BY g.id").rows {
            RegisterSnapshot.RegisterRecord(id: $0.string(0), title: $0.string(1), path: $0.string(2), sourceHash: $0.string(3))
        }
        let registerPaths = Dictionary(uniqueKeysWithValues: registers.map { ($0.id, $0.path) })

        var linksByRisk: [String: [Int]] = [:]
        var linksByDrill: [Int: [String]] = [:]
        try db.statement("SELECT drill, risk_id FROM drill_risks ORDER BY drill, risk_id").query { row in
            linksByRisk[row.string(1), default: []].append(row.int(0))
        }
        // A record's risks in the order its author gave them: declared first, then mentions.
        try db.statement("""
            SELECT drill, risk_id FROM (
                SELECT d.drill, d.risk_id, 0 AS part, d.rowid AS position FROM drill_declared_risks d JOIN risks r ON r.id = d.risk_id
                UNION ALL
                SELECT m.drill, m.token, 1, m.position FROM drill_mentions m JOIN risks r ON r.id = m.token)
            ORDER BY drill, part, position
            """).query { row in
            let drill = row.int(0), risk = row.string(1)
            if linksByDrill[drill]?.contains(risk) != true { linksByDrill[drill, default: []].append(risk) }
        }
        var registersByDrill: [Int: [String]] = [:]
        try db.statement("SELECT m.drill, m.token FROM drill_mentions m JOIN registers g ON g.id = m.token ORDER BY m.drill, m.position").query { row in
            registersByDrill[row.int(0), default: []].append(row.string(1))
        }

        let decoder = JSONDecoder()
        let risks = try db.statement("""
            SELECT r.id, r.register_id, r.title, r.description_html, r.description_text, r.rank, r.likelihood, r.impact,
                r.owner, r.expected_recovery, r.expected_recovery_seconds, r.verification, r.drill_every_days, r.status,
                r.fields_json, r.line FROM risks r ORDER BY r.register_id, r.position
            """).rows { row -> RegisterSnapshot.RiskRecord in
                let fields = (try? decoder.decode([Risk.Field].self, from: Data(row.string(14).utf8))) ?? []
                let risk = Risk(
                    id: row.string(0), registerID: row.string(1), title: row.string(2), descriptionHTML: row.string(3),
                    descriptionText: row.string(4), rank: row.optionalInt(5), likelihood: row.optionalInt(6),
                    impact: row.optionalInt(7), owner: row.optionalString(8), expectedRecovery: row.optionalString(9),
                    expectedRecoverySeconds: row.optionalDouble(10), verification: row.optionalString(11),
                    drillEveryDays: row.optionalInt(12), status: row.optionalString(13), fields: fields,
                    line: row.int(15), path: registerPaths[row.string(1)] ?? "")
                return RegisterSnapshot.RiskRecord(risk: risk, drills: linksByRisk[risk.id] ?? [])
            }

        var metrics: [Int: [Metric]] = [:]
        var findings: [Int: [Finding]] = [:]
        var declared: [Int: [String]] = [:]
        var mentions: [Int: [String]] = [:]
        var findingSummaries: [Int: (count: Int, first: String?)] = [:]
        if includeDetails {
            try db.statement("SELECT drill, name, value, number, unit, line FROM metrics ORDER BY drill, position").query { row in
                metrics[row.int(0), default: []].append(Self.metric(row))
            }
            try db.statement("SELECT drill, title, CASE WHEN ?1 THEN html ELSE '' END, line FROM findings ORDER BY drill, position")
                .query(.int(includeHTML ? 1 : 0)) { row in
                findings[row.int(0), default: []].append(Finding(title: row.string(1), html: row.string(2), line: row.int(3)))
            }
            try db.statement("SELECT drill, risk_id FROM drill_declared_risks ORDER BY drill").query { row in
                declared[row.int(0), default: []].append(row.string(1))
            }
            try db.statement("SELECT drill, token FROM drill_mentions ORDER BY drill, position").query { row in
                mentions[row.int(0), default: []].append(row.string(1))
            }
        } else {
            // What lists show: how many findings, and the first one's title (SQLite takes a
            // bare column from the row of the group's one `min`).
            try db.statement("SELECT drill, count(*), min(position), title FROM findings GROUP BY drill").query { row in
                findingSummaries[row.int(0)] = (row.int(1), row.string(3))
            }
        }

        let drills = try db.statement("""
            SELECT d.number, d.path, d.date, d.title, d.status, d.environment, d.recovery_seconds,
                CASE WHEN ?1 THEN d.summary ELSE '' END, CASE WHEN ?1 THEN d.html ELSE '' END, substr(f.hash, 1, 12) || '/' || f.reader, d.id, d.kind, d.author_number
            FROM drills d JOIN files f ON f.path = d.path ORDER BY d.number
            """).rows(.int(includeHTML ? 1 : 0)) { row -> (key: Int, drill: Drill, path: String, sourceHash: String, bareTitleStart: Int) in
                let number = row.int(0)
                let drill = Drill(
                    id: row.string(10), kind: RecordKind(rawValue: row.string(11)) ?? .drill, number: row.optionalInt(12),
                    date: row.optionalString(2), title: row.string(3),
                    status: Drill.Status(rawValue: row.string(4)) ?? .executed, environment: row.optionalString(5),
                    declaredRisks: declared[number] ?? [], mentions: mentions[number] ?? [],
                    recoverySeconds: row.optionalDouble(6), summary: row.string(7), metrics: metrics[number] ?? [],
                    findings: findings[number] ?? [], items: [], html: row.string(8))
                // Worked out here, while the items are still being read on the other connection.
                return (number, drill, row.string(1), row.string(9), drill.bareTitleStart)
            }
        // Items last, so the other connection has had all the time above.
        let items: [ItemRun]
        if let read = itemsElsewhere?.value() ?? nil {
            items = read
        } else {
            items = try Self.items(db)
        }
        // Records nearly all link the same few lists of risks and registers: each list is held
        // once and shared (an array of its own per record was 10 MB at 100,000 records).
        var risksLists: [[String]: [String]] = [:], registerLists: [[String]: [String]] = [:]
        func shared(_ list: [String], in lists: inout [[String]: [String]]) -> [String] {
            if list.isEmpty { return list }
            if let same = lists[list] { return same }
            lists[list] = list
            return list
        }
        // Both in key order: one merge.
        var next = 0
        let records = drills.map { row in
            while next < items.count && items[next].key < row.key { next += 1 }
            let run = next < items.count && items[next].key == row.key ? items[next] : ItemRun(key: row.key)
            return RegisterSnapshot.DrillRecord(key: row.key, drill: row.drill, path: row.path,
                                                risks: shared(linksByDrill[row.key] ?? [], in: &risksLists),
                                                registers: shared(registersByDrill[row.key] ?? [], in: &registerLists),
                                                items: run.items, checklistCount: run.checklistCount, sourceHash: row.sourceHash,
                                                bareTitleStart: row.bareTitleStart, findings: includeDetails ? nil : findingSummaries[row.key] ?? (0, nil))
        }
        return RegisterSnapshot(registers: registers, risks: risks, drills: records)
    }

    /// Every record's items with their history, in key order: one run per record with items.
    ///
    /// Both tables are read in the order they are stored (rowid), a straight scan: through
    /// their indexes, each row cost a lookup, and the two reads took three to five times as
    /// long. Rows are nearly always stored in the order wanted already (an import writes a
    /// record's items together, in order); what is not is sorted here. An item written since
    /// migration 6 has its first event in its row, and only later ones in `item_events`.
    /// Each item finds its events by a binary search in one flat array: no table of 60,000
    /// small arrays per 10,000 records.
    private static func items(_ database: Database) throws -> [ItemRun] {
        var eventItems: [Int] = []
        var events: [ItemEvents.Element] = []
        var eventsInOrder = true
        try database.statement("SELECT item, on_day, done FROM item_events").query { row in
            guard let day = Day(row.string(1)) else { return }
            let item = row.int(0)
            if let last = eventItems.last, last > item { eventsInOrder = false }
            eventItems.append(item)
            events.append((day, row.bool(2)))
        }
        if !eventsInOrder {
            // By item, each item's events in the order they were written.
            let order = eventItems.indices.sorted { (eventItems[$0], $0) < (eventItems[$1], $1) }
            eventItems = order.map { eventItems[$0] }
            events = order.map { events[$0] }
        }
        // Every item's text goes into one store.
        typealias Stored = (key: Int, kind: TaskItem.Kind, position: Int, record: RegisterSnapshot.ItemRecord)
        var items: [Stored] = []
        let texts = ItemTexts()
        var itemsInOrder = true
        func precedes(_ a: Stored, _ b: Stored) -> Bool {
            // As `ORDER BY drill, kind, position`: "action" sorts before "checklist".
            (a.key, a.kind == .action ? 0 : 1, a.position) < (b.key, b.kind == .action ? 0 : 1, b.position)
        }
        try database.statement("""
            SELECT id, drill, kind, text, done, line, box_column, artifact, owner, due, refs, first_seen, opened_on, done_on, position,
                first_event_in_row
            FROM items
            """).query { row in
                let id = row.int(0)
                let kind = TaskItem.Kind(rawValue: row.string(2)) ?? .action
                let refs = row.string(10).splitOnASCII(UInt8(ascii: " ")).map(String.init)
                let item = TaskItem(
                    kind: kind, text: row.string(3), done: row.bool(4),
                    line: row.int(5), boxColumn: row.int(6), artifact: row.optionalString(7), owner: row.optionalString(8),
                    due: row.optionalString(9), refs: refs)
                let first = eventItems.partitioningIndex { $0 >= id }
                var end = first
                while end < eventItems.count && eventItems[end] == id { end += 1 }
                let openedOn = row.optionalString(12), doneOn = row.optionalString(13)
                // The first event in the row (migration 6): the day it came in open, else done.
                let firstEvent = row.bool(15) ? Day(openedOn ?? doneOn).map { (day: $0, done: openedOn == nil) } : nil
                let record = RegisterSnapshot.ItemRecord(
                    id: id, item: item, texts: texts, firstSeen: Day(row.string(11)), openedOn: Day(openedOn),
                    doneOn: Day(doneOn), eventDays: ItemEvents(first: firstEvent, later: events[first..<end]))
                let entry = (key: row.int(1), kind: kind, position: row.int(14), record: record)
                if let last = items.last, !precedes(last, entry) { itemsInOrder = false }
                items.append(entry)
            }
        if !itemsInOrder { items.sort(by: precedes) }
        // One array per record, of its exact size: its checklist steps, then its actions.
        var runs: [ItemRun] = []
        var start = 0
        while start < items.count {
            let key = items[start].key
            var end = start + 1
            while end < items.count && items[end].key == key { end += 1 }
            var run = ItemRun(key: key)
            run.items.reserveCapacity(end - start)
            for entry in items[start..<end] where entry.kind == .checklist { run.items.append(entry.record) }
            run.checklistCount = run.items.count
            for entry in items[start..<end] where entry.kind == .action { run.items.append(entry.record) }
            runs.append(run)
            start = end
        }
        return runs
    }

    /// The same on a connection of its own, or nil when that connection does not see
    /// `generation` (a write came in between).
    private static func items(path: String, generation: Int) throws -> [ItemRun]? {
        let database = try Database(readOnlyAt: path)
        try database.execute("BEGIN")
        defer { try? database.execute("COMMIT") }
        guard try database.generation() == generation else { return nil }
        return try items(database)
    }

    /// `recordDetails` for any thread, one call at a time: the store moves into a lock. What a
    /// site build reads logs, headline numbers and findings through while its steps run beside
    /// each other.
    package static func detailSource(_ store: sending RegisterStore) -> RegisterSnapshot.DetailSource {
        let locked = LockedStore(store)
        return RegisterSnapshot.DetailSource(
            range: { first, last in try locked.store.withLock { try $0.recordDetails(from: first, through: last) } },
            keys: { keys in try locked.store.withLock { try $0.recordDetails(keys: keys) } })
    }

    /// Rendered write-ups, summaries, headline numbers and findings (with their bodies) of the
    /// records whose internal keys are `first...last`.
    package func recordDetails(from first: Int, through last: Int) throws -> [Int: RegisterSnapshot.RecordDetails] {
        var details: [Int: RegisterSnapshot.RecordDetails] = [:]
        try database.statement("SELECT number, html, summary FROM drills WHERE number BETWEEN ? AND ?").query(.int(first), .int(last)) { row in
            details[row.int(0)] = RegisterSnapshot.RecordDetails(log: row.string(1), summary: row.string(2))
        }
        try database.statement("SELECT drill, name, value, number, unit, line FROM metrics WHERE drill BETWEEN ? AND ? ORDER BY drill, position")
            .query(.int(first), .int(last)) { row in
                details[row.int(0)]?.metrics.append(Self.metric(row))
            }
        try database.statement("SELECT drill, title, html, line FROM findings WHERE drill BETWEEN ? AND ? ORDER BY drill, position")
            .query(.int(first), .int(last)) { row in
                details[row.int(0)]?.findings.append(Finding(title: row.string(1), html: row.string(2), line: row.int(3)))
            }
        return details
    }

    /// Headline numbers and findings (titles and lines, no bodies) of the records with these
    /// internal keys; a key with no record is left out. Three statements for all the keys
    /// (which records exist, their numbers, their findings; the keys as a JSON array read with
    /// `json_each`), not three per key: a cold build's reports ask for every record.
    package func recordDetails(keys: [Int]) throws -> [Int: RegisterSnapshot.RecordDetails] {
        var details: [Int: RegisterSnapshot.RecordDetails] = [:]
        guard !keys.isEmpty else { return details }
        let list = Statement.Value.text("[" + keys.map(String.init).joined(separator: ",") + "]")
        try database.statement("SELECT number FROM drills WHERE number IN (SELECT value FROM json_each(?))").query(list) { row in
            details[row.int(0)] = RegisterSnapshot.RecordDetails()
        }
        try database.statement("""
            SELECT drill, name, value, number, unit, line FROM metrics WHERE drill IN (SELECT value FROM json_each(?)) ORDER BY drill, position
            """).query(list) { row in
                details[row.int(0)]?.metrics.append(Self.metric(row))
            }
        try database.statement("SELECT drill, title, line FROM findings WHERE drill IN (SELECT value FROM json_each(?)) ORDER BY drill, position")
            .query(list) { row in
                details[row.int(0)]?.findings.append(Finding(title: row.string(1), html: "", line: row.int(2)))
            }
        return details
    }

    /// A metric from a row of `drill, name, value, number, unit, line`.
    private static func metric(_ row: Statement.Row) -> Metric {
        Metric(name: row.string(1), value: row.string(2), number: row.optionalDouble(3), unit: row.optionalString(4), line: row.int(5))
    }
}

/// One record's items as the snapshot reads them: its checklist steps, then its actions.
private struct ItemRun: Sendable {
    var key: Int
    var items: [RegisterSnapshot.ItemRecord] = []
    var checklistCount = 0
}

/// A store behind a lock, for `RegisterStore.drillHTMLSource`.
private final class LockedStore: Sendable {
    let store: Mutex<RegisterStore>

    init(_ store: sending RegisterStore) {
        self.store = Mutex(store)
    }
}
