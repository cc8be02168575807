import RiskregMarkdown
import RiskregModel
import RiskregStore

/// What one import run did, file by file.
package struct ImportReport: Sendable {
    package enum Outcome: String, Sendable {
        case imported, updated, unchanged, refused, missing, pruned, skipped
    }

    package struct Entry: Sendable {
        package var path: String
        package var outcome: Outcome
        /// Refusal reason, skip reason or missing-file note.
        package var detail: String?
        /// `register` or `shiplog`.
        package var kind: String?
        /// What the file holds, for the output line: `drill 4`, `incident pm-2023-004`.
        package var label: String?
        /// The record's internal key in the register.
        package var key: Int?
        package var warnings: [String]

        package init(path: String, outcome: Outcome, detail: String? = nil, kind: String? = nil, label: String? = nil,
                     key: Int? = nil, warnings: [String] = []) {
            self.path = path
            self.outcome = outcome
            self.detail = detail
            self.kind = kind
            self.label = label
            self.key = key
            self.warnings = warnings
        }
    }

    package var entries: [Entry] = []
    /// A line about the register itself (a schema upgrade), printed before the summary.
    package var notes: [String] = []

    package init() {}

    package func count(_ outcome: Outcome) -> Int { entries.count(where: { $0.outcome == outcome }) }

    package var hasRefusals: Bool { entries.contains { $0.outcome == .refused } }

    package var summary: String {
        var outcomes = [Outcome.imported, .updated, .unchanged, .refused, .missing, .pruned]
        if count(.skipped) > 0 { outcomes.append(.skipped) }
        let parts = outcomes.map { "\(count($0)) \($0.rawValue)" }
        return "\(entries.count) file\(entries.count == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }
}
