import Testing

@testable import RiskregModel
@testable import RiskregReport

/// A record's name and title never repeat its number, date or status (issue: "Drill 04 —
/// 2026-05-08 — Drill 04 executed…", "← Drill 03 — Drill 03 — …", "Drill 05 (planned): Drill 05 plan…").
@Suite struct DrillNameTests {
    func drill(_ title: String, number: Int?, date: String? = "2026-05-08", status: Drill.Status = .executed) -> Drill {
        Drill(id: number.map(String.init) ?? "x", number: number, date: date, title: title, status: status, environment: nil,
              declaredRisks: [], mentions: [], recoverySeconds: nil, summary: "", metrics: [], findings: [], items: [], html: "")
    }

    @Test func repeatedPrefixesAreStrippedOnce() {
        let cases: [(title: String, number: Int?, status: Drill.Status, bare: String, name: String)] = [
            ("2026-05-08 — Drill 04 executed: ECS task stop mid-SSE-stream", 4, .executed, "ECS task stop mid-SSE-stream", "Drill 04 — ECS task stop mid-SSE-stream"),
            ("Drill 03 — Provider key rotation mid-traffic", 3, .executed, "Provider key rotation mid-traffic", "Drill 03 — Provider key rotation mid-traffic"),
            ("Drill 05 plan: RDS connection storm", 5, .planned, "RDS connection storm", "Drill 05 — RDS connection storm"),
            ("Drill 06 executed — multi-AZ failover", 6, .executed, "multi-AZ failover", "Drill 06 — multi-AZ failover"),
            ("Drill 07 aborted: ECS agent stop", 7, .aborted, "ECS agent stop", "Drill 07 — ECS agent stop"),
            ("DRILL-015: Failover", 15, .executed, "Failover", "Drill 15 — Failover"),
            ("Game day #12 — Region loss", 12, .executed, "Region loss", "Drill 12 — Region loss"),
            ("Drill 4 - Task stop", 4, .executed, "Task stop", "Drill 04 — Task stop"),
            // Already bare, or naming something else: left alone.
            ("Redis WRONGPASS at boot", 2, .executed, "Redis WRONGPASS at boot", "Drill 02 — Redis WRONGPASS at boot"),
            ("Drill 3 follow-up", 4, .executed, "Drill 3 follow-up", "Drill 04 — Drill 3 follow-up"),
            ("Drill 40 — bigger", 4, .executed, "Drill 40 — bigger", "Drill 04 — Drill 40 — bigger"),
            // A status word is dropped only when it agrees with the status and ends the prefix.
            ("Drill 07 aborted: ECS agent stop", 7, .executed, "aborted: ECS agent stop", "Drill 07 — aborted: ECS agent stop"),
            ("Drill 08 executed successfully in prod", 8, .executed, "executed successfully in prod", "Drill 08 — executed successfully in prod"),
            // Nothing left: the title (bare) and the short name (name).
            ("Drill 04", 4, .executed, "Drill 04", "Drill 04"),
            ("2026-05-08 — Drill 04 executed", 4, .executed, "2026-05-08 — Drill 04 executed", "Drill 04"),
            // Records without a number are known by their title, less a leading copy of their date.
            ("2026-05-08 — DR test: NAT gateway loss", nil, .executed, "DR test: NAT gateway loss", "DR test: NAT gateway loss"),
            ("Incident review: checkout errors", nil, .resolved, "Incident review: checkout errors", "Incident review: checkout errors"),
        ]
        for item in cases {
            let record = drill(item.title, number: item.number, status: item.status)
            #expect(record.bareTitle == item.bare, "\(item.title)")
            #expect(record.displayName == item.name, "\(item.title)")
            #expect(TextFormat.drillName(record) == item.name, "\(item.title)")
            // A snapshot's record keeps where the bare title starts and gives the same names.
            let kept = RegisterSnapshot.DrillRecord(key: 1, drill: record, path: "p.md", risks: [], registers: [], items: [])
            #expect(kept.bareTitle == item.bare && kept.displayName == item.name, "\(item.title)")
        }
        let untitled = RegisterSnapshot.DrillRecord(key: 1, drill: drill("", number: nil), path: "p.md", risks: [], registers: [], items: [])
        #expect(untitled.bareTitle == "" && untitled.displayName == "")
    }
}
