import Foundation
import RiskregMarkdown
import RiskregModel
import RiskregStore

/// A file that cannot be imported or edited: which file, which line when known, and why.
/// The markdown layer's `DocumentError` and the store's conflicts are translated into it.
package struct ImportError: LocalizedError, Equatable, Sendable {
    package var path: String
    package var line: Int?
    package var reason: String

    package init(path: String, line: Int?, reason: String) {
        self.path = path
        self.line = line
        self.reason = reason
    }

    package init(_ error: DocumentError) {
        self.init(path: error.path, line: error.line, reason: error.reason)
    }

    package var errorDescription: String? {
        if let line { return "\(path):\(line): \(reason)" }
        return "\(path): \(reason)"
    }
}
