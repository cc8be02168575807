/// What one import run did, file by file.
struct ImportReport: Sendable {
    enum Outcome: String, Sendable {
        case imported, updated, unchanged, refused, missing, pruned
    }

    struct Entry: Sendable {
        var path: String
        var outcome: Outcome
        /// Refusal reason or missing-file note.
        var detail: String?
        var kind: String?
        var drill: Int?
        var warnings: [String]
    }

    var entries: [Entry] = []

    func count(_ outcome: Outcome) -> Int { entries.filter { $0.outcome == outcome }.count }

    var hasRefusals: Bool { entries.contains { $0.outcome == .refused } }

    var summary: String {
        let parts = [Outcome.imported, .updated, .unchanged, .refused, .missing, .pruned]
            .map { "\(count($0)) \($0.rawValue)" }
        return "\(entries.count) file\(entries.count == 1 ? "" : "s"): " + parts.joined(separator: ", ")
    }
}
