import Foundation
import RiskregModel

/// A document riskreg cannot read: which file, which line when known, and why.
package struct DocumentError: LocalizedError, Equatable, Sendable {
    package var path: String
    package var line: Int?
    package var reason: String

    package var errorDescription: String? {
        if let line { return "\(path):\(line): \(reason)" }
        return "\(path): \(reason)"
    }
}
