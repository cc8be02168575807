import Foundation
import Testing

@testable import RiskregImport
@testable import RiskregMarkdown
@testable import RiskregModel
@testable import RiskregReport
@testable import RiskregStore

/// Real-world write-ups (issue 8): every file in `Fixtures/writeups` is imported with the
/// example registers, and what riskreg read is compared field by field with
/// `Fixtures/writeups/expected/<same path>.json`.
@Suite struct WriteupTests {
    struct Expected: Decodable {
        struct Metric: Decodable, Equatable { var name: String; var value: String }
        struct Item: Decodable, Equatable {
            var kind: String; var text: String; var done: Bool; var owner: String?; var due: String?
        }
        var outcome: String
        var id: String?
        var kind: String?
        var number: Int?
        var date: String?
        var title: String?
        var status: String?
        var risks: [String]?
        var metrics: [Metric]?
        var findings: [String]?
        var items: [Item]?
        var warnings: [String]?
    }

    static let folder = TestSupport.fixtures.appendingPathComponent("writeups")

    /// `expected/a/b.json` → `a/b.md`, for every expected file.
    static func cases() throws -> [String] {
        let expected = folder.appendingPathComponent("expected")
        let enumerator = FileManager.default.enumerator(atPath: expected.path)
        var cases: [String] = []
        while let path = enumerator?.nextObject() as? String {
            if path.hasSuffix(".json") { cases.append(String(path.dropLast(5)) + ".md") }
        }
        return cases.sorted()
    }

    @Test func everyWriteupIsReadAsACarefulReaderWould() throws {
        let cases = try Self.cases()
        #expect(cases.count >= 14)
        let work = try TestSupport.temporaryFolder("writeups")
        defer { try? FileManager.default.removeItem(at: work) }
        let copy = work.appendingPathComponent("writeups")
        try FileManager.default.copyItem(at: Self.folder, to: copy)
        try FileManager.default.removeItem(at: copy.appendingPathComponent("expected"))
        try FileManager.default.removeItem(at: copy.appendingPathComponent("README.md"))
        for register in ["R20-availability-risk-register.md", "R21-security-and-cost-register.md"] {
            try FileManager.default.copyItem(at: TestSupport.packageRoot.appendingPathComponent("register/\(register)"),
                                             to: work.appendingPathComponent(register))
        }
        let database = work.appendingPathComponent("r.db").path
        var importer = Importer(databasePath: database, today: "2026-11-21")
        importer.base = work.path
        let report = try importer.run(paths: ["R20-availability-risk-register.md", "R21-security-and-cost-register.md", "writeups"])
        #expect(!report.hasRefusals, "\(report.entries.filter { $0.outcome == .refused }.map { $0.detail ?? "" })")
        let export = try ExportDocument(snapshot: RegisterStore(path: database).snapshot())

        for name in cases {
            let data = try Data(contentsOf: Self.folder.appendingPathComponent("expected/" + String(name.dropLast(3)) + ".json"))
            let expected = try JSONDecoder().decode(Expected.self, from: data)
            let source = "writeups/" + name
            let entry = report.entries.first { $0.path == source }
            if expected.outcome == "skipped" {
                #expect(entry?.outcome == .skipped, "\(name): expected to be skipped, was \(String(describing: entry?.outcome))")
                continue
            }
            guard let record = export.drills.first(where: { $0.source == source }) else {
                Issue.record("\(name): not imported (\(entry?.detail ?? "no entry"))")
                continue
            }
            #expect(record.id == expected.id, "\(name): id")
            #expect(record.kind == expected.kind, "\(name): kind")
            #expect(record.number == expected.number, "\(name): number")
            #expect(record.date == expected.date, "\(name): date")
            #expect(record.title == expected.title, "\(name): title")
            #expect(record.status == expected.status, "\(name): status")
            #expect(record.risks == expected.risks, "\(name): risks")
            #expect(record.metrics.map { Expected.Metric(name: $0.name, value: $0.value) } == expected.metrics, "\(name): metrics")
            #expect(record.findings.map(\.title) == expected.findings, "\(name): findings")
            let items = (record.actions.map { ("action", $0) } + record.checklist.map { ("checklist", $0) })
                .sorted { $0.1.line < $1.1.line }
                .map { Expected.Item(kind: $0.0, text: $0.1.text, done: $0.1.done, owner: $0.1.owner, due: $0.1.due) }
            #expect(items == expected.items, "\(name): items")
            // Warnings the parser itself gives (import adds ones about unknown risk ids).
            let raw = try Data(contentsOf: Self.folder.appendingPathComponent(name))
            if case .shipLog(_, let reading) = try DocumentParser().parse(path: source, data: raw) {
                #expect(reading.warnings == expected.warnings, "\(name): warnings")
            }
        }
    }

    /// An import parses without saying where facts came from (`explains: false`): the same
    /// record and warnings as `explain`'s parse, with no facts or unread headings to carry.
    @Test func parsingWithoutExplanationsGivesTheSameRecord() throws {
        var compared = 0
        let enumerator = FileManager.default.enumerator(atPath: TestSupport.fixtures.path)
        while let path = enumerator?.nextObject() as? String {
            guard path.hasSuffix(".md") else { continue }
            let data = try Data(contentsOf: TestSupport.fixtures.appendingPathComponent(path))
            let explained = Result { try DocumentParser().parse(path: path, data: data) }
            let plain = Result { try DocumentParser(explains: false).parse(path: path, data: data) }
            switch (explained, plain) {
            case (.success(.shipLog(let drill, let reading)), .success(.shipLog(let plainDrill, let plainReading))):
                #expect(plainDrill == drill, "\(path)")
                #expect(plainReading.warnings == reading.warnings, "\(path)")
                #expect(plainReading.facts.isEmpty && plainReading.unrecognisedHeadings.isEmpty, "\(path)")
                #expect(!reading.facts.isEmpty, "\(path)")
                compared += 1
            case (.success(let document), .success(let plainDocument)):
                #expect("\(plainDocument)" == "\(document)", "\(path)")
            case (.failure(let error), .failure(let plainError)):
                #expect("\(plainError)" == "\(error)", "\(path)")
            default:
                Issue.record("\(path): one parse failed and the other did not")
            }
        }
        #expect(compared >= 30)
    }

    /// `riskreg explain` shows every fact of every write-up, with where it came from.
    @Test func explainShowsEveryFactAndItsSource() throws {
        for name in try Self.cases() {
            let data = try Data(contentsOf: Self.folder.appendingPathComponent("expected/" + String(name.dropLast(3)) + ".json"))
            let expected = try JSONDecoder().decode(Expected.self, from: data)
            let explanation = Explanation(path: Self.folder.appendingPathComponent(name).path, display: name)
            if expected.outcome == "skipped" {
                #expect(explanation.outcome == "skipped" && explanation.text.contains("not a record"), "\(name)")
                continue
            }
            #expect(explanation.outcome == "record", "\(name): \(explanation.reason ?? "")")
            #expect(explanation.id == expected.id && explanation.date == expected.date && explanation.kind == expected.kind, "\(name)")
            #expect(explanation.items.count == expected.items?.count, "\(name): items")
            #expect(explanation.metrics.count == expected.metrics?.count, "\(name): metrics")
            #expect(explanation.findings.count == expected.findings?.count, "\(name): findings")
            for field in ["title", "id", "kind", "status"] + (expected.date == nil ? [] : ["date"]) {
                #expect(explanation.facts.contains { $0.field == field && !$0.source.isEmpty }, "\(name): no source for \(field)")
            }
            let text = explanation.text
            for item in expected.items ?? [] { #expect(text.contains(item.text), "\(name): \(item.text)") }
        }
        let pm = Explanation(path: Self.folder.appendingPathComponent("PM2023-001 - Total node failure.md").path, display: "pm.md")
        #expect(pm.text.contains("date     2023-03-07  ← body, line 5"))
        #expect(pm.text.contains("section  actions  ← heading \"Corrective actions\", line 23"))
        let rca = Explanation(path: Self.folder.appendingPathComponent("checkout-latency-rca.md").path, display: "rca.md")
        #expect(rca.warnings == ["date '04/08/25' is ambiguous (day/month); give the date as YYYY-MM-DD"])
        #expect(rca.text.contains("date     (none: add `date: YYYY-MM-DD`"))
    }

    /// Two files claiming one id are refused, naming both; `status` counts incidents apart.
    @Test func duplicateIdsAreRefusedAndStatusCountsIncidents() throws {
        let folder = try TestSupport.temporaryFolder("ids")
        try "---\nid: pm-7\nkind: incident\ndate: 2026-11-17\n---\n# Outage one\n\n## Action items\n\n- Fix it\n"
            .write(to: folder.appendingPathComponent("one.md"), atomically: true, encoding: .utf8)
        try "---\nid: pm-7\nkind: incident\ndate: 2026-11-18\n---\n# Outage two\n"
            .write(to: folder.appendingPathComponent("two.md"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["import", ".", "--db", "r.db"], in: folder)
        #expect(run.status == 1)
        #expect(run.stdout.contains("refused   two.md: record id pm-7 is already imported from one.md"), "\(run.stdout)")
        let status = try TestSupport.run(["status", "--db", "r.db"], in: folder, environment: ["RISKREG_TODAY": "2026-11-19"])
        #expect(status.stdout.contains("0 drills and 1 incident"), "\(status.stdout)")
        #expect(status.stdout.contains("Incidents: 1 this week"), "\(status.stdout)")
        let drill = try TestSupport.run(["drill", "pm", "--db", "r.db"], in: folder)
        #expect(drill.status == 0 && drill.stdout.hasPrefix("Outage one"), "\(drill.stderr)")
    }
}
