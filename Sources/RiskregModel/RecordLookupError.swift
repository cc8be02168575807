import Foundation

/// A record name that matches several records by prefix.
package struct RecordLookupError: LocalizedError, Sendable {
    package var name: String
    package var candidates: [String]

    package var errorDescription: String? {
        "'\(name)' matches \(candidates.count) records: \(candidates.prefix(10).joined(separator: ", "))\(candidates.count > 10 ? ", …" : ""); give more of the id"
    }
}
