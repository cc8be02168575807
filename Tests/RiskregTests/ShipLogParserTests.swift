import Foundation
import Testing

@testable import RiskregCLI
@testable import RiskregImport
@testable import RiskregMarkdown
@testable import RiskregModel
@testable import RiskregReport
@testable import RiskregSite
@testable import RiskregStore

@Suite struct ShipLogParserTests {
    func fixture(_ name: String) throws -> Drill {
        let url = TestSupport.fixtures.appendingPathComponent("styles/\(name)")
        let data = try Data(contentsOf: url)
        guard case .shipLog(let drill, _) = try DocumentParser().parse(path: "styles/\(name)", data: data) else {
            throw CancellationError()
        }
        return drill
    }

    @Test func setextHeadingsTableMetricsAndFrontMatter() throws {
        let drill = try fixture("setext-and-table.md")
        #expect(drill.number == 12)
        #expect(drill.date == "2026-02-03")
        #expect(drill.status == .executed)
        #expect(drill.environment == "staging")
        #expect(drill.declaredRisks == ["A10"])
        #expect(drill.recoverySeconds == 75)
        #expect(drill.title == "Drill 12 — queue worker crash")
        #expect(drill.metrics.map(\.name) == ["Redelivery after", "Tasks lost", "Peak queue depth"])
        #expect(drill.metrics[0].number == 31 && drill.metrics[0].unit == "s")
        #expect(drill.metrics[2].number == 1204 && drill.metrics[2].unit == "messages")
        #expect(drill.metrics[2].value == "1,204 messages")
        #expect(drill.findings.map(\.title) == ["Visibility timeout re-delivers the task", "Re-claim from PROCESSING fails"])
        #expect(drill.findings[0].html == "<p>The task came back after 30s.</p>\n")
    }

    @Test func taskItemsOfEveryMarkerNestedAndNotInCode() throws {
        let drill = try fixture("setext-and-table.md")
        let actions = drill.items.filter { $0.kind == .action }
        let checklist = drill.items.filter { $0.kind == .checklist }
        #expect(actions.map(\.text) == [
            "Reset status to PENDING on redelivery @backend #301", "Add a test for double claim",
            "Alarm on receive count > 3 @sre due 2026-03-01",
        ])
        #expect(actions.map(\.done) == [true, true, false])
        #expect(actions[0].owner == "backend" && actions[0].refs == ["301"])
        #expect(actions[2].owner == "sre" && actions[2].due == "2026-03-01")
        #expect(checklist.map(\.text) == [
            "Artifact docs/results/12-worker-crash.txt", "Nested: stream log docs/results/12-stream.log", "Dashboard screenshot",
        ])
        #expect(checklist.map(\.artifact) == ["docs/results/12-worker-crash.txt", "docs/results/12-stream.log", nil])
        #expect(checklist.map(\.done) == [true, false, false])
        // Lines count the front matter: the checklist's first item is on line 52 of the file.
        let lines = try String(contentsOf: TestSupport.fixtures.appendingPathComponent("styles/setext-and-table.md"), encoding: .utf8)
            .components(separatedBy: "\n")
        for item in drill.items {
            let line = lines[item.line - 1]
            let box = line.utf8.dropFirst(item.boxColumn - 1).prefix(3)
            #expect(["[ ]", "[x]", "[X]"].contains(String(decoding: box, as: UTF8.self)), "\(item.text) at \(item.line)")
        }
    }

    @Test func codeAndRawHTMLNeitherMentionNorLeak() throws {
        let drill = try fixture("setext-and-table.md")
        #expect(drill.mentions == ["A10"])
        #expect(!drill.html.contains("Q42"))
        #expect(drill.html.contains("<!-- raw HTML omitted -->"))
        let hostile = try TestSupport.drill("""
            # Drill 3
            ## Summary
            <script>alert(1)</script>
            [x](javascript:alert(1)) <img src=x onerror=alert(1)>
            """)
        #expect(!hostile.html.contains("<script"))
        #expect(!hostile.html.contains("javascript:"))
        #expect(!hostile.html.contains("onerror"))
    }

    @Test func gameDayTitleBoldMetricsAndBoldFindings() throws {
        let drill = try fixture("game-day-bold.md")
        #expect(drill.number == 21)
        #expect(drill.status == .aborted)
        #expect(drill.date == "2026-06-02")  // first date in the summary
        #expect(drill.environment == "staging")
        #expect(drill.metrics.map(\.name) == ["Replica lag", "Failover time", "Errors"])
        #expect(drill.metrics[0].number == 14.5 && drill.metrics[0].unit == "s")
        #expect(drill.metrics[1].value == "48s")
        #expect(drill.metrics[2].number == nil)
        #expect(drill.findings.map(\.title) == ["Replica lag blocks failover", "Runbook was stale"])
        // The bold lead-in is the title; the body below it does not repeat it.
        #expect(drill.findings[0].html == "<p>We waited too long.</p>\n<p>More detail on the lag in a second paragraph.</p>\n")
        #expect(drill.findings[1].html == "<p>It named the old cluster.</p>\n")
        #expect(drill.mentions == ["A12", "R20"])
        let item = try #require(drill.items.first)
        #expect(item.artifact == "runbooks/redis-failover.md" && item.owner == "ops" && item.due == "2026-06-30" && item.refs == ["77"])
    }

    @Test func boldLeadInsAreTitlesNotRepeatedInTheirBodies() throws {
        let drill = try fixture("lead-in-findings.md")
        #expect(drill.findings.map(\.title) == ["Evictions spiked", "No alert fired", "Runbook too long", "Client retries doubled the load",
                                                 "Failover took 90s", "Warm-up was manual"])
        #expect(drill.findings.map(\.html) == [
            // A tight list: cmark gives its paragraphs without `<p>`.
            "Hit rate fell to 40% for six minutes.",
            "the alarm watched the wrong metric.",
            "nobody reached step 9.",
            "",
            "Failover took 90s. The client kept its old address.",
            "<p>We ran the warm-up script by hand.</p>\n<p>A second paragraph about warm-up.</p>\n",
        ])
        #expect(drill.findings.allSatisfy { !$0.html.contains("<strong>") })
    }

    @Test func drillDashNumberPlannedAndNumberedFindings() throws {
        let drill = try fixture("numbered-findings.md")
        #expect(drill.number == 15)
        #expect(drill.status == .planned)
        // Issue 8: a date in a sentence near the top counts ("Scheduled for 2026-07-01."), and a
        // finding's first sentence runs over soft-wrapped lines.
        #expect(drill.date == "2026-07-01")
        #expect(drill.findings.map(\.title) == ["Alarm fires late", "Cert rotation is manual and undocumented"])
        #expect(drill.items.map(\.kind) == [.action])
    }

    @Test(arguments: [
        ("2026-05-08-drill-04-task-stop.md", "# Something", 4),
        ("notes.md", "# Drill 7 — disk full", 7),
        ("notes.md", "# Game day #12", 12),
        ("notes.md", "# DRILL-015: TLS", 15),
        ("drill_3.md", "# Whatever", 3),
    ])
    func identityFromFileNameOrTitle(name: String, title: String, number: Int) throws {
        #expect(try TestSupport.drill(title + "\n\nbody", path: name).number == number)
    }

    @Test func sectionSynonymsAtAnyLevel() throws {
        for (heading, kind) in [("## TL;DR", SectionKind.summary), ("### Key metrics", .metrics), ("# What we learned", .findings),
                                ("## Next steps", .actions), ("#### Lockstep checklist", .checklist), ("## 4. Procedure", .method),
                                ("## Action items (3)", .actions)] {
            let text = heading.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
            #expect(SectionKind(heading: text) == kind, "\(heading)")
        }
        #expect(SectionKind(heading: "Background") == nil)
    }

    @Test func metricValueParsing() {
        #expect(TextScan.leadingNumber("48.34s")! == (48.34, "s"))
        #expect(TextScan.leadingNumber("12,755")!.number == 12755)
        #expect(TextScan.leadingNumber("12,755")!.unit == nil)
        #expect(TextScan.leadingNumber("47, clean")!.number == 47)
        #expect(TextScan.leadingNumber("18s to launch, 75s")! == (18, "s"))
        #expect(TextScan.leadingNumber("zero") == nil)
        #expect(TextScan.seconds(in: "1m15s") == 75)
        #expect(TextScan.seconds(in: "4m 40s") == 280)
        #expect(TextScan.seconds(in: "2 min") == 120)
        #expect(TextScan.days(in: "90 days") == 90)
        #expect(TextScan.keyValue("Task replacement — 18s")! == ("Task replacement", "18s"))
        #expect(TextScan.keyValue("15:56:41 (T_kill): stop") == nil)
        #expect(TextScan.idTokens(in: "A10, B7 and EC2 or v2 A10x R20.") == ["A10", "B7", "R20"])
    }

    @Test func registerDocumentFieldsAndDescription() throws {
        let data = try Data(contentsOf: TestSupport.fixtures.appendingPathComponent("basic/register.md"))
        guard case .register(let register) = try DocumentParser().parse(path: "register.md", data: data) else {
            Issue.record("not recognised as a register")
            return
        }
        #expect(register.id == "R20")
        #expect(register.title == "Availability risk register")
        #expect(register.risks.map(\.id) == ["A10", "A11", "A12"])
        let a10 = register.risks[0]
        #expect(a10.rank == 1 && a10.likelihood == 4 && a10.impact == 5 && a10.score == 20)
        #expect(a10.expectedRecoverySeconds == 30 && a10.drillEveryDays == 90 && a10.owner == "@platform")
        #expect(a10.fields.contains(Risk.Field(key: "Blast radius", value: "one task")))
        #expect(a10.descriptionHTML == "<p>Kill a task mid-request — what happens?</p>\n")
        #expect(a10.line == 5)
    }
}

extension ShipLogParserTests {
    @Test func numberedFindingTitleIsItsFirstSentence() throws {
        let drill = try TestSupport.drill("""
            # Drill 6 executed
            ## Findings
            1. Placement ignored the blocked AZ. The provider launched one instance
               in AZ-A first.
            2. **Retries hid failures.** 37 of 2,410 failed.
            """)
        #expect(drill.findings.map(\.title) == ["Placement ignored the blocked AZ", "Retries hid failures"])
    }
}

extension ShipLogParserTests {
    @Test func fastPathsAgreeWithTheGeneralOnes() {
        for heading in ["Action items (3)", "## 2. Real findings", "TL;DR", "Lockstep checklist — ship", "What we learned!", "Results: 04",
                        "2 Findings", "12", "1 2 3", "3rd finding", "  7  items ", "", "--", "Don't; stop", "4. 5. Follow-ups"] {
            #expect(TextScan.normalizedHeading(heading) == TextScan.normalizedUnicodeHeading(heading), "\(heading)")
        }
        #expect(SectionKind(heading: "Résumé — Action items") == nil)
        #expect(SectionKind(heading: "Action items — drill 04") == .actions)
        #expect(TaskItem.key(for: "Drill 05: RDS connection storm (next!)") == "drill 05 rds connection storm next")
        #expect(TaskItem.key(for: "Écrire le runbook — @sre") == "écrire le runbook sre")
    }

    /// Control characters never reach titles, items or the rendered log (they broke feed.xml).
    @Test func controlCharactersBecomeReplacementCharacters() throws {
        let drill = try TestSupport.drill("# Drill 9 bell\u{07} title\n\n## Action items\n\n- [ ] ring \u{1B}[31m red\n")
        #expect(drill.title == "Drill 9 bell\u{FFFD} title")
        #expect(drill.items.first?.text == "ring \u{FFFD}[31m red")
        #expect(!drill.html.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" && $0 != "\t" })
    }

    /// cmark 0.30 has no tables: pipe tables in a write-up are rendered as escaped HTML tables.
    @Test func pipeTablesRenderAsTablesWithEscapedCells() throws {
        let drill = try TestSupport.drill("""
            # Incident review: x

            ## Corrective actions

            | Action | Owner | Status |
            |---|---|---|
            | Fix <script>alert(1)</script> | @a | Done |
            | Keep p99 < 2s & "fast" | @b | Open |

            After the table.
            """)
        #expect(drill.html.contains("<div class=\"table-wrap\"><table>"))
        // Raw HTML is dropped as everywhere else; text is escaped.
        #expect(drill.html.contains("<td>Fix alert(1)</td>") && !drill.html.contains("<script"))
        #expect(drill.html.contains("<td>Keep p99 &lt; 2s &amp; &quot;fast&quot;</td>"))
        #expect(drill.html.contains("<p>After the table.</p>"))
        #expect(!drill.html.contains("| Action"))
        #expect(drill.items.first?.done == true && drill.items.first?.owner == "a")
    }
}
