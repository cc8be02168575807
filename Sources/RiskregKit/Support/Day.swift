/// A calendar day (proleptic Gregorian, no time zone), with ISO-8601 week arithmetic.
struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01.
    var ordinal: Int

    init(ordinal: Int) { self.ordinal = ordinal }

    init?(_ iso: String?) {
        guard let iso, TextScan.isISODate(iso) else { return nil }
        let parts = iso.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 3 else { return nil }
        self.init(year: parts[0], month: parts[1], day: parts[2])
    }

    init(year: Int, month: Int, day: Int) {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146097 + doe - 719468
    }

    var components: (year: Int, month: Int, day: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    var iso: String {
        let (y, m, d) = components
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }

    var description: String { iso }

    /// 1 = Monday … 7 = Sunday.
    var weekday: Int { ((ordinal % 7) + 7 + 3) % 7 + 1 }

    func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }
    static func - (a: Day, b: Day) -> Int { a.ordinal - b.ordinal }
}

/// An ISO-8601 week, `2026-W19`: Monday to Sunday.
struct ISOWeek: Hashable, Comparable, Sendable, CustomStringConvertible {
    var year: Int
    var week: Int

    init(year: Int, week: Int) {
        self.year = year
        self.week = week
    }

    init(containing day: Day) {
        let thursday = day.adding(days: 4 - day.weekday)
        let year = thursday.components.year
        let firstThursdayWeekMonday = ISOWeek.mondayOfWeekOne(year)
        self.year = year
        self.week = (thursday - firstThursdayWeekMonday) / 7 + 1
    }

    /// Parses `2026-W19` (or `2026W19`).
    init?(_ text: String) {
        let parts = text.uppercased().replacingOccurrences(of: "-W", with: "W").split(separator: "W")
        guard parts.count == 2, let year = Int(parts[0]), let week = Int(parts[1]), (1000...9999).contains(year),
            week >= 1, week <= ISOWeek.weeks(in: year)
        else { return nil }
        self.init(year: year, week: week)
    }

    static func mondayOfWeekOne(_ year: Int) -> Day {
        let jan4 = Day(year: year, month: 1, day: 4)
        return jan4.adding(days: 1 - jan4.weekday)
    }

    static func weeks(in year: Int) -> Int {
        ISOWeek(containing: Day(year: year, month: 12, day: 28)).week
    }

    var monday: Day { ISOWeek.mondayOfWeekOne(year).adding(days: (week - 1) * 7) }
    var sunday: Day { monday.adding(days: 6) }
    var previous: ISOWeek { ISOWeek(containing: monday.adding(days: -7)) }
    var next: ISOWeek { ISOWeek(containing: monday.adding(days: 7)) }

    var description: String { "\(year)-W\(week < 10 ? "0" : "")\(week)" }

    static func < (a: ISOWeek, b: ISOWeek) -> Bool { (a.year, a.week) < (b.year, b.week) }
}
