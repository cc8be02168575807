/// One risk of a register document (`## A10 — Chaos Monkey: …`).
struct Risk: Sendable, Equatable {
    var id: String
    var registerID: String
    var title: String
    /// Description markdown rendered by cmark.
    var descriptionHTML: String
    var descriptionText: String
    /// `Rank: 1/10` → 1.
    var rank: Int?
    var likelihood: Int?
    var impact: Int?
    var owner: String?
    var expectedRecovery: String?
    var expectedRecoverySeconds: Double?
    var verification: String?
    var drillEveryDays: Int?
    var status: String?
    /// Every `Key: value` field as written, known and unknown keys alike, in order.
    var fields: [Field]
    var line: Int
    var path: String

    struct Field: Sendable, Equatable, Codable {
        var key: String
        var value: String
    }

    var score: Int? {
        guard let likelihood, let impact else { return nil }
        return likelihood * impact
    }
}
