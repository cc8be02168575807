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

    /// A run of ASCII digits, a run of ASCII letters, or one other non-space character.
    private struct Token {
        var text: Substring
        var isNumber: Bool
        var isWord: Bool
    }

    private static func tokens(_ text: String) -> [Token] {
        var tokens: [Token] = []
        let utf8 = text.utf8
        func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }
        func isLetter(_ byte: UInt8) -> Bool { (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) }
        var index = utf8.startIndex
        while index < utf8.endIndex {
            let byte = utf8[index]
            if byte == 32 || byte == 9 || byte == 10 || byte == 13 || byte >= 0x80 {
                // Spaces and non-ASCII text (no date form needs it; a no-break space is a space).
                index = utf8.index(after: index)
                continue
            }
            var end = utf8.index(after: index)
            if isDigit(byte) {
                while end < utf8.endIndex, isDigit(utf8[end]) { end = utf8.index(after: end) }
            } else if isLetter(byte) {
                while end < utf8.endIndex, isLetter(utf8[end]) { end = utf8.index(after: end) }
            }
            tokens.append(Token(text: text[index..<end], isNumber: isDigit(byte), isWord: isLetter(byte)))
            index = end
        }
        return tokens
    }

    /// The earliest date in `text`, if any. A scan over word and number tokens (no regex: this
    /// runs for the first lines of every file).
    package static func first(in text: String) -> Finding? {
        // Every form has at least one digit; most lines of a write-up have none.
        guard text.utf8.contains(where: { $0 >= 48 && $0 <= 57 }) else { return nil }
        let tokens = tokens(text)
        func number(_ index: Int, digits: ClosedRange<Int>) -> Int? {
            guard index < tokens.count, tokens[index].isNumber, digits.contains(tokens[index].text.count) else { return nil }
            return Int(tokens[index].text)
        }
        func month(_ index: Int) -> Int? {
            guard index < tokens.count, tokens[index].isWord else { return nil }
            return months[tokens[index].text.lowercased()]
        }
        func symbol(_ index: Int, _ value: String) -> Bool { index < tokens.count && tokens[index].text == value }
        func literal(_ from: Int, _ to: Int) -> String {
            String(text[tokens[from].text.startIndex..<tokens[to].text.endIndex])
        }
        func skipping(_ index: Int, _ values: [String]) -> Int {
            var index = index
            for value in values where symbol(index, value) { index += 1 }
            return index
        }
        let ordinals: Set<String> = ["st", "nd", "rd", "th"]
        for start in tokens.indices {
            // 2025-10-23 and 2025-Mar-25.
            if let year = number(start, digits: 4...4), symbol(start + 1, "-"), symbol(start + 3, "-"),
                let day = number(start + 4, digits: 1...2)
            {
                if let monthNumber = number(start + 2, digits: 2...2), day >= 10 || tokens[start + 4].text.count == 2 {
                    return make(year: year, month: monthNumber, day: day, text: literal(start, start + 4))
                }
                if let monthNumber = month(start + 2) {
                    return make(year: year, month: monthNumber, day: day, text: literal(start, start + 4))
                }
            }
            // 14 May 2026, 26th March 2019, 2 Sept. 2026.
            if let day = number(start, digits: 1...2), start == 0 || !(tokens[start - 1].text == "/" || tokens[start - 1].text == "-") {
                var cursor = start + 1
                if cursor < tokens.count, tokens[cursor].isWord, ordinals.contains(tokens[cursor].text.lowercased()) { cursor += 1 }
                cursor = skipping(cursor, ["."])
                if let monthNumber = month(cursor) {
                    let yearIndex = skipping(cursor + 1, [".", ","])
                    if let year = number(yearIndex, digits: 4...4) {
                        return make(year: year, month: monthNumber, day: day, text: literal(start, yearIndex))
                    }
                }
            }
            // March 26th, 2019 and May 14 2026.
            if let monthNumber = month(start) {
                let dayIndex = skipping(start + 1, ["."])
                if let day = number(dayIndex, digits: 1...2) {
                    var cursor = dayIndex + 1
                    if cursor < tokens.count, tokens[cursor].isWord, ordinals.contains(tokens[cursor].text.lowercased()) { cursor += 1 }
                    let yearIndex = skipping(cursor, [","])
                    if let year = number(yearIndex, digits: 4...4) {
                        return make(year: year, month: monthNumber, day: day, text: literal(start, yearIndex))
                    }
                }
            }
            // 23/08/2025; 04/08/25 reads two ways.
            if let a = number(start, digits: 1...2), symbol(start + 1, "/"), let b = number(start + 2, digits: 1...2), symbol(start + 3, "/"),
                start == 0 || !symbol(start - 1, "/"), !symbol(start + 5, "/"),
                start + 4 < tokens.count, tokens[start + 4].isNumber, [2, 4].contains(tokens[start + 4].text.count),
                let year = Int(tokens[start + 4].text)
            {
                let text = literal(start, start + 4)
                if tokens[start + 4].text.count == 2 || (a <= 12 && b <= 12) { return .ambiguous(text) }
                return a > 12 ? make(year: year, month: b, day: a, text: text) : make(year: year, month: a, day: b, text: text)
            }
        }
        return nil
    }

    private static func make(year: Int?, month: Int?, day: Int?, text: String) -> Finding {
        guard let year, let month, let day, (1...12).contains(month), day >= 1, day <= Day.daysIn(month: month, year: year),
            (1900...9999).contains(year)
        else { return .invalid(text) }
        return .day(Day(year: year, month: month, day: day).iso, text: text)
    }
}
