import RiskregModel

/// Human formats shared by the site, reports and terminal output.
package enum TextFormat {
    package static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, abs(seconds) < 1e12 else { return "—" }
        let total = Int(seconds.rounded())
        if total < 60 { return "\(total)s" }
        if total < 3600 { return total % 60 == 0 ? "\(total / 60)m" : "\(total / 60)m \(total % 60)s" }
        return total % 3600 == 0 ? "\(total / 3600)h" : "\(total / 3600)h \(total % 3600 / 60)m"
    }

    package static func drillNumber(_ number: Int) -> String {
        number < 10 ? "0\(number)" : "\(number)"
    }

    /// "Drill 06" for a numbered drill, else the title (records without numbers are known by it).
    package static func shortName(_ drill: Drill) -> String { drill.shortName }

    /// A short name inside a sentence: "drill 04", or the title of a record without a number.
    package static func inlineName(_ shortName: String) -> String {
        shortName.hasPrefix("Drill ") ? "drill " + shortName.dropFirst(6) : shortName
    }

    /// "Drill 06 — Title" without the title's own repeat of the number, date or status
    /// (`Drill.displayName`); a record without a number by its title.
    package static func drillName(_ drill: Drill) -> String { drill.displayName }

    /// How a terminal table names a record: "04" for a numbered drill, else its id.
    package static func drillRef(_ drill: Drill) -> String {
        drill.number.map(drillNumber) ?? drill.id
    }

    package static func days(_ days: Int) -> String {
        days == 1 ? "1 day" : "\(days) days"
    }
}
