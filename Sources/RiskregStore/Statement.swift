import CSQLite
import Foundation
import RiskregModel

/// `SQLITE_STATIC` does not import into Swift: it is the destructor value 0 (SQLite reads the
/// bytes where they are and never frees them).
private let staticBytes = unsafeBitCast(0, to: sqlite3_destructor_type.self)

/// A prepared statement, finalized in `deinit`. Reused across rows: `reset` between uses.
package final class Statement {
    private let handle: OpaquePointer
    private unowned let database: Database
    package let sql: String

    /// How many `?` parameters the statement has.
    private let parameterCount: Int
    /// The text bound to the parameters, until they are bound again.
    private let boundText = BoundText()

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
        boundText.reset()
        // Parameters left unbound are NULL, not what the last run bound.
        if values.count < parameterCount { sqlite3_clear_bindings(handle) }
        for (offset, value) in values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(handle, index)
            case .int(let int): code = sqlite3_bind_int64(handle, index, Int64(int))
            case .double(let double): code = sqlite3_bind_double(handle, index, double)
            case .text(let text): code = Self.bindText(text, at: index, handle, boundText)
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
        boundText.reset()
        var binder = Binder(handle: handle, boundText: boundText)
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
        fileprivate let boundText: BoundText
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
            try check(Statement.bindText(value, at: index, handle, boundText))
        }

        package mutating func int(_ value: Int?) throws { if let value { try int(value) } else { try null() } }

        package mutating func double(_ value: Double?) throws { if let value { try double(value) } else { try null() } }

        package mutating func text(_ value: String?) throws { if let value { try text(value) } else { try null() } }
    }

    /// Binds the UTF-8 bytes and their count (up to a NUL, as a C string would end there),
    /// copied into `boundText`, where SQLite reads them in place (`SQLITE_STATIC`).
    ///
    /// Not `SQLITE_TRANSIENT`, which has SQLite copy the bytes into memory it allocates for
    /// each value (Debian's SQLite has no lookaside pool): a malloc and a free for every text
    /// bound, about a tenth of an import's writing thread.
    fileprivate static func bindText(_ text: String, at index: Int32, _ handle: OpaquePointer, _ boundText: BoundText) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else {
                return sqlite3_bind_text(handle, index, BoundText.empty, 0, staticBytes)
            }
            let count = memchr(base, 0, bytes.count).map { UnsafeRawPointer($0) - UnsafeRawPointer(base) } ?? bytes.count
            let copy = boundText.copy(UnsafeBufferPointer(rebasing: bytes[..<count]))
            return sqlite3_bind_text(handle, index, copy, Int32(count), staticBytes)
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

/// Memory for the text a statement's parameters are bound to (`SQLITE_STATIC`): SQLite reads
/// it until the parameters are bound again, so it is reused only from the next `reset`, when
/// every parameter is about to be bound again or cleared. Owned by its statement, freed with it
/// (after `sqlite3_finalize`, as the statement's stored properties go after its `deinit`).
private final class BoundText {
    /// A zero-length text's bytes: SQLite is given a pointer it may keep, never this memory.
    static var empty: UnsafePointer<CChar> { UnsafeRawPointer(("" as StaticString).utf8Start).assumingMemoryBound(to: CChar.self) }

    private var block: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var used = 0
    /// Blocks outgrown while binding one run's parameters: still read by SQLite until the next
    /// reset.
    private var outgrown: [UnsafeMutablePointer<UInt8>] = []

    init() {
        capacity = 1024
        block = .allocate(capacity: capacity)
    }

    deinit {
        block.deallocate()
        for old in outgrown { old.deallocate() }
    }

    /// Starts binding a run's parameters: nothing bound before is read again.
    func reset() {
        used = 0
        guard !outgrown.isEmpty else { return }
        for old in outgrown { old.deallocate() }
        outgrown.removeAll(keepingCapacity: true)
    }

    /// A copy of `bytes` that stays where it is until the next `reset`.
    func copy(_ bytes: UnsafeBufferPointer<UInt8>) -> UnsafePointer<CChar> {
        if used + bytes.count > capacity {
            // A new block: the bytes bound from the old one must stay where they are.
            outgrown.append(block)
            capacity = max(capacity * 2, bytes.count)
            block = .allocate(capacity: capacity)
            used = 0
        }
        let start = block + used
        if let base = bytes.baseAddress { start.initialize(from: base, count: bytes.count) }
        used += bytes.count
        return UnsafeRawPointer(start).assumingMemoryBound(to: CChar.self)
    }
}
