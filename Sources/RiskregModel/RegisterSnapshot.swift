import Foundation

/// Everything the register holds, read in one go: what export, the site and reports render.
package struct RegisterSnapshot: Sendable {
    package var registers: [RegisterRecord]
    package var risks: [RiskRecord]
    package var drills: [DrillRecord]

    package init(registers: [RegisterRecord], risks: [RiskRecord], drills: [DrillRecord]) {
        self.registers = registers
        self.risks = risks
        self.drills = drills
    }

    package struct RegisterRecord: Sendable {
        package var id: String
        package var title: String
        package var path: String

        package var sourceHash = ""

        package init(id: String, title: String, path: String, sourceHash: String = "") {
            self.id = id
            self.title = title
            self.path = path
            self.sourceHash = sourceHash
        }
    }

    package struct RiskRecord: Sendable {
        package var risk: Risk
        /// Linked drill numbers, ascending.
        package var drills: [Int]

        package init(risk: Risk, drills: [Int]) {
            self.risk = risk
            self.drills = drills
        }
    }

    /// A drill as the register holds it. A class: reports pass drills around by the thousand.
    package final class DrillRecord: Sendable {
        /// The register's internal key for the record: the author's drill number when there is
        /// one, else a key of 1,000,000 or more. Never shown; pages use `drill.id`.
        package let key: Int
        /// The drill; its `items` are empty, see `items`.
        package let drill: Drill
        package let path: String
        /// Linked risk ids (declared or mentioned, known to the register).
        package let risks: [String]
        /// Register ids the log mentions.
        package let registers: [String]
        /// Its checklist steps, then its actions (one array: three per record, the two parts and
        /// the whole, were 19 MB at 100,000 records).
        package let items: [ItemRecord]
        private let checklistCount: Int32
        /// `drill.date` parsed.
        package let day: Day?
        /// Content hash of the ship log as imported, and the version of the reading that made
        /// the record from it (`hash/reader`): what pages made from the record are fingerprinted by.
        package let sourceHash: String
        package var actions: ItemList { ItemList(items, Int(checklistCount)..<items.count) }
        package var checklist: ItemList { ItemList(items, 0..<Int(checklistCount)) }
        /// Where `drill.bareTitle` starts in `drill.title` (UTF-8 bytes; the title's length when
        /// the title is nothing else), worked out once: pages, fingerprints and reports ask for
        /// the names by the ten thousand. An offset, not two more strings per record (15 MB at
        /// 100,000 records); the names are made from it when asked for.
        private let bareTitleStart: Int32

        /// `drill.bareTitle`.
        package var bareTitle: String {
            let title = drill.title
            let start = Int(bareTitleStart)
            return start == 0 || start >= title.utf8.count ? title : String(decoding: title.utf8.dropFirst(start), as: UTF8.self)
        }

        /// `drill.displayName`.
        package var displayName: String {
            let title = drill.title
            let start = Int(bareTitleStart)
            let restIsEmpty = start >= title.utf8.count
            guard drill.number != nil else { return restIsEmpty ? title : bareTitle }
            return restIsEmpty ? drill.shortName : "\(drill.shortName) — \(bareTitle)"
        }
        /// How many findings the record has and the first one's title: what lists show. Kept
        /// when the snapshot was read without details, which leaves `drill.findings` empty.
        package let findingCount: Int
        package let firstFinding: String?
        /// False when the snapshot was read without details: `drill.metrics`, `drill.findings`,
        /// `drill.declaredRisks` and `drill.mentions` are then empty (fetch them with a
        /// `DetailSource` and `filled(with:)`; `risks` and `registers` hold what mentions link).
        package let hasDetails: Bool

        package convenience init(key: Int, drill: Drill, path: String, risks: [String], registers: [String], items: [ItemRecord], sourceHash: String = "") {
            self.init(key: key, drill: drill, path: path, risks: risks, registers: registers,
                      checklist: items.filter { $0.kind == .checklist }, actions: items.filter { $0.kind == .action },
                      sourceHash: sourceHash)
        }

        /// A record whose items are its checklist steps, then its actions; `names` are
        /// `drill.displayName` and `drill.bareTitle` when the caller worked them out already.
        /// `findings`, when given, are the record's finding count and first title for a drill
        /// read without details (`hasDetails` false).
        package convenience init(key: Int, drill: Drill, path: String, risks: [String], registers: [String],
                                 checklist: [ItemRecord], actions: [ItemRecord], sourceHash: String,
                                 bareTitleStart: Int? = nil, findings: (count: Int, first: String?)? = nil) {
            self.init(key: key, drill: drill, path: path, risks: risks, registers: registers,
                      items: checklist.isEmpty ? actions : actions.isEmpty ? checklist : checklist + actions,
                      checklistCount: checklist.count, sourceHash: sourceHash, bareTitleStart: bareTitleStart, findings: findings)
        }

        /// A record whose `items` are its checklist steps (the first `checklistCount`), then
        /// its actions. `bareTitleStart` is `Drill.bareTitleStart` when the caller worked it out.
        package init(key: Int, drill: Drill, path: String, risks: [String], registers: [String], items: [ItemRecord],
                     checklistCount: Int, sourceHash: String, bareTitleStart: Int? = nil, findings: (count: Int, first: String?)? = nil) {
            self.key = key
            self.drill = drill
            self.path = path
            self.risks = risks
            self.registers = registers
            self.items = items
            self.checklistCount = Int32(clamping: checklistCount)
            self.sourceHash = sourceHash
            day = Day(drill.date)
            self.bareTitleStart = Int32(clamping: bareTitleStart ?? drill.bareTitleStart)
            (findingCount, firstFinding) = findings ?? (drill.findings.count, drill.findings.first?.title)
            hasDetails = findings == nil
        }

        /// The same record with what `details` holds: its log, summary (when fetched with
        /// HTML), headline numbers and findings. Its items are shared, not copied; declared
        /// risks and mentions stay as they were read.
        package func filled(with details: RecordDetails) -> DrillRecord {
            var full = drill
            if !details.log.isEmpty { full.html = details.log }
            if !details.summary.isEmpty { full.summary = details.summary }
            full.metrics = details.metrics
            full.findings = details.findings
            return DrillRecord(key: key, drill: full, path: path, risks: risks, registers: registers, items: items,
                               checklistCount: Int(checklistCount), sourceHash: sourceHash, bareTitleStart: Int(bareTitleStart))
        }
    }

    /// What a snapshot read without details leaves out of a record: its rendered write-up and
    /// summary, its headline numbers and its findings with their bodies. Fetched a batch of
    /// records at a time where a page or file shows them (`RegisterStore.recordDetails`).
    package struct RecordDetails: Sendable, Equatable {
        /// The whole log rendered by cmark (`drill.html`); empty when fetched without HTML.
        package var log: String
        /// `drill.summary`; empty when fetched without HTML.
        package var summary: String
        package var metrics: [Metric]
        /// Every finding, in order; their bodies (`html`) are empty when fetched without HTML.
        package var findings: [Finding]

        package init(log: String = "", summary: String = "", metrics: [Metric] = [], findings: [Finding] = []) {
            self.log = log
            self.summary = summary
            self.metrics = metrics
            self.findings = findings
        }
    }

    /// Fetches what a snapshot read without details leaves out (`RecordDetails`): for the
    /// records whose keys are `first...last`, or for some keys. Safe on any thread.
    package struct DetailSource: Sendable {
        /// With HTML (logs, summaries, findings' bodies): for pages and files that show them.
        package var range: @Sendable (_ first: Int, _ last: Int) throws -> [Int: RecordDetails]
        /// Without HTML: headline numbers and findings' titles, for lists and reports.
        package var keys: @Sendable (_ keys: [Int]) throws -> [Int: RecordDetails]

        package init(range: @escaping @Sendable (_ first: Int, _ last: Int) throws -> [Int: RecordDetails],
                     keys: @escaping @Sendable (_ keys: [Int]) throws -> [Int: RecordDetails]) {
            self.range = range
            self.keys = keys
        }
    }

    /// The record with this internal key.
    package func drill(_ key: Int) -> DrillRecord? { drills.first { $0.key == key } }

    /// The record a user names: a drill number, an id, or a unique id prefix. Throws a message
    /// listing the candidates when the name is ambiguous, nil when nothing matches.
    package func record(named name: String) throws(RecordLookupError) -> DrillRecord? {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        if let exact = drills.first(where: { $0.drill.id == trimmed }) { return exact }
        let digits = trimmed.drop { $0 == "#" }
        if !digits.isEmpty, digits.allSatisfy(\.isNumber), let number = Int(digits),
            let numbered = drills.first(where: { $0.drill.number == number })
        {
            return numbered
        }
        let lower = trimmed.lowercased()
        let matches = drills.filter { $0.drill.id.lowercased().hasPrefix(lower) }
        if matches.count > 1 {
            throw RecordLookupError(name: name, candidates: matches.map(\.drill.id))
        }
        return matches.first
    }
    package func risk(_ id: String) -> RiskRecord? { risks.first { $0.risk.id == id } }
}
