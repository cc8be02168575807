import Foundation

/// A template that cannot be loaded or rendered: which file, which line, what is wrong and
/// what to do about it.
package struct TemplateError: LocalizedError, Sendable, Equatable {
    /// The template file (or the template's name when it was not read from a file).
    package var file: String
    package var line: Int?
    package var reason: String

    package init(file: String, line: Int?, reason: String) {
        self.file = file
        self.line = line
        self.reason = reason
    }

    package var errorDescription: String? {
        (line.map { "\(file):\($0)" } ?? file) + ": " + reason
    }
}
