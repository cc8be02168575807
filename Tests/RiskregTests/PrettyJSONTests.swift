import Foundation
import Testing

@testable import RiskregImport
@testable import RiskregModel
@testable import RiskregReport
@testable import RiskregStore

/// JSON written a batch at a time (`PrettyJSONObject`) is byte for byte what `JSONEncoder`
/// makes of the whole value: the export and `api/index.json` changed how they are made, not
/// what they say.
@Suite struct PrettyJSONTests {
    private struct Row: Codable {
        var id: String
        var tags: [String]
        var note: String?
    }

    private struct Whole: Encodable {
        var empty: [Row]
        var rows: [Row]
        var schema: String
    }

    private func encoded(_ value: some Encodable) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return [UInt8](try encoder.encode(value))
    }

    @Test func batchesGiveTheEncodersBytes() throws {
        // Batch edges, empty lists, nested lists, escapes and slashes.
        let rows = (0..<23).map { Row(id: "r/\($0) \"quoted\"\n", tags: $0 % 3 == 0 ? [] : ["a", "b\\c"], note: $0 % 2 == 0 ? nil : "ü ✓") }
        for batchSize in [1, 5, 23, 256] {
            var out = PrettyJSONObject()
            try out.list("empty", count: 0, batchSize: batchSize) { _ in [Row]() }
            try out.list("rows", count: rows.count, batchSize: batchSize) { Array(rows[$0]) }
            try out.string("schema", "riskreg/2", last: true)
            #expect(out.bytes == (try encoded(Whole(empty: [], rows: rows, schema: "riskreg/2"))), "batches of \(batchSize)")
        }
    }

    @Test func theIndexIsTheSameDocumentMadeInBatches() throws {
        for fixture in ["figures", "history", "styles"] {
            let folder = try TestSupport.copyFixture(fixture)
            let database = folder.appendingPathComponent("riskreg.db").path
            var importer = Importer(databasePath: database, today: "2026-11-21")
            importer.base = folder.path
            _ = try importer.run(paths: ["."])
            let snapshot = try RegisterStore(path: database).snapshot()
            #expect(!snapshot.drills.isEmpty)
            let whole = try [UInt8](ExportIndex.json(ExportIndex(snapshot: snapshot)))
            #expect(try ExportIndex.json(snapshot: snapshot) == whole, "\(fixture)")
            // `riskreg export`: records written by `PrettyJSON`, the rest by the encoder.
            let document = ExportDocument(snapshot: snapshot)
            #expect(try [UInt8](document.json()) == encoded(document), "\(fixture) export")
        }
        let empty = RegisterSnapshot(registers: [], risks: [], drills: [])
        #expect(try ExportIndex.json(snapshot: empty) == [UInt8](ExportIndex.json(ExportIndex(snapshot: empty))))
    }

    /// Every record's own file (`api/drills/ID.json`), written by `PrettyJSON`, is what
    /// `JSONEncoder` makes of it: over fixtures of every style, the hostile one included.
    @Test func recordFilesAreTheEncodersBytes() throws {
        var records = 0
        for fixture in ["figures", "history", "styles", "hostile", "writeups", "basic"] {
            let folder = try TestSupport.copyFixture(fixture)
            let database = folder.appendingPathComponent("riskreg.db").path
            var importer = Importer(databasePath: database, today: "2026-11-21")
            importer.base = folder.path
            _ = try? importer.run(paths: ["."])
            for record in try RegisterStore(path: database).snapshot().drills {
                let drill = ExportDocument.record(record)
                #expect(try ExportIndex.json(record: drill) == [UInt8](ExportIndex.json(drill)), "\(fixture): \(record.drill.id)")
                records += 1
            }
        }
        #expect(records > 20)
    }

    /// The edges: every control character, quotes, backslashes, slashes, non-ASCII, empty lists,
    /// missing optionals, and numbers whole, fractional, tiny, huge and negative zero.
    @Test func edgesAreWrittenAsTheEncoderWritesThem() throws {
        var every = ""
        for value in 0..<0x80 { every.unicodeScalars.append(Unicode.Scalar(UInt8(value))) }
        every += "é ✓ \u{2028} 😀"
        let numbers: [Double] = [48, 48.34, 0.1, -0.0, 1e21, 1e-7, .leastNonzeroMagnitude, 1.5e300, 0.30000000000000004, 9_007_199_254_740_992, 12e15, -3]
        let items = [
            ExportDocument.Item(text: every, done: true, line: 7, artifact: "docs/a/b.txt", owner: "sam", due: "2026-06-30",
                                refs: ["1", every], openedOn: "2026-05-01", doneOn: "2026-05-02"),
            ExportDocument.Item(text: "", done: false, line: 0, artifact: nil, owner: nil, due: nil, refs: [], openedOn: nil, doneOn: nil),
        ]
        for (offset, number) in numbers.enumerated() {
            let drill = ExportDocument.Drill(
                id: every, kind: "drill", number: offset % 2 == 0 ? nil : -offset, date: offset % 3 == 0 ? nil : "2026-05-08",
                title: every, status: "executed", environment: offset % 2 == 0 ? "prod/eu" : nil,
                recoverySeconds: offset % 4 == 0 ? nil : number, risks: offset % 2 == 0 ? [] : ["A1", "B/2"], registers: [],
                metrics: [ExportDocument.Metric(name: every, value: "1", number: number, unit: offset % 2 == 0 ? nil : "s")],
                findings: offset % 2 == 0 ? [] : [ExportDocument.Finding(title: "t", html: "<p>\(every)</p>\n")],
                actions: offset % 3 == 0 ? [] : items, checklist: offset % 3 == 1 ? [] : items.reversed(), html: every, source: "logs/x.md")
            #expect(try ExportIndex.json(record: drill) == [UInt8](ExportIndex.json(drill)), "number \(number)")
        }
        var json = PrettyJSON()
        #expect(throws: EncodingError.self) { try json.double(.infinity) }
        #expect(throws: EncodingError.self) { try json.double(.nan) }
    }
}
