import Foundation

/// A SQLite failure: the result code, SQLite's message, and the statement that failed.
struct DatabaseError: LocalizedError, Sendable {
    var code: Int32
    var message: String
    var sql: String?
    var path: String

    var errorDescription: String? {
        var text = "\(path): database error \(code): \(message)"
        if let sql { text += " (while running: \(sql.prefix(120)))" }
        if code == 5 || code == 6 {
            text += "; another riskreg is writing the register — wait for it to finish and run again"
        } else if code == 26 || code == 11 {
            text += "; the file is not a riskreg database or is damaged — restore it from a backup or re-import into a new --db"
        }
        return text
    }
}
