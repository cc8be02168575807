import Foundation
import RiskregModel

/// The site's `api/index.json`: the export document without the records' contents, each record
/// pointing at its own file `api/drills/ID.json` (an `ExportDocument.Drill`). A changed log
/// rewrites one small file, not a document the size of the register.
package struct ExportIndex: Encodable {
    package var schema = ExportDocument.schemaVersion
    package var registers: [ExportDocument.Register]
    package var risks: [ExportDocument.Risk]
    package var drills: [Entry]

    package struct Entry: Encodable {
        package var id: String
        package var kind: String
        package var number: Int?
        package var date: String?
        package var title: String
        package var status: String
        package var risks: [String]
        package var source: String
        /// The record's own file, relative to `api/`.
        package var href: String

        package init(_ record: RegisterSnapshot.DrillRecord) {
            let drill = record.drill
            self.init(id: drill.id, kind: drill.kind.rawValue, number: drill.number, date: drill.date, title: drill.title,
                      status: drill.status.rawValue, risks: record.risks, source: record.path, href: ExportIndex.path(of: drill.id))
        }

        package init(id: String, kind: String, number: Int?, date: String?, title: String, status: String, risks: [String],
                     source: String, href: String) {
            (self.id, self.kind, self.number, self.date, self.title, self.status, self.risks, self.source, self.href) =
                (id, kind, number, date, title, status, risks, source, href)
        }
    }

    package init(snapshot: RegisterSnapshot) {
        registers = Self.registers(snapshot)
        risks = ExportDocument.risks(snapshot: snapshot)
        drills = snapshot.drills.map(Entry.init)
    }

    private static func registers(_ snapshot: RegisterSnapshot) -> [ExportDocument.Register] {
        ExportDocument(snapshot: RegisterSnapshot(registers: snapshot.registers, risks: snapshot.risks, drills: [])).registers
    }

    /// The index of `snapshot` as `json(ExportIndex(snapshot:))` writes it, made a batch of
    /// records at a time (`PrettyJSONObject`): for 50,000 records the encoder's tree of the
    /// whole index took more memory than anything else in a build.
    package static func json(snapshot: RegisterSnapshot) throws -> [UInt8] {
        var out = PrettyJSONObject(expectedBytes: 400 * snapshot.drills.count)
        try write(snapshot, into: &out)
        return out.bytes
    }

    /// The same bytes, handed to `sink` in order about `flushEvery` at a time: what the site
    /// writes, so the index of a large register is never whole in memory.
    package static func write(snapshot: RegisterSnapshot, flushEvery: Int = 1 << 20, to sink: @escaping PrettyJSONObject.Sink) throws {
        var out = PrettyJSONObject(flushEvery: flushEvery, sink: sink)
        try write(snapshot, into: &out)
        try out.finish()
    }

    private static func write(_ snapshot: RegisterSnapshot, into out: inout PrettyJSONObject) throws {
        let drills = snapshot.drills
        try out.list("drills", count: drills.count) { range in drills[range].map(Entry.init) }
        try out.list("registers", registers(snapshot))
        try out.list("risks", ExportDocument.risks(snapshot: snapshot))
        try out.string("schema", ExportDocument.schemaVersion, last: true)
        out.append("\n")
    }

    /// `drills/ID.json`, relative to `api/`.
    package static func path(of id: String) -> String { "drills/\(id).json" }

    /// A record's own file (`api/drills/ID.json`): `json(_:)`'s bytes, written without `JSONEncoder`.
    package static func json(record: ExportDocument.Drill) throws -> [UInt8] {
        var json = PrettyJSON(capacity: 4096)
        try record.write(to: &json)
        return json.bytes + [10]
    }

    /// Pretty, key-sorted JSON with a final newline: stable bytes.
    package static func json<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value) + Data("\n".utf8)
    }
}
