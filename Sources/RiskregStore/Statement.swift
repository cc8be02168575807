import CSQLite
import Foundation
import RiskregModel

/// `SQLITE_TRANSIENT` does not import into Swift: it is the destructor value -1.
private let transient = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement, finalized in `deinit`. Reused across rows: `reset` between uses.
package final class Statement {
    private let handle: OpaquePointer
    private unowned let database: Database
    package let sql: String

    /// How many `?` parameters the statement has.
    private let parameterCount: Int

    package init(database: Database, sql: String) throws {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(database.handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw database.error(code: code, sql: sql)
        }
        self.handle = statement
        self.database = database
        self.sql = sql
        parameterCount = Int(sqlite3_bind_parameter_count(statement))
    }

    deinit {
        sqlite3_finalize(handle)
    }

    /// A value that can be bound to a parameter.
    package enum Value {
        case null, int(Int), double(Double), text(String)
    }

    /// Binds `values` to the parameters in order, checking every bind.
    @discardableResult
    package func bind(_ values: [Value]) throws -> Statement {
        sqlite3_reset(handle)
        // Parameters left unbound are NULL, not what the last run bound.
        if values.count < parameterCount { sqlite3_clear_bindings(handle) }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .int(let int): code = sqlite3_bind_int64(handle, index, Int64(int))
            case .double(let double): code = sqlite3_bind_double(handle, index, double)
            case .text(let text): code = Self.bindText(text, at: index, handle)
            }
            guard code == SQLITE_OK else { throw database.error(code: code, sql: sql) }
        }
        return self
    }

    /// Runs a statement that returns no rows.
    package func run(_ values: Value...) throws {
        try run(values)
    }

    package func run(_ values: [Value]) throws {
        try bind(values)
        let code = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw database.error(code: code, sql: sql)
        }
    }

    /// Runs a statement that returns no rows, its parameters bound in order by `bind` (no array
    /// of values is made). `bind` must bind every parameter.
    package func run(binding bind: (inout Binder) throws -> Void) throws {
        sqlite3_reset(handle)
        var binder = Binder(handle: handle)
        do {
            try bind(&binder)
        } catch let code as BindFailure {
            throw database.error(code: code.code, sql: sql)
        }
        precondition(binder.bound == parameterCount, "\(sql): \(binder.bound) of \(parameterCount) parameters bound")
        let code = sqlite3_step(handle)
        defer { sqlite3_reset(handle) }
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw database.error(code: code, sql: sql)
        }
    }

    struct BindFailure: Error {
        var code: Int32
    }

    /// Binds a statement's parameters one after another, checking each bind.
    package struct Binder {
        fileprivate let handle: OpaquePointer
        fileprivate(set) var bound: Int = 0

        private mutating func check(_ code: Int32) throws {
            guard code == SQLITE_OK else { throw BindFailure(code: code) }
        }

        private mutating func next() -> Int32 {
            bound += 1
            return Int32(bound)
        }

        package mutating func null() throws { try check(sqlite3_bind_null(handle, next())) }

        package mutating func int(_ value: Int) throws { try check(sqlite3_bind_int64(handle, next(), Int64(value))) }

        package mutating func double(_ value: Double) throws { try check(sqlite3_bind_double(handle, next(), value)) }

        package mutating func text(_ value: String) throws {
            let index = next()
            try check(Statement.bindText(value, at: index, handle))
        }

        package mutating func int(_ value: Int?) throws { if let value { try int(value) } else { try null() } }

        package mutating func double(_ value: Double?) throws { if let value { try double(value) } else { try null() } }

        package mutating func text(_ value: String?) throws { if let value { try text(value) } else { try null() } }
    }

    /// Binds the UTF-8 bytes and their count (up to a NUL, as a C string would end there): no C
    /// string is made; SQLite copies the bytes.
    fileprivate static func bindText(_ text: String, at index: Int32, _ handle: OpaquePointer) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return sqlite3_bind_text(handle, index, "", 0, transient) }
            let count = memchr(base, 0, bytes.count).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
            return sqlite3_bind_text(handle, index, UnsafeRawPointer(base).assumingMemoryBound(to: CChar.self), Int32(count), transient)
        }
    }

    /// Runs a query and calls `body` for each row.
    package func query(_ values: Value..., body: (Row) throws -> Void) throws {
        try query(values, body: body)
    }

    package func query(_ values: [Value], body: (Row) throws -> Void) throws {
        try bind(values)
        defer { sqlite3_reset(handle) }
        while true {
            let code = sqlite3_step(handle)
            if code == SQLITE_DONE { return }
            guard code == SQLITE_ROW else { throw database.error(code: code, sql: sql) }
            try body(Row(handle: handle))
        }
    }

    /// All rows mapped by `transform`.
    package func rows<T>(_ values: Value..., transform: (Row) throws -> T) throws -> [T] {
        try rows(values, transform: transform)
    }

    package func rows<T>(_ values: [Value], transform: (Row) throws -> T) throws -> [T] {
        var result: [T] = []
        try query(values) { result.append(try transform($0)) }
        return result
    }

    /// One row read inside `query`; valid only during the callback.
    package struct Row {
        fileprivate let handle: OpaquePointer

        package func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(handle, column)) }
        package func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
        package func bool(_ column: Int32) -> Bool { sqlite3_column_int64(handle, column) != 0 }
        package func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }

        package func string(_ column: Int32) -> String {
            guard let text = sqlite3_column_text(handle, column) else { return "" }
            // The length SQLite knows, rather than scanning for the terminating zero.
            return String(decoding: UnsafeBufferPointer(start: text, count: Int(sqlite3_column_bytes(handle, column))), as: UTF8.self)
        }

        package func optionalString(_ column: Int32) -> String? { isNull(column) ? nil : string(column) }
        package func optionalInt(_ column: Int32) -> Int? { isNull(column) ? nil : int(column) }
        package func optionalDouble(_ column: Int32) -> Double? { isNull(column) ? nil : double(column) }
    }
}

extension Statement.Value {
    package init(_ string: String?) { self = string.map { .text($0) } ?? .null }
    package init(_ int: Int?) { self = int.map { .int($0) } ?? .null }
    package init(_ double: Double?) { self = double.map { .double($0) } ?? .null }
}
