import RiskregModel

/// `riskreg risks --json` and `riskreg risk ID --json`: a risk's export object plus where it
/// stands on the as-of day, from `RegisterAnalysis` (the same figures the site and reports show).
package struct RiskStandingJSON: Encodable {
    package var risk: ExportDocument.Risk
    package var asOf: String
    /// The newest drill that counts as drilling the risk (see `RegisterAnalysis.RiskStatus.executed`).
    package var lastDrilled: String?
    /// Ids of the counting drills, newest first.
    package var drilledBy: [String]
    /// "none", "exempt", "never-drilled", "due" or "overdue".
    package var cadence: String
    package var nextDue: String?
    package var overdue: Bool
    package var drilledInProduction: Bool
    package var expectedRecovery: String?
    package var recordedRecovery: Recovery?
    package var slowerThanExpected: Bool

    package struct Recovery: Encodable {
        package var seconds: Double
        package var text: String
        package var drill: String
    }

    private enum CodingKeys: String, CodingKey {
        case asOf, lastDrilled, drilledBy, cadence, nextDue, overdue, drilledInProduction, expectedRecovery, recordedRecovery, slowerThanExpected
    }

    package init(_ status: RegisterAnalysis.RiskStatus, risk: ExportDocument.Risk, asOf: Day) {
        self.risk = risk
        self.asOf = asOf.iso
        lastDrilled = status.lastDrilled?.iso
        drilledBy = status.executed.map(\.drill.id)
        switch status.cadence {
        case .none: cadence = "none"
        case .exempt: cadence = "exempt"
        case .neverDrilled: cadence = "never-drilled"
        case .due: cadence = "due"
        case .overdue: cadence = "overdue"
        }
        nextDue = status.nextDue?.iso
        overdue = status.isOverdue
        drilledInProduction = status.drilledInProduction
        expectedRecovery = status.expectedRecoveryText
        recordedRecovery = status.recordedRecovery.map { Recovery(seconds: $0.seconds, text: TextFormat.duration($0.seconds), drill: $0.id) }
        slowerThanExpected = status.slowerThanExpected
    }

    /// Every risk of the analysis, in register order.
    package static func all(_ analysis: RegisterAnalysis) -> [RiskStandingJSON] {
        let risks = ExportDocument(snapshot: analysis.snapshot).risks
        return zip(analysis.riskStatuses, risks).map { RiskStandingJSON($0, risk: $1, asOf: analysis.asOf) }
    }

    /// The risk's export fields, then the standing, in one object.
    package func encode(to encoder: any Encoder) throws {
        try risk.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(asOf, forKey: .asOf)
        try container.encode(lastDrilled, forKey: .lastDrilled)
        try container.encode(drilledBy, forKey: .drilledBy)
        try container.encode(cadence, forKey: .cadence)
        try container.encode(nextDue, forKey: .nextDue)
        try container.encode(overdue, forKey: .overdue)
        try container.encode(drilledInProduction, forKey: .drilledInProduction)
        try container.encode(expectedRecovery, forKey: .expectedRecovery)
        try container.encode(recordedRecovery, forKey: .recordedRecovery)
        try container.encode(slowerThanExpected, forKey: .slowerThanExpected)
    }
}
