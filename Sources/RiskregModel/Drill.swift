/// One record as its write-up describes it: a drill (drill, game day, DR test, chaos experiment,
/// exercise) or an incident review (post-mortem, outage, RCA, retro).
package struct Drill: Sendable, Equatable {
    /// Drills are executed, planned or aborted; an incident is open (still being worked:
    /// open, ongoing, investigating, monitoring) or resolved (the default for a written review).
    package enum Status: String, Sendable, CaseIterable {
        case executed, planned, aborted, open, resolved
    }

    /// The stable id: front matter `id:`, else the drill number, else a slug of the file name.
    package var id: String
    package var kind: RecordKind
    /// The number the author gave (`drill: 4`, `…-drill-04-…`, "Game day #12"); most write-ups have none.
    package var number: Int?
    /// ISO date `YYYY-MM-DD`, or nil when the log gives none.
    package var date: String?
    package var title: String
    package var status: Status
    /// `production`, `staging`, … when the log says; nil otherwise.
    package var environment: String?
    /// Risk ids the front matter names explicitly.
    package var declaredRisks: [String]
    /// Every risk-id-shaped token mentioned outside code, in first-mention order. Which of these
    /// are real risks is decided against the register at query time, so a risk added later links
    /// to logs imported earlier.
    package var mentions: [String]
    /// Recorded recovery time in seconds, from front matter `recovery:` or a recovery metric.
    package var recoverySeconds: Double?
    package var summary: String
    package var metrics: [Metric]
    package var findings: [Finding]
    package var items: [TaskItem]
    /// The whole log rendered by cmark.
    package var html: String

    package init(id: String, kind: RecordKind = .drill, number: Int?, date: String?, title: String, status: Status, environment: String?, declaredRisks: [String], mentions: [String], recoverySeconds: Double?, summary: String, metrics: [Metric], findings: [Finding], items: [TaskItem], html: String) {
        self.id = id
        self.kind = kind
        self.number = number
        self.date = date
        self.title = title
        self.status = status
        self.environment = environment
        self.declaredRisks = declaredRisks
        self.mentions = mentions
        self.recoverySeconds = recoverySeconds
        self.summary = summary
        self.metrics = metrics
        self.findings = findings
        self.items = items
        self.html = html
    }
}
