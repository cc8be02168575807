import Foundation

@testable import RiskregMarkdown
@testable import RiskregModel

/// The Character-based scanners as they were before their byte fast paths, kept so the fast
/// paths can be checked against them on random text (`TextFastPathTests`).
enum ReferenceScan {
    static let doneSymbols: Set<Character> = ["✅", "✔", "☑", "✔️", "☑️"]

    static func leadingNumber(_ value: String) -> (number: Double, unit: String?)? {
        var scalars = Substring(value.trimmedSpaces)
        var sign = 1.0
        if scalars.first == "-" || scalars.first == "−" {
            sign = -1
            scalars = scalars.dropFirst()
        } else if scalars.first == "~" || scalars.first == "≈" {
            scalars = scalars.dropFirst().drop { $0 == " " }
        }
        var digits = ""
        var index = scalars.startIndex
        var sawDot = false
        while index < scalars.endIndex {
            let char = scalars[index]
            if char.isASCII, char.isNumber {
                digits.append(char)
            } else if char == ",", !sawDot, !digits.isEmpty {
                let next = scalars.index(after: index)
                let group = scalars[next...].prefix(3)
                let after = scalars.index(next, offsetBy: 3, limitedBy: scalars.endIndex)
                guard group.count == 3, group.allSatisfy({ $0.isASCII && $0.isNumber }),
                    after.map({ $0 == scalars.endIndex || !scalars[$0].isNumber }) ?? true
                else { break }
            } else if char == ".", !sawDot, !digits.isEmpty {
                let next = scalars.index(after: index)
                guard next < scalars.endIndex, scalars[next].isASCII, scalars[next].isNumber else { break }
                sawDot = true
                digits.append(".")
            } else {
                break
            }
            index = scalars.index(after: index)
        }
        guard !digits.isEmpty, let number = Double(digits) else { return nil }
        var rest = scalars[index...]
        if rest.first == " " { rest = rest.dropFirst() }
        let unit = String(rest.prefix { $0.isLetter || $0 == "%" || $0 == "µ" || $0 == "/" })
            .trimmingCharacters(in: CharacterSet(charactersIn: "/"))
        return (sign * number, unit.isEmpty || unit.count > 12 ? nil : unit)
    }

    static func keyValue(_ line: String) -> (key: String, value: String)? {
        let bytes = Array(line.utf8)
        // The earliest separator: ":" or a spaced em dash, en dash or "--".
        var split: (start: Int, end: Int)?
        let dashes: [[UInt8]] = [Array(" — ".utf8), Array(" – ".utf8), Array(" -- ".utf8)]
        var index = 0
        search: while index < bytes.count {
            if bytes[index] == 58 {
                split = (index, index + 1)
                break
            }
            if bytes[index] == 32 {
                for dash in dashes where index + dash.count <= bytes.count && Array(bytes[index..<(index + dash.count)]) == dash {
                    split = (index, index + dash.count)
                    break search
                }
            }
            index += 1
        }
        guard let split else { return nil }
        func trimmed(_ slice: ArraySlice<UInt8>) -> String {
            var slice = slice
            while let first = slice.first, first == 32 || first == 9 { slice.removeFirst() }
            while let last = slice.last, last == 32 || last == 9 { slice.removeLast() }
            return String(decoding: slice, as: UTF8.self)
        }
        let key = trimmed(bytes[..<split.start])
        let value = trimmed(bytes[split.end...])
        guard !key.isEmpty, !value.isEmpty, key.count <= 60, key.contains(where: { $0.isLetter }),
            !value.hasPrefix("//")
        else { return nil }
        return (key, value)
    }

    static func isPathLike(_ text: String) -> Bool {
        guard !text.isEmpty, text.count < 400, !text.contains(where: { $0.isWhitespace }),
            !text.contains("://"), !text.hasPrefix("-"), !text.contains("(")
        else { return false }
        if text.contains("/") { return text.contains(where: { $0.isLetter }) }
        guard let dot = text.lastIndex(of: "."), dot != text.startIndex else { return false }
        let ext = text[text.index(after: dot)...]
        return (1...5).contains(ext.count) && ext.allSatisfy { $0.isLetter || $0.isNumber }
            && text[..<dot].contains(where: { $0.isLetter })
    }

    static func clean(_ input: String) -> (text: String, done: Bool, owner: String?) {
        var text = Substring(input.trimmedSpaces)
        var done = false
        var owner: String?
        func trim() { text = Substring(text.trimmedSpaces) }
        while let first = text.first, doneSymbols.contains(first) || first == "\u{FE0F}" {
            if first != "\u{FE0F}" { done = true }
            text = text.dropFirst()
            trim()
        }
        while let last = text.last, doneSymbols.contains(last) || last == "\u{FE0F}" {
            if last != "\u{FE0F}" { done = true }
            text = text.dropLast()
            trim()
        }
        if text.hasSuffix("]"), let open = text.lastIndex(of: "[") {
            let inside = text[text.index(after: open)..<text.index(before: text.endIndex)]
            let names = inside.split(separator: ",").map(\.trimmedSpaces)
            if !names.isEmpty, names.allSatisfy({ name in
                name.first?.isLetter == true && name.allSatisfy { $0.isLetter || $0.isNumber || " ._-".contains($0) }
            }), inside.lowercased() != "x" {
                owner = names[0]
                text = text[..<open]
                trim()
            }
        }
        for suffix in ["(done)", "(completed)", "(complete)"] where text.lowercased().hasSuffix(suffix) {
            done = true
            text = text.dropLast(suffix.count)
            trim()
        }
        if text.hasPrefix("Done:") || text.hasPrefix("DONE:") {
            done = true
            text = text.dropFirst(5)
            trim()
        } else if text.hasPrefix("DONE"), text.dropFirst(4).first.map({ !$0.isLetter && !$0.isNumber }) ?? true {
            done = true
            text = text.dropFirst(4).drop { $0 == " " || $0 == "-" || $0 == "—" || $0 == "–" }
            trim()
        }
        let collapsed = text.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" }).joined(separator: " ")
        return (collapsed, done, owner)
    }

    static func cleanTitle(_ text: String) -> String {
        var title = Substring(text.trimmedSpaces)
        if title.lowercased().hasPrefix("finding") {
            let rest = title.dropFirst("finding".count).drop { $0 == " " }
            let digits = rest.prefix { $0.isNumber }
            if !digits.isEmpty {
                title = rest.dropFirst(digits.count).drop { " :.)—–-".contains($0) }
            }
        }
        let number = title.prefix { $0.isNumber }
        if !number.isEmpty, let next = title.dropFirst(number.count).first, next == "." || next == ")" {
            title = title.dropFirst(number.count + 1)
        }
        let strip: Set<Character> = [" ", ".", ":", "—", "–"]
        return String(title.drop { strip.contains($0) }.reversed().drop { strip.contains($0) }.reversed())
    }

    static func recordKind(words text: String) -> RecordKind? {
        let words = text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        let drillWords: Set<String> = ["drill", "drills", "chaos", "exercise", "exercises", "tabletop", "gameday", "gamedays"]
        let incidentWords: Set<String> = ["incident", "incidents", "postmortem", "postmortems", "outage", "outages", "rca",
                                          "retro", "retros", "retrospective", "retrospectives"]
        for (index, word) in words.enumerated() {
            let next = index + 1 < words.count ? words[index + 1] : ""
            if drillWords.contains(word) { return .drill }
            if incidentWords.contains(word) { return .incident }
            if word == "game" && (next == "day" || next == "days") { return .drill }
            if word == "dr" && (next == "test" || next == "tests") { return .drill }
            if word == "disaster" && next == "recovery" { return .drill }
            if word == "post" && (next == "mortem" || next == "mortems") { return .incident }
            if word == "root" && next == "cause" && index + 2 < words.count && words[index + 2] == "analysis" { return .incident }
        }
        return nil
    }

    static func key(for text: String) -> String {
        // ASCII fast path, same result as the general one below.
        if text.utf8.allSatisfy({ $0 < 128 }) {
            var out: [UInt8] = []
            out.reserveCapacity(text.utf8.count)
            var lastWasSpace = true
            for byte in text.utf8 {
                let lower = byte >= 65 && byte <= 90 ? byte + 32 : byte
                if (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) {
                    out.append(lower)
                    lastWasSpace = false
                } else if !lastWasSpace {
                    out.append(32)
                    lastWasSpace = true
                }
            }
            while out.last == 32 { out.removeLast() }
            return String(decoding: out, as: UTF8.self)
        }
        var key = ""
        var lastWasSpace = true
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                key.unicodeScalars.append(scalar)
                lastWasSpace = false
            } else if !lastWasSpace {
                key += " "
                lastWasSpace = true
            }
        }
        while key.hasSuffix(" ") { key.removeLast() }
        return key
    }

    /// `@name` handles as `TextScan.owners(in:)` found them, walking Characters.
    static func owners(in text: String) -> [String] {
        var owners: [String] = []
        var previous: Character = " "
        var index = text.startIndex
        while index < text.endIndex {
            let char = text[index]
            if char == "@", !(previous.isLetter || previous.isNumber) {
                let start = text.index(after: index)
                let name = text[start...].prefix { $0.isLetter || $0.isNumber || "-_/.".contains($0) }
                let trimmed = name.trimmingCharacters(in: CharacterSet(charactersIn: "./"))
                if !trimmed.isEmpty { owners.append(trimmed) }
            }
            previous = char
            index = text.index(after: index)
        }
        return owners
    }

    /// A title's status words as `RecordParser` read them, through a set of its words.
    static func titleStatus(_ title: String) -> Drill.Status? {
        let words = Set(TextScan.normalizedHeading(title).split(separator: " ").map(String.init))
        if !words.isDisjoint(with: ["aborted", "abort", "abandoned", "cancelled"]) { return .aborted }
        if !words.isDisjoint(with: ["executed", "completed", "complete"]) { return .executed }
        if !words.isDisjoint(with: ["planned", "plan", "scheduled"]) { return .planned }
        return nil
    }
}
