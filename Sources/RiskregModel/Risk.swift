/// One risk of a register document (`## A10 — Chaos Monkey: …`).
package struct Risk: Sendable, Equatable {
    package var id: String
    package var registerID: String
    package var title: String
    /// Description markdown rendered by cmark.
    package var descriptionHTML: String
    package var descriptionText: String
    /// `Rank: 1/10` → 1.
    package var rank: Int?
    package var likelihood: Int?
    package var impact: Int?
    package var owner: String?
    package var expectedRecovery: String?
    package var expectedRecoverySeconds: Double?
    package var verification: String?
    package var drillEveryDays: Int?
    package var status: String?
    /// Every `Key: value` field as written, known and unknown keys alike, in order.
    package var fields: [Field]
    package var line: Int
    package var path: String

    package init(id: String, registerID: String, title: String, descriptionHTML: String, descriptionText: String, rank: Int?, likelihood: Int?, impact: Int?, owner: String?, expectedRecovery: String?, expectedRecoverySeconds: Double?, verification: String?, drillEveryDays: Int?, status: String?, fields: [Field], line: Int, path: String) {
        self.id = id
        self.registerID = registerID
        self.title = title
        self.descriptionHTML = descriptionHTML
        self.descriptionText = descriptionText
        self.rank = rank
        self.likelihood = likelihood
        self.impact = impact
        self.owner = owner
        self.expectedRecovery = expectedRecovery
        self.expectedRecoverySeconds = expectedRecoverySeconds
        self.verification = verification
        self.drillEveryDays = drillEveryDays
        self.status = status
        self.fields = fields
        self.line = line
        self.path = path
    }

    package struct Field: Sendable, Equatable, Codable {
        package var key: String
        package var value: String

        package init(key: String, value: String) {
            self.key = key
            self.value = value
        }
    }

    package var score: Int? {
        guard let likelihood, let impact else { return nil }
        return likelihood * impact
    }
}
