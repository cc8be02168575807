import RiskregModel

/// Finds the first date in a piece of text, in the forms people write near the top of a
/// write-up: `2025-10-23`, `2025-Mar-25`, `14 May 2026`, `Thursday 14 May 2026`,
/// `March 26th, 2019`, `23/08/2025`. A numeric `a/b/y` date is used only when it cannot be
/// read two ways (a 4-digit year and a part over 12).
package enum DateScan {
    package enum Finding: Equatable, Sendable {
        /// A real day, `YYYY-MM-DD`, and the text it was read from.
        case day(String, text: String)
        /// `04/08/25`: day and month cannot be told apart.
        case ambiguous(String)
        /// Shaped like a date but no such day (`2026-02-31`, `2026-13-45`).
        case invalid(String)
    }

    private static let months: [String: Int] = {
        let names = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
                     "november", "december"]
        var table: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            table[name] = index + 1
            table[String(name.prefix(3))] = index + 1
        }
        table["sept"] = 9
        return table
    }()

    /// The earliest date in `text`, if any.
    package static func first(in text: String) -> Finding? {
        var best: (offset: Int, finding: Finding)?
        func consider(_ offset: Int, _ finding: Finding?) {
            guard let finding, best.map({ offset < $0.offset }) ?? true else { return }
            best = (offset, finding)
        }
        func offset(_ range: Range<String.Index>) -> Int { text.distance(from: text.startIndex, to: range.lowerBound) }
        // Lookbehind is not supported by Swift's Regex: a leading group stands in for it and
        // the date itself is the first capture.
        if let match = text.firstMatch(of: #/(?:^|[^0-9])(([0-9]{4})-([0-9]{2})-([0-9]{2}))(?![0-9])/#) {
            consider(offset(match.output.1.startIndex..<match.output.1.endIndex), make(year: Int(match.output.2), month: Int(match.output.3), day: Int(match.output.4), text: String(match.output.1)))
        }
        if let match = text.firstMatch(of: #/(?i)(?:^|[^0-9])(([0-9]{4})-([a-z]{3,9})-([0-9]{1,2}))(?![0-9])/#),
            let month = months[match.output.3.lowercased()]
        {
            consider(offset(match.output.1.startIndex..<match.output.1.endIndex),
                     make(year: Int(match.output.2), month: month, day: Int(match.output.4), text: String(match.output.1)))
        }
        for match in text.matches(of: #/(?i)(?:^|[^0-9a-z])(([0-9]{1,2})(?:st|nd|rd|th)?\.? +([a-z]{3,9})\.?,? +([0-9]{4}))(?![0-9])/#) {
            guard let month = months[match.output.3.lowercased()] else { continue }
            consider(offset(match.output.1.startIndex..<match.output.1.endIndex),
                     make(year: Int(match.output.4), month: month, day: Int(match.output.2), text: String(match.output.1)))
            break
        }
        for match in text.matches(of: #/(?i)(?:^|[^a-z])(([a-z]{3,9})\.? +([0-9]{1,2})(?:st|nd|rd|th)?,? +([0-9]{4}))(?![0-9])/#) {
            guard let month = months[match.output.2.lowercased()] else { continue }
            consider(offset(match.output.1.startIndex..<match.output.1.endIndex),
                     make(year: Int(match.output.4), month: month, day: Int(match.output.3), text: String(match.output.1)))
            break
        }
        if let match = text.firstMatch(of: #/(?:^|[^0-9/])(([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}|[0-9]{2}))(?![0-9/])/#),
            let a = Int(match.output.2), let b = Int(match.output.3), let year = Int(match.output.4)
        {
            let literal = String(match.output.1)
            let at = offset(match.output.1.startIndex..<match.output.1.endIndex)
            if match.output.4.count == 2 || (a <= 12 && b <= 12) {
                consider(at, .ambiguous(literal))
            } else if a > 12 {
                consider(at, make(year: year, month: b, day: a, text: literal))
            } else {
                consider(at, make(year: year, month: a, day: b, text: literal))
            }
        }
        return best?.finding
    }

    private static func make(year: Int?, month: Int?, day: Int?, text: String) -> Finding {
        guard let year, let month, let day, (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year),
            (1900...9999).contains(year)
        else { return .invalid(text) }
        return .day(Day(year: year, month: month, day: day).iso, text: text)
    }
}
