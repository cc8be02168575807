import RiskregModel
import RiskregMarkdown
import RiskregStore

/// What one import run did, file by file.
package struct ImportReport: Sendable {
    package enum Outcome: String, Sendable {
        case imported, updated, unchanged, refused, missing, pruned
    }

    package struct Entry: Sendable {
        package var path: String
        package var outcome: Outcome
        /// Refusal reason or missing-file note.
        package var detail: String?
        package var kind: String?
        package var drill: Int?
        package var warnings: [String]
    }

    package var entries: [Entry] = []

    package func count(_ outcome: Outcome) -> Int { entries.filter { $0.outcome == outcome }.count }

    package var hasRefusals: Bool { entries.contains { $0.outcome == .refused } }

    package var summary: String {
        let parts = [Outcome.imported, .updated, .unchanged, .refused, .missing, .pruned]
            .map { "\(count($0)) \($0.rawValue)" }
        return "\(entries.count) file\(entries.count == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }
}
