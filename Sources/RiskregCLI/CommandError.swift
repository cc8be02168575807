import Foundation

/// A command that cannot do what was asked (a record that does not exist, …): one clear line
/// on standard error and exit status 1. Usage mistakes stay `ValidationError` (status 64).
struct CommandError: LocalizedError {
    var message: String

    init(_ message: String) { self.message = message }

    var errorDescription: String? { message }
}
