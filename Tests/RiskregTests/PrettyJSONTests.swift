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
        }
        let empty = RegisterSnapshot(registers: [], risks: [], drills: [])
        #expect(try ExportIndex.json(snapshot: empty) == [UInt8](ExportIndex.json(ExportIndex(snapshot: empty))))
    }
}
