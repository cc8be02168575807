import CSQLite
import Foundation
import RiskregModel

/// One SQLite connection, closed in `deinit`. WAL mode and a busy timeout let two riskreg
/// processes work on one register at once. Keep a connection on one task.
package final class Database {
    package let handle: OpaquePointer
    package let path: String
    private var statements: [String: Statement] = [:]

    /// Opens (creating when asked) the database at `path`.
    package init(path: String, create: Bool = true) throws {
        var connection: OpaquePointer?
        var flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX
        if create { flags |= SQLITE_OPEN_CREATE }
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let message = connection.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(connection)
            throw StoreError(kind: .sqlite(code), path: path, message: message)
        }
        self.handle = connection
        self.path = path
        sqlite3_busy_timeout(connection, 60_000)
        try enableWAL()
        try execute("PRAGMA synchronous = NORMAL")
        try execute("PRAGMA foreign_keys = ON")
    }

    /// Switching a new file to WAL can return SQLITE_BUSY without consulting the busy handler
    /// while another process creates the same database: retry for as long as the busy timeout.
    private func enableWAL() throws {
        var attempts = 0
        while true {
            do {
                try execute("PRAGMA journal_mode = WAL")
                return
            } catch let error as StoreError where error.code == SQLITE_BUSY || error.code == SQLITE_LOCKED && attempts < 3000 {
                attempts += 1
                usleep(20_000)
            }
        }
    }

    deinit {
        statements.removeAll()
        sqlite3_close_v2(handle)
    }

    package func error(code: Int32, sql: String?) -> StoreError {
        StoreError(kind: .sqlite(code), path: path, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs one or more statements with no parameters.
    package func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            throw StoreError(kind: .sqlite(code), path: path, message: text, sql: sql)
        }
    }

    /// A prepared statement for `sql`, prepared once per connection and reused.
    package func statement(_ sql: String) throws -> Statement {
        if let cached = statements[sql] { return cached }
        let statement = try Statement(database: self, sql: sql)
        statements[sql] = statement
        return statement
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: all of it is committed or none.
    package func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// Runs `body` in a savepoint: on error its changes are undone and the error rethrown, and
    /// the enclosing transaction goes on.
    package func savepoint<T>(_ body: () throws -> T) throws -> T {
        try execute("SAVEPOINT file")
        do {
            let result = try body()
            try execute("RELEASE file")
            return result
        } catch {
            try? execute("ROLLBACK TO file")
            try? execute("RELEASE file")
            throw error
        }
    }

    package var lastInsertRowID: Int { Int(sqlite3_last_insert_rowid(handle)) }

    package func scalarInt(_ sql: String, _ values: Statement.Value...) throws -> Int? {
        var result: Int?
        try statement(sql).query(values) { result = $0.optionalInt(0) }
        return result
    }
}
