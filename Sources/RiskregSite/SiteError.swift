import Foundation
import RiskregModel
import RiskregReport

/// A site build failure: which step, which file (and line), and why.
package struct SiteError: LocalizedError, Sendable {
    package var file: String
    package var line: Int?
    package var reason: String
    package var step: String?

    package var errorDescription: String? {
        let place = line.map { "\(file):\($0)" } ?? file
        return (step.map { "\($0): " } ?? "") + "\(place): \(reason)"
    }
}
