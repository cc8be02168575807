import CSQLite
import Foundation
import RiskregModel

/// One SQLite connection, closed in `deinit`. WAL mode and a busy timeout let two riskreg
/// processes work on one register at once. Keep a connection on one task.
package final class Database {
    package let handle: OpaquePointer
    package let path: String
    private var statements: [String: Statement] = [:]
    /// The same statements by where their SQL's bytes are. riskreg's SQL is string literals
    /// (or strings kept for reuse), whose bytes stay put: a lookup hashes an address and
    /// compares two identical strings, instead of hashing the whole SQL text each time (a
    /// twentieth of a cold import's writing thread). The SQL is compared on every hit, so bytes
    /// freed and reused for other SQL only miss.
    private var statementsByAddress: [UnsafeRawPointer: Statement] = [:]
    private var isClosed = false
    /// Whether SQLite reported the file corrupt or not a database on this connection.
    package private(set) var sawCorruption = false
    /// Runs before every `transaction` commits; an error it throws rolls the transaction back.
    package var beforeCommit: (() throws -> Void)?
    /// Runs inside every `transaction` that changed a row, before it commits (the register's
    /// change log is sealed here); an error it throws rolls the transaction back.
    package var beforeCommittingChanges: ((Database) throws -> Void)?

    /// Opens (creating when asked) the database at `path` for reading and writing. Nothing is
    /// written until the caller asks (the register store first checks the file is its own).
    /// Process-wide SQLite settings, made once before the first connection opens.
    private static let configured: Void = {
        // Memory statistics cost a mutex per allocation and riskreg never reads them.
        _ = riskreg_sqlite3_disable_memory_statistics()
    }()

    package init(path: String, create: Bool = true) throws {
        Self.configured
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
    }

    /// Opens the database at `path` read-only: no file is created or changed. A register in a
    /// read-only folder (where SQLite cannot make its WAL index) is opened as immutable.
    package init(readOnlyAt path: String) throws {
        Self.configured
        func open(_ name: String, uri: Bool) -> (OpaquePointer?, Int32) {
            var connection: OpaquePointer?
            var flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX
            if uri { flags |= SQLITE_OPEN_URI }
            let code = sqlite3_open_v2(name, &connection, flags, nil)
            if code == SQLITE_OK, let connection {
                sqlite3_busy_timeout(connection, 60_000)
                // Probe: a WAL register needs its index; fails here when the folder is read-only.
                let probe = sqlite3_exec(connection, "SELECT COUNT(*) FROM sqlite_master", nil, nil, nil)
                if probe == SQLITE_OK { return (connection, SQLITE_OK) }
                sqlite3_close(connection)
                return (nil, probe)
            }
            sqlite3_close(connection)
            return (nil, code)
        }
        var (connection, code) = open(path, uri: false)
        if connection == nil, code == SQLITE_CANTOPEN || code & 0xff == SQLITE_READONLY || code & 0xff == SQLITE_IOERR {
            let escaped = path.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? path
            (connection, code) = open("file:\(escaped)?immutable=1", uri: true)
        }
        guard let connection else {
            throw StoreError(kind: .sqlite(code), path: path, message: String(cString: sqlite3_errstr(code)))
        }
        self.handle = connection
        self.path = path
    }

    /// Switching a new file to WAL can return SQLITE_BUSY without consulting the busy handler
    /// while another process creates the same database: retry for as long as the busy timeout.
    package func enableWAL() throws {
        var attempts = 0
        while true {
            do {
                try execute("PRAGMA journal_mode = WAL")
                return
            } catch let error as StoreError where (error.code == SQLITE_BUSY || error.code == SQLITE_LOCKED) && attempts < 3000 {
                attempts += 1
                usleep(20_000)
            }
        }
    }

    /// Whether SQLite opened the file read-only (it is write-protected).
    package var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    deinit { close() }

    /// Closes the connection (also done by `deinit`); the object is unusable afterwards.
    package func close() {
        guard !isClosed else { return }
        isClosed = true
        statements.removeAll()
        statementsByAddress.removeAll()
        sqlite3_close_v2(handle)
    }

    package func error(code: Int32, sql: String?) -> StoreError {
        if code & 0xff == SQLITE_CORRUPT || code & 0xff == SQLITE_NOTADB { sawCorruption = true }
        return StoreError(kind: .sqlite(code), path: path, message: String(cString: sqlite3_errmsg(handle)), sql: sql)
    }

    /// Runs one or more statements with no parameters.
    package func execute(_ sql: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        if code != SQLITE_OK {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(message)
            if code & 0xff == SQLITE_CORRUPT || code & 0xff == SQLITE_NOTADB { sawCorruption = true }
            throw StoreError(kind: .sqlite(code), path: path, message: text, sql: sql)
        }
    }

    /// A prepared statement for `sql`, prepared once per connection and reused.
    package func statement(_ sql: String) throws -> Statement {
        let address = Self.address(of: sql)
        if let address, let cached = statementsByAddress[address], cached.sql == sql { return cached }
        let statement = try statements[sql] ?? Statement(database: self, sql: sql)
        statements[sql] = statement
        if let address { statementsByAddress[address] = statement }
        return statement
    }

    /// Where `text`'s UTF-8 bytes are stored, when they are stored contiguously (not for
    /// small strings, whose bytes live in the value itself).
    static func address(of text: String) -> UnsafeRawPointer? {
        guard text.utf8.count > 15 else { return nil }
        return text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
    }

    /// Runs `body` in one `BEGIN IMMEDIATE` transaction: all of it is committed or none.
    /// A transaction that changed any row also advances the register's generation (see
    /// `generation`), in the same commit.
    package func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE")
        let changesBefore = sqlite3_total_changes64(handle)
        do {
            let result = try body()
            if sqlite3_total_changes64(handle) != changesBefore {
                try beforeCommittingChanges?(self)
                try advanceGeneration()
            }
            try beforeCommit?()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    /// A number that changes with every committed write, kept in SQLite's `user_version`
    /// header field (part of the database file, so it commits and rolls back with the data);
    /// nil for a register no riskreg has written since generations were kept. A build whose
    /// site was made at the same generation (and day, options, templates) has nothing to do.
    /// A new register starts at a random value, so two registers made at one path one after
    /// the other do not share numbers.
    package func generation() throws -> Int? {
        let value = try scalarInt("PRAGMA user_version") ?? 0
        return value == 0 ? nil : value
    }

    private func advanceGeneration() throws {
        let current = try generation()
        let next = current.map { $0 % Int(Int32.max) + 1 } ?? Int.random(in: 1...(Int(Int32.max) / 2))
        try execute("PRAGMA user_version = \(next)")
    }

    package var lastInsertRowID: Int { Int(sqlite3_last_insert_rowid(handle)) }

    package func scalarInt(_ sql: String, _ values: Statement.Value...) throws -> Int? {
        var result: Int?
        try statement(sql).query(values) { result = $0.optionalInt(0) }
        return result
    }
}
