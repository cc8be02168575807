import Foundation

/// A calendar day (proleptic Gregorian, no time zone), with ISO-8601 week arithmetic.
package struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01, in four bytes: a register of 50,000 records holds over a million
    /// days (each item's dates and history), and ±5.8 million years is range enough. Stored
    /// as it is read: sorts and reports in other modules read it millions of times, and a
    /// computed `Int` was a call each time (with the retains around it).
    package let ordinal: Int32

    /// Out-of-range ordinals clamp to the nearest day Int32 can hold.
    package init(ordinal: Int) { self.ordinal = Int32(clamping: ordinal) }

    /// Parses a strict `YYYY-MM-DD`: a day that does not exist (`2026-02-31`, `2026-13-45`) is nil,
    /// never rolled over into another month.
    package init?(_ iso: String?) {
        guard let iso, let parts = Day.parts(iso) else { return nil }
        self.init(year: parts.year, month: parts.month, day: parts.day)
    }

    /// The calendar day (UTC) a moment falls on.
    package init(date: Date) {
        self.init(ordinal: Int((date.timeIntervalSince1970 / 86_400).rounded(.down)))
    }

    /// Whether `text` is exactly a `YYYY-MM-DD` day that exists.
    package static func isISODate(_ text: String) -> Bool { parts(text) != nil }

    /// Year, month and day of a `YYYY-MM-DD` text naming a real day.
    package static func parts(_ text: String) -> (year: Int, month: Int, day: Int)? {
        let utf8 = text.utf8
        guard utf8.count == 10 else { return nil }
        var numbers = (0, 0, 0)
        for (offset, byte) in utf8.enumerated() {
            if offset == 4 || offset == 7 {
                guard byte == 45 else { return nil }
                continue
            }
            guard byte >= 48 && byte <= 57 else { return nil }
            let digit = Int(byte - 48)
            switch offset {
            case 0..<4: numbers.0 = numbers.0 * 10 + digit
            case 5..<7: numbers.1 = numbers.1 * 10 + digit
            default: numbers.2 = numbers.2 * 10 + digit
            }
        }
        let (year, month, day) = numbers
        guard (1...12).contains(month), day >= 1, day <= daysIn(month: month, year: year) else { return nil }
        return (year, month, day)
    }

    /// 28 to 31.
    package static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    package init(year: Int, month: Int, day: Int) {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        self.init(ordinal: era * 146097 + doe - 719468)
    }

    package var components: (year: Int, month: Int, day: Int) {
        let z = Int(ordinal) + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    package var iso: String {
        let (y, m, d) = components
        return "\(y)-\(m < 10 ? "0" : "")\(m)-\(d < 10 ? "0" : "")\(d)"
    }

    package var description: String { iso }

    /// 1 = Monday … 7 = Sunday.
    package var weekday: Int { ((Int(ordinal) % 7) + 7 + 3) % 7 + 1 }

    package func adding(days: Int) -> Day { Day(ordinal: Int(ordinal) + days) }

    package static func < (a: Day, b: Day) -> Bool { a.ordinal < b.ordinal }
    package static func - (a: Day, b: Day) -> Int { Int(a.ordinal) - Int(b.ordinal) }
}
