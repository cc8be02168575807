import Foundation
import RiskregModel

/// The whole register as one JSON document, schema `riskreg/2` (see docs/export-schema.md).
package struct ExportDocument: Codable, Sendable {
    package static let schemaVersion = "riskreg/2"

    package var schema: String
    package var registers: [Register]
    package var risks: [Risk]
    /// Every record, drills and incidents (see `kind`).
    package var drills: [Drill]
    /// The register's internal key of each record in `drills`, for loading logs in batches.
    private var keys: [Int] = []

    private enum CodingKeys: String, CodingKey {
        case schema, registers, risks, drills
    }

    package struct Register: Codable, Sendable {
        package var id: String
        package var title: String
        package var source: String
        package var risks: [String]
    }

    package struct Risk: Codable, Sendable {
        package var id: String
        package var register: String
        package var title: String
        package var rank: Int?
        package var likelihood: Int?
        package var impact: Int?
        package var score: Int?
        package var owner: String?
        package var expectedRecovery: String?
        package var expectedRecoverySeconds: Double?
        package var verification: String?
        package var drillEveryDays: Int?
        package var status: String?
        package var fields: [String: String]
        package var description: String
        package var descriptionHtml: String
        /// Ids of the drills that exercised the risk.
        package var drills: [String]
        /// Ids of the incidents in which it materialised.
        package var incidents: [String]
        package var source: String
        package var line: Int
    }

    package struct Drill: Codable, Sendable {
        package var id: String
        package var kind: String
        /// The author's drill number; absent for records without one.
        package var number: Int?
        package var date: String?
        package var title: String
        package var status: String
        package var environment: String?
        package var recoverySeconds: Double?
        package var risks: [String]
        package var registers: [String]
        package var metrics: [Metric]
        package var findings: [Finding]
        package var actions: [Item]
        package var checklist: [Item]
        package var html: String
        package var source: String

        /// Takes the log, headline numbers and findings fetched for a record read without them.
        package mutating func fill(from fetched: RegisterSnapshot.RecordDetails) {
            html = fetched.log
            metrics = fetched.metrics.map(ExportDocument.metric)
            findings = fetched.findings.map(ExportDocument.finding)
        }
    }

    package struct Metric: Codable, Sendable {
        package var name: String
        package var value: String
        package var number: Double?
        package var unit: String?
    }

    package struct Finding: Codable, Sendable {
        package var title: String
        package var html: String
    }

    package struct Item: Codable, Sendable {
        package var text: String
        package var done: Bool
        package var line: Int
        package var artifact: String?
        package var owner: String?
        package var due: String?
        package var refs: [String]
        package var openedOn: String?
        package var doneOn: String?
    }

    package init(snapshot: RegisterSnapshot) {
        self.init(registersAndRisksOf: snapshot)
        drills = snapshot.drills.map { Self.record($0) }
        keys = snapshot.drills.map(\.key)
    }

    /// The document without its records (for `write(snapshot:html:flushEvery:to:)`).
    private init(registersAndRisksOf snapshot: RegisterSnapshot) {
        schema = Self.schemaVersion
        registers = snapshot.registers.map { register in
            Register(id: register.id, title: register.title, source: register.path,
                     risks: snapshot.risks.filter { $0.risk.registerID == register.id }.map(\.risk.id))
        }
        risks = Self.risks(snapshot: snapshot)
        drills = []
    }

    /// Every risk as the export writes it, with the ids of its drills and incidents.
    package static func risks(snapshot: RegisterSnapshot) -> [Risk] {
        var byKey: [Int: RegisterSnapshot.DrillRecord] = [:]
        for record in snapshot.drills { byKey[record.key] = record }
        return snapshot.risks.map { record in
            let risk = record.risk
            var fields: [String: String] = [:]
            for field in risk.fields { fields[field.key] = field.value }
            return Risk(
                id: risk.id, register: risk.registerID, title: risk.title, rank: risk.rank, likelihood: risk.likelihood,
                impact: risk.impact, score: risk.score, owner: risk.owner, expectedRecovery: risk.expectedRecovery,
                expectedRecoverySeconds: risk.expectedRecoverySeconds, verification: risk.verification,
                drillEveryDays: risk.drillEveryDays, status: risk.status, fields: fields,
                description: risk.descriptionText, descriptionHtml: risk.descriptionHTML,
                drills: record.drills.compactMap { byKey[$0] }.filter { $0.drill.kind == .drill }.map(\.drill.id),
                incidents: record.drills.compactMap { byKey[$0] }.filter { $0.drill.kind == .incident }.map(\.drill.id),
                source: risk.path, line: risk.line)
        }
    }

    static func metric(_ metric: RiskregModel.Metric) -> Metric {
        Metric(name: metric.name, value: metric.value, number: metric.number, unit: metric.unit)
    }

    static func finding(_ finding: RiskregModel.Finding) -> Finding {
        Finding(title: finding.title, html: finding.html)
    }

    /// One record as the export writes it (with its details: `DrillRecord.filled(with:)` for
    /// a snapshot read without them).
    package static func record(_ record: RegisterSnapshot.DrillRecord) -> Drill {
        let drill = record.drill
        func item(_ r: RegisterSnapshot.ItemRecord) -> Item {
            Item(text: r.text, done: r.done, line: r.line, artifact: r.artifact,
                 owner: r.owner, due: r.due, refs: r.refs, openedOn: r.openedOn, doneOn: r.doneOn)
        }
        return Drill(
            id: drill.id, kind: drill.kind.rawValue, number: drill.number, date: drill.date, title: drill.title, status: drill.status.rawValue,
            environment: drill.environment, recoverySeconds: drill.recoverySeconds, risks: record.risks,
            registers: record.registers,
            metrics: drill.metrics.map(metric), findings: drill.findings.map(finding),
            actions: record.actions.map(item), checklist: record.checklist.map(item),
            html: drill.html, source: record.path)
    }

    /// Pretty, key-sorted JSON: stable bytes for the same register. Drills are encoded one at a
    /// time and the document is assembled around them, so memory holds the output and one drill,
    /// not an encoder's tree of the whole register.
    /// `details`, when given, supplies drills' rendered logs, headline numbers and findings per
    /// batch (for a snapshot read without them), so the whole register's HTML is never in memory at once.
    package func json(details: ((_ first: Int, _ last: Int) throws -> [Int: RegisterSnapshot.RecordDetails])? = nil) throws -> Data {
        var out = PrettyJSONObject()
        let keys = self.keys, drills = self.drills
        try write(into: &out, count: drills.count, records: { $0.map { KeyedDrill(key: keys[$0], drill: drills[$0]) } }, details: details)
        return Data(out.bytes)
    }

    /// The bytes of `ExportDocument(snapshot:).json(html:)`, handed to `sink` in order about
    /// `flushEvery` at a time, each record made as its batch is encoded: what `riskreg export`
    /// writes, so memory holds the snapshot and one batch, never the document or a second copy
    /// of every record.
    package static func write(snapshot: RegisterSnapshot,
                              details: ((_ first: Int, _ last: Int) throws -> [Int: RegisterSnapshot.RecordDetails])? = nil,
                              flushEvery: Int = 1 << 20, to sink: @escaping PrettyJSONObject.Sink) throws {
        var out = PrettyJSONObject(flushEvery: flushEvery, sink: sink)
        let records = snapshot.drills
        try ExportDocument(registersAndRisksOf: snapshot).write(
            into: &out, count: records.count,
            records: { $0.map { KeyedDrill(key: records[$0].key, drill: record(records[$0])) } }, details: details)
        try out.finish()
    }

    /// The document's members in key order; its records are `records(range)` for each batch.
    private func write(into out: inout PrettyJSONObject, count: Int, records: (Range<Int>) -> [KeyedDrill],
                       details: ((_ first: Int, _ last: Int) throws -> [Int: RegisterSnapshot.RecordDetails])?) throws {
        try out.list("drills", count: count) { range in
            var batch = records(range)
            if let details, let first = batch.first?.key, let last = batch.last?.key {
                let logs = try details(first, last)
                for index in batch.indices {
                    if let fetched = logs[batch[index].key] { batch[index].drill.fill(from: fetched) }
                }
            }
            return batch
        }
        try out.list("registers", registers)
        try out.list("risks", risks)
        try out.string("schema", schema, last: true)
    }

    /// A record with its internal key; encodes as the record alone.
    private struct KeyedDrill: PrettyJSONWritable {
        var key: Int
        var drill: Drill

        func encode(to encoder: Encoder) throws { try drill.encode(to: encoder) }
        func write(to json: inout PrettyJSON) throws { try drill.write(to: &json) }
    }
}
