import Foundation

/// A file that cannot be imported: which file, which line when known, and why.
struct ImportError: LocalizedError, Equatable, Sendable {
    var path: String
    var line: Int?
    var reason: String

    var errorDescription: String? {
        if let line { return "\(path):\(line): \(reason)" }
        return "\(path): \(reason)"
    }
}
