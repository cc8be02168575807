import Foundation

/// A site build failure: which step, which file (and line), and why.
struct SiteError: LocalizedError, Sendable {
    var file: String
    var line: Int?
    var reason: String
    var step: String?

    var errorDescription: String? {
        let place = line.map { "\(file):\($0)" } ?? file
        return (step.map { "\($0): " } ?? "") + "\(place): \(reason)"
    }
}
