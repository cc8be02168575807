import Foundation
import Testing

@testable import RiskregStore

/// Text bound to a statement is read by SQLite where the statement keeps it (`SQLITE_STATIC`),
/// until the next run binds again: every value must come back exactly as bound, however many
/// and however long the texts of one run are, and whatever the runs before bound.
@Suite struct StatementTests {
    func database() throws -> Database {
        let database = try Database(path: ":memory:")
        try database.execute("CREATE TABLE t (n INTEGER PRIMARY KEY, a TEXT, b TEXT, c TEXT)")
        return database
    }

    /// Texts of every size from empty to several times the statement's first block, with
    /// multi-byte characters, in one run and across runs.
    static func texts() -> [String] {
        let sizes = [0, 1, 2, 15, 16, 17, 100, 1023, 1024, 1025, 3000, 5000, 70_000]
        return sizes.enumerated().map { offset, size in
            String((0..<size).map { index in index % 97 == 3 ? "é" : Character(UnicodeScalar(UInt8(97 + (index + offset) % 26))) })
        }
    }

    @Test func textsComeBackAsBoundAcrossRunsAndBlocks() throws {
        let database = try database()
        let texts = Self.texts()
        var expected: [[String]] = []
        let insert = try database.statement("INSERT INTO t (n, a, b, c) VALUES (?, ?, ?, ?)")
        for (row, a) in texts.enumerated() {
            // One run binds a short, a long and a middle text, in varying orders.
            let b = texts[(row * 7 + 3) % texts.count], c = texts[(texts.count - 1 - row)]
            try insert.run { binder in
                try binder.int(row)
                try binder.text(a)
                try binder.text(b)
                try binder.text(c)
            }
            expected.append([a, b, c])
        }
        // The array-of-values path, with three long texts in one run.
        let long = texts[texts.count - 1]
        try database.statement("INSERT INTO t (n, a, b, c) VALUES (?, ?, ?, ?)")
            .run([.int(texts.count), .text(long), .text(long + "x"), .text("x" + long)])
        expected.append([long, long + "x", "x" + long])

        let rows = try database.statement("SELECT a, b, c FROM t ORDER BY n").rows { [$0.string(0), $0.string(1), $0.string(2)] }
        #expect(rows.count == expected.count)
        // The rows that differ, by number (not their texts, which run to 70,000 characters).
        let differing = zip(rows, expected).enumerated().filter { $0.element.0 != $0.element.1 }.map(\.offset)
        #expect(differing.isEmpty)
    }

    /// A text bound to a query stays readable for every step of it, and a NUL ends it (as a C
    /// string would).
    @Test func queriesAndNulsReadTheBoundText() throws {
        let database = try database()
        try database.statement("INSERT INTO t (n, a) VALUES (?, ?)").run([.int(1), .text("before\u{0}after")])
        try database.statement("INSERT INTO t (n, a) VALUES (?, ?)").run([.int(2), .text("before")])
        try database.statement("INSERT INTO t (n, a) VALUES (?, ?)").run([.int(3), .text("")])
        let matching = try database.statement("SELECT n FROM t WHERE a = ? ORDER BY n").rows(.text("before")) { $0.int(0) }
        #expect(matching == [1, 2])
        let empty = try database.statement("SELECT n FROM t WHERE a = ? ORDER BY n").rows(.text("")) { $0.int(0) }
        #expect(empty == [3])
        let long = String(repeating: "long text ", count: 1_000)
        try database.statement("INSERT INTO t (n, a) VALUES (?, ?)").run([.int(4), .text(long)])
        let found = try database.statement("SELECT n, a FROM t WHERE a = ? OR a = ? ORDER BY n")
            .rows(.text(long), .text(long + "never")) { ($0.int(0), $0.string(1)) }
        #expect(found.map(\.0) == [4])
        #expect(found.first?.1 == long)
    }
}
