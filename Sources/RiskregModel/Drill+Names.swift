extension Drill {
    /// "Drill 04" for a numbered drill, else the title (records without numbers are known by it).
    package var shortName: String {
        guard let number else { return title }
        return "Drill \(number < 10 ? "0" : "")\(number)"
    }

    /// The title without the leading words that repeat what is shown beside it everywhere: its
    /// date, its own name and a status word agreeing with its status ("2026-05-08 — Drill 04
    /// executed: ECS task stop" → "ECS task stop"). What follows a number badge or
    /// `shortName + " — "`; the whole title when nothing else is left.
    package var bareTitle: String {
        let rest = DrillTitle.remainder(of: title, number: number, date: date, statusWords: status.titleWords)
        return rest.isEmpty ? title : rest
    }

    /// Where `bareTitle` starts in `title`, in UTF-8 bytes: 0 for the whole title, the title's
    /// length when nothing but the prefix is there (`bareTitle` is then the whole title too).
    package var bareTitleStart: Int {
        DrillTitle.remainderStart(of: title, number: number, date: date, statusWords: status.titleWords)
    }

    /// The record's one name in links, page titles, the feed, reports and the terminal:
    /// "Drill 04 — ECS task stop" for a numbered drill (just "Drill 04" when its title says
    /// nothing more), the bare title for a record without a number.
    package var displayName: String {
        let rest = DrillTitle.remainder(of: title, number: number, date: date, statusWords: status.titleWords)
        guard number != nil else { return rest.isEmpty ? title : rest }
        return rest.isEmpty ? shortName : "\(shortName) — \(rest)"
    }
}

extension Drill.Status {
    /// Words a title may use for this status right after the drill's name ("Drill 05 plan: …").
    package var titleWords: Set<String> {
        switch self {
        case .executed: Self.executedWords
        case .planned: Self.plannedWords
        case .aborted: Self.abortedWords
        case .open, .resolved: []
        }
    }

    private static let executedWords: Set<String> = ["executed", "done", "complete", "completed", "run"]
    private static let plannedWords: Set<String> = ["planned", "plan", "scheduled", "draft"]
    private static let abortedWords: Set<String> = ["aborted", "abort", "abandoned", "cancelled", "canceled"]
}
