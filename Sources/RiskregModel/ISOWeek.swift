/// An ISO-8601 week, `2026-W19`: Monday to Sunday.
package struct ISOWeek: Hashable, Comparable, Sendable, CustomStringConvertible {
    package var year: Int
    package var week: Int

    package init(year: Int, week: Int) {
        self.year = year
        self.week = week
    }

    package init(containing day: Day) {
        let thursday = day.adding(days: 4 - day.weekday)
        let year = thursday.components.year
        let firstThursdayWeekMonday = ISOWeek.mondayOfWeekOne(year)
        self.year = year
        self.week = (thursday - firstThursdayWeekMonday) / 7 + 1
    }

    /// Parses `2026-W19` (or `2026W19`).
    package init?(_ text: String) {
        let parts = text.uppercased().replacingOccurrences(of: "-W", with: "W").split(separator: "W")
        guard parts.count == 2, let year = Int(parts[0]), let week = Int(parts[1]), (1000...9999).contains(year),
            week >= 1, week <= ISOWeek.weeks(in: year)
        else { return nil }
        self.init(year: year, week: week)
    }

    package static func mondayOfWeekOne(_ year: Int) -> Day {
        let jan4 = Day(year: year, month: 1, day: 4)
        return jan4.adding(days: 1 - jan4.weekday)
    }

    package static func weeks(in year: Int) -> Int {
        ISOWeek(containing: Day(year: year, month: 12, day: 28)).week
    }

    package var monday: Day { ISOWeek.mondayOfWeekOne(year).adding(days: (week - 1) * 7) }
    package var sunday: Day { monday.adding(days: 6) }
    package var previous: ISOWeek { ISOWeek(containing: monday.adding(days: -7)) }
    package var next: ISOWeek { ISOWeek(containing: monday.adding(days: 7)) }

    package var description: String { "\(year)-W\(week < 10 ? "0" : "")\(week)" }

    package static func < (a: ISOWeek, b: ISOWeek) -> Bool { (a.year, a.week) < (b.year, b.week) }
}
