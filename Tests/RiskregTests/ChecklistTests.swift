import Foundation
import Testing

@testable import RiskregCLI
@testable import RiskregImport
@testable import RiskregMarkdown
@testable import RiskregModel
@testable import RiskregReport
@testable import RiskregSite
@testable import RiskregStore

@Suite(.serialized) struct ChecklistTests {
    @Test func tickAndUntickChangeOnlyTheBoxInCRLFFiles() throws {
        let folder = try TestSupport.copyFixture("tick")
        let log = folder.appendingPathComponent("2026-05-01-drill-05-crlf.md")
        let original = try Data(contentsOf: log)
        #expect(try TestSupport.run(["import", "."], in: folder).status == 0)

        let list = try TestSupport.run(["checklist", "--drill", "5"], in: folder)
        #expect(list.stdout.contains("Drill 05  0/1 checklist  1/3 actions"))
        #expect(list.stdout.contains("    1   [ ] Numbered check"))
        #expect(list.stdout.contains("    3   [x] Nested thing"))
        #expect(!list.stdout.contains("Not an item in code"))

        let tick = try TestSupport.run(["tick", "5", "second"], in: folder)
        #expect(tick.status == 0, "\(tick.stderr)")
        let ticked = try Data(contentsOf: log)
        #expect(ticked.count == original.count)
        let differing = zip(original, ticked).enumerated().filter { $0.element.0 != $0.element.1 }
        #expect(differing.count == 1)
        #expect(differing.first.map { ticked[$0.offset] } == UInt8(ascii: "x"))
        #expect(String(decoding: ticked, as: UTF8.self).contains("- [x] Second thing\r\n"))

        // The register agrees with the file.
        let after = try TestSupport.run(["checklist", "--drill", "5", "--json"], in: folder)
        #expect(after.stdout.contains("\"done\" : true,\n        \"kind\" : \"action\",\n        \"line\" : 10,\n        \"number\" : 4,\n        \"text\" : \"Second thing\""))

        #expect(try TestSupport.run(["untick", "5", "4"], in: folder).status == 0)
        #expect(try Data(contentsOf: log) == original)
        #expect(try TestSupport.run(["untick", "5", "3"], in: folder).stdout.contains("unticked drill 05 item 3: Nested thing"))
        #expect(try TestSupport.run(["tick", "5", "Nested"], in: folder).status == 0)
        #expect(try Data(contentsOf: log) == original)
    }

    @Test func ambiguousUnknownAndCodeItemsAreRefused() throws {
        let folder = try TestSupport.copyFixture("tick")
        let log = folder.appendingPathComponent("2026-05-01-drill-05-crlf.md")
        let original = try Data(contentsOf: log)
        try TestSupport.run(["import", "."], in: folder)
        let ambiguous = try TestSupport.run(["tick", "5", "thing"], in: folder)
        #expect(ambiguous.status != 0)
        #expect(ambiguous.stderr.contains("'thing' matches 3 items; use its number or a longer prefix:"))
        #expect(ambiguous.stderr.contains("  2. [ ] First thing"))
        let code = try TestSupport.run(["tick", "5", "Not an item"], in: folder)
        #expect(code.status != 0 && code.stderr.contains("no item matches 'Not an item'"))
        let number = try TestSupport.run(["tick", "5", "9"], in: folder)
        #expect(number.status != 0)
        let drill = try TestSupport.run(["tick", "6", "1"], in: folder)
        #expect(drill.status != 0 && drill.stderr.contains("no drill 6 in the register"))
        #expect(try Data(contentsOf: log) == original)
    }

    /// Issue 7: tick edits the real file behind a link (the link stays, the mode is kept) and
    /// never a file outside the repository; an item without a box is refused untouched.
    @Test func tickFollowsLinksInsideTheRepositoryOnly() throws {
        let repo = try TestSupport.temporaryFolder("tick-links")
        let logs = repo.appendingPathComponent("logs")
        let real = repo.appendingPathComponent("shared")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        let target = real.appendingPathComponent("drill-30.md")
        try "# Drill 30 executed\n\n## Action items\n\n- [ ] Fix the thing\n- Plain follow-up without a box\n".write(to: target, atomically: true, encoding: .utf8)
        #expect(chmod(target.path, 0o640) == 0)
        let link = logs.appendingPathComponent("drill-30.md")
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "../shared/drill-30.md")
        #expect(try TestSupport.run(["import", "logs"], in: repo).status == 0)

        let tick = try TestSupport.run(["tick", "30", "Fix"], in: repo)
        #expect(tick.status == 0, "\(tick.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "../shared/drill-30.md")
        #expect(try String(contentsOf: target, encoding: .utf8).contains("- [x] Fix the thing"))
        let mode = try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int
        #expect(mode == 0o640)

        let noBox = try TestSupport.run(["tick", "30", "Plain"], in: repo)
        #expect(noBox.status != 0 && noBox.stderr.contains("has no [ ] box to tick"))

        // A log reached through a link that leaves the repository is not edited.
        let outside = try TestSupport.temporaryFolder("outside")
        let foreign = outside.appendingPathComponent("drill-31.md")
        try "# Drill 31 executed\n\n## Action items\n\n- [ ] Outside item\n".write(to: foreign, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: logs.appendingPathComponent("drill-31.md").path, withDestinationPath: foreign.path)
        #expect(try TestSupport.run(["import", "logs"], in: repo).status == 0)
        let before = try Data(contentsOf: foreign)
        let escape = try TestSupport.run(["tick", "31", "Outside"], in: repo)
        #expect(escape.status != 0 && escape.stderr.contains("is not a file inside"))
        #expect(try Data(contentsOf: foreign) == before)
    }

    @Test func verifyReportsMissingAndEscapingArtifacts() throws {
        let folder = try TestSupport.temporaryFolder("verify")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("results"), withIntermediateDirectories: true)
        try "ok".write(to: folder.appendingPathComponent("results/present.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("results/link.txt").path, withDestinationPath: "/etc/hostname")
        try """
            # Drill 8 executed

            ## Lockstep checklist

            - [x] Present `results/present.txt`
            - [x] Missing `results/missing.txt`
            - [ ] Open items are not checked `results/later.txt`
            - [x] Escaping `../outside.txt`
            - [x] Absolute `/etc/passwd`
            - [x] Link out `results/link.txt`
            - [x] FIS template — s3://drills/fis/template-08.json
            - [x] Dashboard <https://grafana.example.com/d/streams>
            """.write(to: folder.appendingPathComponent("drill-08.md"), atomically: true, encoding: .utf8)
        try TestSupport.run(["import", "drill-08.md"], in: folder)
        let result = try TestSupport.run(["verify", "--root", "."], in: folder)
        #expect(result.status == 1)
        #expect(result.stdout.contains("drill-08.md:6: artifact missing: results/missing.txt\n"))
        #expect(result.stdout.contains("drill-08.md:8: artifact path escapes the repository root, not followed: ../outside.txt"))
        #expect(result.stdout.contains("drill-08.md:9: artifact path escapes the repository root, not followed: /etc/passwd"))
        #expect(result.stdout.contains("drill-08.md:10: artifact path escapes the repository root through a link"))
        #expect(!result.stdout.contains("present.txt"))
        #expect(!result.stdout.contains("later.txt"))
        #expect(result.stdout.contains("5 artifacts checked"))
        // Issue 8: URLs are kept as artifacts and listed as not checkable, never as problems.
        #expect(result.stdout.contains("note: drill-08.md:11: artifact is a URL, not checkable: s3://drills/fis/template-08.json"))
        #expect(result.stdout.contains("note: drill-08.md:12: artifact is a URL, not checkable: https://grafana.example.com/d/streams"))

        try "ok".write(to: folder.appendingPathComponent("results/missing.txt"), atomically: true, encoding: .utf8)
        let clean = try TestSupport.verifyOnly(folder, log: "drill-08.md", keep: [4, 5, 6])
        #expect(clean.status == 0, "\(clean.stdout)")
    }
}

extension TestSupport {
    /// Rewrites a log keeping only the given 1-based checklist item lines, re-imports, verifies.
    static func verifyOnly(_ folder: URL, log: String, keep: [Int]) throws -> Run {
        let url = folder.appendingPathComponent(log)
        let lines = try String(contentsOf: url, encoding: .utf8).components(separatedBy: "\n")
        let kept = lines.enumerated().filter { !$0.element.hasPrefix("- [") || keep.contains($0.offset) }.map(\.element)
        try kept.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        try run(["import", log], in: folder)
        return try run(["verify", "--root", "."], in: folder)
    }
}
