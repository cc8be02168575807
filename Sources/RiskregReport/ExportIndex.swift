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
    }

    package init(snapshot: RegisterSnapshot) {
        registers = ExportDocument(snapshot: RegisterSnapshot(registers: snapshot.registers, risks: snapshot.risks, drills: [])).registers
        risks = ExportDocument.risks(snapshot: snapshot)
        drills = snapshot.drills.map { record in
            Entry(id: record.drill.id, kind: record.drill.kind.rawValue, number: record.drill.number, date: record.drill.date,
                  title: record.drill.title, status: record.drill.status.rawValue, risks: record.risks, source: record.path,
                  href: Self.path(of: record.drill.id))
        }
    }

    /// `drills/ID.json`, relative to `api/`.
    package static func path(of id: String) -> String { "drills/\(id).json" }

    /// Pretty, key-sorted JSON with a final newline: stable bytes.
    package static func json<T: Encodable>(_ value: T) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value) + Data("\n".utf8)
    }
}
