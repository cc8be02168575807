import Foundation

/// Today's date as the register records it. `RISKREG_TODAY=YYYY-MM-DD` fixes it (tests, replays).
package enum Clock {
    package static func today() -> String {
        if let fixed = ProcessInfo.processInfo.environment["RISKREG_TODAY"], Day.isISODate(fixed) {
            return fixed
        }
        return Day(date: Date()).iso
    }

    /// Today as a `Day`.
    package static func day() -> Day {
        Day(today()) ?? Day(date: Date())
    }
}
