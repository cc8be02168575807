/// One chaos drill as its ship log describes it.
struct Drill: Sendable, Equatable {
    enum Status: String, Sendable, CaseIterable {
        case executed, planned, aborted
    }

    var number: Int
    /// ISO date `YYYY-MM-DD`, or nil when the log gives none.
    var date: String?
    var title: String
    var status: Status
    /// `production`, `staging`, … when the log says; nil otherwise.
    var environment: String?
    /// Risk ids the front matter names explicitly.
    var declaredRisks: [String]
    /// Every risk-id-shaped token mentioned outside code, in first-mention order. Which of these
    /// are real risks is decided against the register at query time, so a risk added later links
    /// to logs imported earlier.
    var mentions: [String]
    /// Recorded recovery time in seconds, from front matter `recovery:` or a recovery metric.
    var recoverySeconds: Double?
    var summary: String
    var metrics: [Metric]
    var findings: [Finding]
    var items: [TaskItem]
    /// The whole log rendered by cmark.
    var html: String
}
