import Foundation
import Testing

/// Pages are carried over by what they show: after each edit an incremental build equals a
/// fresh one byte for byte, and an edit to one log re-renders only what shows it.
@Suite(.serialized) struct IncrementalSiteTests {
    static let today = ["RISKREG_TODAY": "2026-11-21"]

    private func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) ?? FileManager.DirectoryEnumerator() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            if path == ".riskreg-pages" { continue }
            result[path] = try Data(contentsOf: url)
        }
        return result
    }

    private func rendered(_ output: String) -> Int? {
        // "built 82 pages into site/ (37 rendered): …"
        guard let range = output.range(of: #"\((\d+) rendered\)"#, options: .regularExpression) else { return nil }
        return Int(output[range].dropFirst().prefix { $0.isNumber })
    }

    @Test func everyEditGivesTheFreshSite() throws {
        let folder = try TestSupport.copyFixture("figures")
        let templates = TestSupport.packageRoot.appendingPathComponent("templates").path
        func build(_ out: String, _ extra: [String] = []) throws -> TestSupport.Run {
            let run = try TestSupport.run(["build", "--out", out, "--templates", templates, "--base-url", "https://example.org/r/"] + extra,
                                          in: folder, environment: Self.today)
            #expect(run.status == 0, "\(run.stderr)")
            return run
        }
        try TestSupport.run(["import", "."], in: folder, environment: Self.today)
        _ = try build("site")

        let log = folder.appendingPathComponent("logs/2026-11-10-drill-03-clean-rerun.md")
        let original = try String(contentsOf: log, encoding: .utf8)
        let edits: [(String, (String) -> String)] = [
            ("tick a checklist step", { $0.replacingOccurrences(of: "- [ ] Attach the dashboard screenshot", with: "- [x] Attach the dashboard screenshot") }),
            ("record a recovery time", { $0.replacingOccurrences(of: "## Checklist", with: "## Headline numbers\n\n- Recovery time: 45s\n\n## Checklist") }),
            ("abort the drill", { $0.replacingOccurrences(of: "status: executed", with: "status: aborted") }),
            ("move it to another risk", { $0.replacingOccurrences(of: "risks: [F5]", with: "risks: [F2]") }),
            ("back as it was", { _ in original }),
        ]
        var text = original
        for (name, edit) in edits {
            text = edit(text)
            try text.write(to: log, atomically: true, encoding: .utf8)
            try TestSupport.run(["import", "."], in: folder, environment: Self.today)
            let incremental = try build("site")
            try? FileManager.default.removeItem(at: folder.appendingPathComponent("fresh"))
            _ = try build("fresh")
            let a = try files(folder.appendingPathComponent("site")), b = try files(folder.appendingPathComponent("fresh"))
            #expect(a.keys.sorted() == b.keys.sorted(), "\(name)")
            for (path, data) in b where a[path] != data {
                Issue.record("\(name): \(path) differs between the incremental and the fresh build")
            }
            let count = try #require(rendered(incremental.stdout))
            let total = try #require(rendered(try build("fresh", ["--force"]).stdout))
            #expect(count < total, "\(name): \(count) of \(total) pages rendered")
        }

        // Ticking one step of drill 03 leaves the pages of risks it is not linked to alone.
        text = original.replacingOccurrences(of: "- [x] Announce the drill", with: "- [ ] Announce the drill")
        try text.write(to: log, atomically: true, encoding: .utf8)
        try TestSupport.run(["import", "."], in: folder, environment: Self.today)
        let before = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("site/risks/F1.html").path)[.modificationDate] as? Date
        let output = try build("site")
        let after = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("site/risks/F1.html").path)[.modificationDate] as? Date
        #expect(before == after)
        #expect((rendered(output.stdout) ?? 999) < 20, "\(output.stdout)")
    }
}
