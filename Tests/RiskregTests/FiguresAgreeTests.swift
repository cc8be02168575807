import Foundation
import Testing

@testable import RiskregModel
@testable import RiskregReport

/// One truth: the CLI, `status`, the weekly report and the site say the same about the same
/// register on the same day. `Fixtures/figures` has a planned future drill, an aborted drill, an
/// accepted risk (never drilled and drilled), a lapsed cadence and a newest drill without a
/// recovery time; the example register is checked the same way.
@Suite(.serialized) struct FiguresAgreeTests {
    static let today = ["RISKREG_TODAY": "2026-11-21"]

    /// A page's text without tags, whitespace collapsed: the checks do not depend on markup.
    private func text(_ html: String) -> String {
        var out = "", inTag = false
        for character in html {
            if character == "<" { inTag = true; out.append(" "); continue }
            if character == ">" { inTag = false; continue }
            if !inTag { out.append(character) }
        }
        return out.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    }

    private func json(_ run: TestSupport.Run) throws -> Any {
        #expect(run.status == 0, "\(run.stderr)")
        return try JSONSerialization.jsonObject(with: Data(run.stdout.utf8))
    }

    @Test func definitionsOnTheFiguresFixture() throws {
        let folder = try TestSupport.copyFixture("figures")
        try TestSupport.run(["import", "."], in: folder, environment: Self.today)
        let risks = try json(TestSupport.run(["risks", "--json"], in: folder, environment: Self.today)) as? [[String: Any]] ?? []
        let byID = Dictionary(uniqueKeysWithValues: risks.map { ($0["id"] as? String ?? "", $0) })
        func field(_ id: String, _ key: String) -> Any? { byID[id]?[key] ?? nil }

        // A planned drill in the future and an aborted drill do not count as drilling.
        #expect(field("F1", "lastDrilled") is NSNull && field("F1", "cadence") as? String == "never-drilled")
        #expect(field("F2", "lastDrilled") is NSNull && field("F2", "overdue") as? Bool == false)
        // Accepted risks are exempt from cadence, drilled or not, whatever the case of the status.
        #expect(field("F3", "cadence") as? String == "exempt" && field("F3", "overdue") as? Bool == false)
        #expect(field("F6", "cadence") as? String == "exempt" && field("F6", "lastDrilled") as? String == "2026-01-10")
        // A lapsed cadence is overdue since the day the next drill was due.
        #expect(field("F4", "overdue") as? Bool == true && field("F4", "nextDue") as? String == "2026-02-09")
        #expect(field("F4", "expectedRecovery") as? String == "1m" && field("F4", "slowerThanExpected") as? Bool == true)
        // The newest drill recorded no recovery: drill 01's six minutes do not stand in for it.
        #expect(field("F5", "lastDrilled") as? String == "2026-11-10")
        #expect(field("F5", "recordedRecovery") is NSNull && field("F5", "slowerThanExpected") as? Bool == false)

        let table = try TestSupport.run(["risks"], in: folder, environment: Self.today).stdout
        #expect(table.contains("overdue since 2026-02-09"))
        #expect(table.components(separatedBy: "exempt (accepted)").count - 1 == 2)
        #expect(!table.contains("2026-11-26") && !table.contains("2026-11-19"), "planned/aborted days shown as last drilled:\n\(table)")

        // The weekly report (CLI), status and the site agree on every count.
        let report = try json(TestSupport.run(["report", "weekly", "--week", "2026-W47", "--format", "json"], in: folder, environment: Self.today)) as? [String: Any]
        let status = try json(TestSupport.run(["status", "--json"], in: folder, environment: Self.today)) as? [String: Any]
        let counts = report?["counts"] as? [String: Int] ?? [:]
        #expect(report?["until"] as? String == "2026-11-21")
        #expect(counts["openActions"] == 3 && counts["overdueActions"] == 1, "\(counts)")
        #expect(counts["overdueRisks"] == 1 && counts["neverDrilled"] == 3 && counts["slowRecovery"] == 1, "\(counts)")
        #expect(counts["incompleteChecklists"] == 1 && counts["drillsPlanned"] == 0, "\(counts)")
        #expect(status?["counts"] as? [String: Int] == counts)
        #expect(report?["overdueRisks"] as? [String] == ["F4"])

        let site = try TestSupport.run(["build", "-o", "site", "--templates", TestSupport.packageRoot.appendingPathComponent("templates").path], in: folder, environment: Self.today)
        #expect(site.status == 0, "\(site.stderr)")
        func page(_ path: String) throws -> String { text(try String(contentsOf: folder.appendingPathComponent("site/" + path), encoding: .utf8)) }
        let home = try page("index.html")
        #expect(home.contains("3 open action items · 1 overdue"), "\(home)")
        #expect(home.contains("F4 Drilled once, long ago: overdue 1m 6m · slower"), "\(home)")
        // Drill 03's two steps, one ticked; drill 05's step is planned work, not counted.
        #expect(home.contains("1/2 checklist steps done in executed drills"), "\(home)")
        let items = try page("items.html")
        #expect(items.contains("3 open action items, 1 overdue ; 1 checklist steps not ticked"), "\(items)")
        let riskList = try page("risks/index.html")
        #expect(riskList.components(separatedBy: "overdue since").count - 1 == 1)
        #expect(try page("risks/F1.html").contains("never last drilled"))
        #expect(try page("risks/F2.html").contains("never last drilled"))
        // The site's page for the week carries the CLI report's headline, word for word.
        let headline = try #require(report?["headline"] as? String)
        #expect(try page("reports/index.html").contains(headline))
    }

    @Test func aPastWeeksReportDoesNotChangeWithTheDay() throws {
        let folder = try TestSupport.copyFixture("figures")
        try TestSupport.run(["import", "."], in: folder, environment: Self.today)
        let args = ["report", "weekly", "--week", "2026-W46"]
        let then = try TestSupport.run(args, in: folder, environment: Self.today)
        let later = try TestSupport.run(args, in: folder, environment: ["RISKREG_TODAY": "2027-03-01"])
        #expect(then.status == 0 && then.stdout == later.stdout)
        #expect(then.stdout.contains("2026-11-09 – 2026-11-15") || then.stdout.contains("2026-11-15"))
        let future = try TestSupport.run(["report", "weekly", "--week", "2026-W50"], in: folder, environment: Self.today)
        #expect(future.status == 1 && future.stderr.contains("2026-W50 has not started yet"))
    }

    /// The example register: the figures the issue found disagreeing.
    @Test func exampleRegisterAgreesWithItself() throws {
        let folder = try TestSupport.temporaryFolder("example")
        try FileManager.default.copyItem(at: TestSupport.packageRoot.appendingPathComponent("register"), to: folder.appendingPathComponent("register"))
        try? FileManager.default.removeItem(at: folder.appendingPathComponent("register/riskreg.db"))
        try TestSupport.run(["import", "register"], in: folder, environment: Self.today)
        let risks = try json(TestSupport.run(["risks", "--json"], in: folder, environment: Self.today)) as? [[String: Any]] ?? []
        let byID = Dictionary(uniqueKeysWithValues: risks.map { ($0["id"] as? String ?? "", $0) })
        #expect(byID["A14"]?["lastDrilled"] is NSNull, "A14's only drill is planned for 2026-11-26")
        #expect(byID["A18"]?["lastDrilled"] is NSNull, "A18's only drill was aborted")
        #expect(byID["A17"]?["overdue"] as? Bool == false && byID["C1"]?["overdue"] as? Bool == false)
        #expect(byID["A10"]?["slowerThanExpected"] as? Bool == false, "drill 04, the newest, recovered cleanly")
        #expect(byID["A12"]?["expectedRecovery"] as? String == "1m")

        let status = try json(TestSupport.run(["status", "--json"], in: folder, environment: Self.today)) as? [String: Any]
        let counts = status?["counts"] as? [String: Int] ?? [:]
        try TestSupport.run(["build", "-o", "site", "--templates", TestSupport.packageRoot.appendingPathComponent("templates").path], in: folder, environment: Self.today)
        let home = text(try String(contentsOf: folder.appendingPathComponent("site/index.html"), encoding: .utf8))
        let items = text(try String(contentsOf: folder.appendingPathComponent("site/items.html"), encoding: .utf8))
        let open = try #require(counts["openActions"])
        #expect(home.contains("\(open) open action items"), "\(home)")
        #expect(items.contains("As of 2026-11-21 : \(open) open action items"), "\(items)")
        let overdueRisks = try #require(counts["overdueRisks"])
        let riskList = try String(contentsOf: folder.appendingPathComponent("site/risks/index.html"), encoding: .utf8)
        #expect(riskList.components(separatedBy: "overdue since").count - 1 == overdueRisks)
        // Previous/next follow the dates: the un-numbered DR test (2026-10-14) sits between
        // drill 04 (2026-05-08) and drill 06 (2026-11-17).
        let dr = try String(contentsOf: folder.appendingPathComponent("site/drills/dr-test-nat-gateway-loss.html"), encoding: .utf8)
        #expect(dr.contains("rel=\"prev\" href=\"../drills/4.html\"") && dr.contains("rel=\"next\" href=\"../drills/6.html\""))
        let report = try TestSupport.run(["report", "weekly", "--week", "2026-W47"], in: folder, environment: Self.today)
        #expect(report.stdout.contains("2026-11-21") && !report.stdout.contains("2026-11-22"), "\(report.stdout)")
    }
}
