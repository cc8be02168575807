import CSQLite
import Foundation
import RiskregModel

/// Everything the store layer can fail with: a SQLite failure (its result code, message and
/// statement), a register that was never imported, a schema riskreg cannot use, or a record that
/// conflicts with one already stored. The message says what happened and what to do.
package struct StoreError: LocalizedError, Sendable {
    package enum Kind: Sendable, Equatable {
        /// SQLite returned this result code (`SQLITE_BUSY`, …).
        case sqlite(Int32)
        /// No register file at the path.
        case notFound
        /// The file is not a riskreg register, or its schema is newer or older than this riskreg uses.
        case schema
        /// A record claims an id another file already holds.
        case conflict
    }

    package var kind: Kind
    /// The database file, or for conflicts the document that conflicts.
    package var path: String
    package var line: Int? = nil
    package var message: String
    package var sql: String? = nil

    /// The primary SQLite result code, when this is a SQLite failure.
    package var code: Int32? {
        if case .sqlite(let code) = kind { return code & 0xff }
        return nil
    }

    package var errorDescription: String? {
        let place = line.map { "\(path):\($0)" } ?? path
        switch kind {
        case .notFound, .schema, .conflict:
            return "\(place): \(message)"
        case .sqlite:
            switch code {
            case SQLITE_BUSY, SQLITE_LOCKED:
                return "\(place): the register is busy: another riskreg is writing it; wait for it to finish and run again"
            case SQLITE_NOTADB, SQLITE_CORRUPT:
                return "\(place): not a riskreg register, or damaged (\(message)); restore it from a backup or re-import into a new --db"
            case SQLITE_FULL:
                return "\(place): the disk is full; free some space and run again (the register is unchanged)"
            case SQLITE_IOERR:
                return "\(place): cannot read or write the register (\(message): disk full or failing?); free space or check the disk and run again (the register is unchanged)"
            case SQLITE_READONLY, SQLITE_PERM:
                return "\(place): cannot write the register: the file or its folder is read-only; fix the permissions or pass --db with a writable path"
            case SQLITE_CANTOPEN:
                return "\(place): cannot open the register (\(message)); check that its folder exists and is readable and writable"
            default:
                var text = "\(place): database error \(code.map(String.init) ?? "?"): \(message)"
                if let sql { text += " (while running: \(sql.prefix(120)))" }
                return text
            }
        }
    }
}
