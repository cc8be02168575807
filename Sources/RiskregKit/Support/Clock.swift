import Foundation

/// Today's date as the register records it. `RISKREG_TODAY=YYYY-MM-DD` fixes it (tests, replays).
enum Clock {
    static func today() -> String {
        if let fixed = ProcessInfo.processInfo.environment["RISKREG_TODAY"], TextScan.isISODate(fixed) {
            return fixed
        }
        return FrontMatter.isoDay(Date())
    }
}
