/// Open action items per owner ("@sre", or "unassigned"): how many, how many overdue, the
/// oldest age: the weekly report's owner table (`WeeklyReportPass` counts the same on integers;
/// `WeeklyReportPassTests` holds the two to the same result).
package struct OwnerTally {
    private var byOwner: [String: (open: Int, overdue: Int, oldest: Int)] = [:]

    package init() {}

    package mutating func add(_ item: RegisterAnalysis.OpenItem) {
        let owner = item.owner.map { "@" + $0 } ?? "unassigned"
        var entry = byOwner[owner, default: (0, 0, 0)]
        entry.open += 1
        entry.overdue += item.isOverdue ? 1 : 0
        entry.oldest = max(entry.oldest, item.ageDays ?? 0)
        byOwner[owner] = entry
    }

    /// Most overdue first, then most open, then by name.
    package var rows: [(owner: String, open: Int, overdue: Int, oldestDays: Int)] {
        byOwner.map { (owner: $0.key, open: $0.value.open, overdue: $0.value.overdue, oldestDays: $0.value.oldest) }
            .sorted { ($0.overdue, $0.open, $1.owner) > ($1.overdue, $1.open, $0.owner) }
    }
}
