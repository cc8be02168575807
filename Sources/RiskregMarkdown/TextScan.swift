import Foundation
import RiskregModel

extension String {
    /// Without leading and trailing spaces and tabs (Foundation's trimming is slow on Linux).
    package var trimmedSpaces: String {
        // Most text has nothing to trim: then it is itself, not a copy.
        if let first = utf8.first, let last = utf8.last, first != 32, first != 9, last != 32, last != 9 { return self }
        return Substring(self).trimmedSpaces
    }
}

extension Substring {
    /// Without leading and trailing spaces and tabs.
    package var trimmedSpaces: String {
        let bytes = utf8
        guard let first = bytes.firstIndex(where: { $0 != 32 && $0 != 9 }),
            let last = bytes.lastIndex(where: { $0 != 32 && $0 != 9 })
        else { return "" }
        return String(decoding: bytes[first...last], as: UTF8.self)
    }
}

/// Small scanners over plain text that cmark has already separated from code and markup.
package enum TextScan {
    // MARK: Byte answers to Character questions
    //
    // Swift compares strings by Characters under canonical equivalence, which is right and
    // slow. Each helper below answers from the UTF-8 bytes when they settle the question (ASCII
    // bytes are whole Characters unless a CR meets an LF, and no ASCII letter, digit or
    // punctuation used here has another canonical spelling), and asks the String otherwise.

    /// `text.hasPrefix(prefix)` for an ASCII `prefix`.
    package static func hasASCIIPrefix(_ text: Substring, _ prefix: StaticString) -> Bool {
        switch bytePrefix(text.utf8, prefix, lowercasing: false) {
        case true?: return true
        case false?: return false
        case nil: return text.hasPrefix(prefix.description)
        }
    }

    /// `text.lowercased().hasPrefix(prefix)` for a lowercase ASCII `prefix`.
    package static func lowercasedHasASCIIPrefix(_ text: Substring, _ prefix: StaticString) -> Bool {
        switch bytePrefix(text.utf8, prefix, lowercasing: true) {
        case true?: return true
        case false?: return false
        case nil: return text.lowercased().hasPrefix(prefix.description)
        }
    }

    /// `text.hasSuffix(suffix)` for an ASCII `suffix`.
    package static func hasASCIISuffix(_ text: Substring, _ suffix: StaticString) -> Bool {
        switch byteSuffix(text.utf8, suffix, lowercasing: false) {
        case true?: return true
        case false?: return false
        case nil: return text.hasSuffix(suffix.description)
        }
    }

    /// `text.lowercased().hasSuffix(suffix)` for a lowercase ASCII `suffix` with no `k`: no
    /// other character lowercases to one of its letters (the Kelvin sign becomes `k`).
    package static func lowercasedHasASCIISuffix(_ text: Substring, _ suffix: StaticString) -> Bool {
        switch byteSuffix(text.utf8, suffix, lowercasing: true) {
        case true?: return true
        case false?: return false
        case nil: return text.lowercased().hasSuffix(suffix.description)
        }
    }

    /// Whether `text` contains the ASCII `needle` as whole Characters, when the bytes settle it:
    /// false when the bytes do not occur, true when they occur between ASCII bytes (or the ends),
    /// nil otherwise (the caller then asks the String).
    package static func containsASCII(_ text: String, _ needle: StaticString) -> Bool? {
        let count = needle.utf8CodeUnitCount
        let bytes = text.utf8
        guard count > 0, bytes.count >= count else { return count == 0 ? nil : false }
        var undecided = false
        let found: Bool = bytes.withContiguousStorageIfAvailable { buffer -> Bool in
            let first = needle.utf8Start[0]
            var index = 0
            while index + count <= buffer.count {
                if buffer[index] == first, (1..<count).allSatisfy({ buffer[index + $0] == needle.utf8Start[$0] }) {
                    let before = index == 0 || buffer[index - 1] < 0x80
                    let after = index + count == buffer.count || buffer[index + count] < 0x80
                    if before && after { return true }
                    undecided = true
                }
                index += 1
            }
            return false
        } ?? { undecided = true; return false }()
        return found ? true : undecided ? nil : false
    }

    private static func lowerASCII(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }

    /// True or false when the bytes decide it, nil when a non-ASCII byte is involved.
    private static func bytePrefix<Bytes: Collection>(_ bytes: Bytes, _ prefix: StaticString, lowercasing: Bool) -> Bool?
    where Bytes.Element == UInt8 {
        var index = bytes.startIndex
        for offset in 0..<prefix.utf8CodeUnitCount {
            guard index < bytes.endIndex else { return false }
            let byte = bytes[index]
            if byte >= 0x80 { return nil }
            if (lowercasing ? lowerASCII(byte) : byte) != prefix.utf8Start[offset] { return false }
            index = bytes.index(after: index)
        }
        // The prefix ends a Character unless a non-ASCII scalar (a combining mark) follows.
        guard index < bytes.endIndex else { return true }
        return bytes[index] < 0x80 ? true : nil
    }

    private static func byteSuffix<Bytes: BidirectionalCollection>(_ bytes: Bytes, _ suffix: StaticString, lowercasing: Bool) -> Bool?
    where Bytes.Element == UInt8 {
        var index = bytes.endIndex
        var offset = suffix.utf8CodeUnitCount
        while offset > 0 {
            guard index > bytes.startIndex else { return false }
            index = bytes.index(before: index)
            offset -= 1
            let byte = bytes[index]
            if byte >= 0x80 { return nil }
            if (lowercasing ? lowerASCII(byte) : byte) != suffix.utf8Start[offset] { return false }
        }
        // The suffix starts a Character unless a non-ASCII scalar (a prepended mark) precedes it.
        guard index > bytes.startIndex else { return true }
        return bytes[bytes.index(before: index)] < 0x80 ? true : nil
    }

    /// The lines of `text`, split at every line feed (empty lines kept; a "\r" before the
    /// "\n" stays on its line). On bytes: `split(separator: "\n")` walks Characters, where
    /// "\r\n" is one Character and does not split at all.
    package static func lines(_ text: String, maxSplits: Int = .max) -> [Substring] {
        let utf8 = text.utf8
        var lines: [Substring] = []
        var start = utf8.startIndex
        var index = start
        while index != utf8.endIndex, lines.count < maxSplits {
            if utf8[index] == 10 {
                lines.append(Substring(utf8[start..<index]))
                start = utf8.index(after: index)
            }
            utf8.formIndex(after: &index)
        }
        lines.append(Substring(utf8[start...]))
        return lines
    }

    private static func isAlnum(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
            || byte == 95
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    /// Tokens shaped like risk or register ids: one capital letter and 1–4 digits, standing alone
    /// (`A10`, `B7`, `R20`; not `EC2`, `A10x`, `v2`).
    package static func idTokens(in text: String) -> [String] {
        Array(text.utf8).withUnsafeBufferPointer { idTokens(in: $0) }
    }

    /// The same, on UTF-8 bytes.
    package static func idTokens(in bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var tokens: [String] = []
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte >= 65 && byte <= 90, index == 0 || !isAlnum(bytes[index - 1]) {
                var end = index + 1
                while end < bytes.count, isDigit(bytes[end]) { end += 1 }
                let digits = end - index - 1
                if digits >= 1 && digits <= 4 && (end == bytes.count || !isAlnum(bytes[end])) {
                    tokens.append(String(decoding: bytes[index..<end], as: UTF8.self))
                }
                index = end
            } else {
                index += 1
            }
        }
        return tokens
    }

    /// Whether `text` is exactly one id token (`A10`).
    package static func isIDToken(_ text: String) -> Bool {
        idTokens(in: text) == [text]
    }

    /// The id token `text` starts with, and the rest after separators (`A10 — Chaos` → A10, Chaos).
    package static func leadingID(_ text: String) -> (id: String, rest: String)? {
        let trimmed = text.trimmedSpaces
        guard let first = idTokens(in: trimmed).first, trimmed.hasPrefix(first) else { return nil }
        var rest = Substring(trimmed.dropFirst(first.count))
        if let next = rest.first, next.isLetter || next.isNumber { return nil }
        rest = rest.drop { " \t—–-:.|".contains($0) }
        return (first, String(rest))
    }

    /// The first valid `YYYY-MM-DD` date in `text`.
    package static func firstDate(in text: String) -> String? {
        // The string's own bytes (a copy only for a small string): no array is made per call.
        var text = text
        return text.withUTF8 { bytes in
            guard bytes.count >= 10 else { return nil }
            var index = 0
            while index + 10 <= bytes.count {
                if index > 0, isDigit(bytes[index - 1]) {
                    index += 1
                    continue
                }
                let slice = bytes[index..<(index + 10)]
                if let date = isoDate(Array(slice)),
                    index + 10 == bytes.count || !isDigit(bytes[index + 10])
                {
                    return date
                }
                index += 1
            }
            return nil
        }
    }

    private static func isoDate(_ b: [UInt8]) -> String? {
        let text = String(decoding: b, as: UTF8.self)
        return Day.isISODate(text) ? text : nil
    }

    /// Whether `text` is a valid ISO date.
    package static func isISODate(_ text: String) -> Bool { Day.isISODate(text) }

    /// A drill number in a file name: `2026-05-08-drill-04-task-stop.md` → 4.
    package static func drillNumber(inFileName name: String) -> Int? { DrillTitle.number(inFileName: name) }

    /// A drill number in a title: "Drill 7 — …", "Game day #12", "DRILL-015".
    package static func drillNumber(inTitle title: String) -> Int? { DrillTitle.number(inTitle: title) }

    /// The number and unit a value starts with: `48.34s` → (48.34, "s"), `12,755` → (12755, nil),
    /// `18s to launch` → (18, "s"), `zero` → nil.
    package static func leadingNumber(_ value: String) -> (number: Double, unit: String?)? {
        if let answer = asciiLeadingNumber(value) { return answer }
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
            .trimmingCharacters(in: slashes)
        return (sign * number, unit.isEmpty || unit.count > 12 ? nil : unit)
    }

    private static let slashes = CharacterSet(charactersIn: "/")

    /// `leadingNumber` on bytes, for ASCII text without CR (one Character per byte): `.some`
    /// with its answer, or nil for other text.
    private static func asciiLeadingNumber(_ value: String) -> (number: Double, unit: String?)?? {
        // The string's own bytes (a copy only for a small string): no array is made per call.
        var value = value
        return value.withUTF8 { bytes -> (number: Double, unit: String?)?? in
            guard !bytes.contains(where: { $0 >= 0x80 || $0 == 13 }) else { return nil }
            func isLetter(_ byte: UInt8) -> Bool { (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) }
            var start = 0, end = bytes.count
            while start < end, bytes[start] == 32 || bytes[start] == 9 { start += 1 }
            while end > start, bytes[end - 1] == 32 || bytes[end - 1] == 9 { end -= 1 }
            var sign = 1.0
            var index = start
            if index < end, bytes[index] == 45 {
                sign = -1
                index += 1
            } else if index < end, bytes[index] == 126 {
                index += 1
                while index < end, bytes[index] == 32 { index += 1 }
            }
            var digits: [UInt8] = []
            var sawDot = false
            scan: while index < end {
                let byte = bytes[index]
                if isDigit(byte) {
                    digits.append(byte)
                } else if byte == 44, !sawDot, !digits.isEmpty {
                    guard index + 3 < end, isDigit(bytes[index + 1]), isDigit(bytes[index + 2]), isDigit(bytes[index + 3]),
                        index + 4 == end || !isDigit(bytes[index + 4])
                    else { break scan }
                } else if byte == 46, !sawDot, !digits.isEmpty {
                    guard index + 1 < end, isDigit(bytes[index + 1]) else { break scan }
                    sawDot = true
                    digits.append(46)
                } else {
                    break scan
                }
                index += 1
            }
            guard !digits.isEmpty, let number = Double(String(decoding: digits, as: UTF8.self)) else { return .some(nil) }
            if index < end, bytes[index] == 32 { index += 1 }
            var unitEnd = index
            while unitEnd < end, isLetter(bytes[unitEnd]) || bytes[unitEnd] == 37 || bytes[unitEnd] == 47 { unitEnd += 1 }
            while index < unitEnd, bytes[index] == 47 { index += 1 }
            while unitEnd > index, bytes[unitEnd - 1] == 47 { unitEnd -= 1 }
            let length = unitEnd - index
            return .some((sign * number, length == 0 || length > 12 ? nil : String(decoding: bytes[index..<unitEnd], as: UTF8.self)))
        }
    }

    /// The longest duration riskreg reads (a year): anything longer is a typo or an attack, and
    /// would not fit the integer arithmetic of the views.
    package static let maxSeconds = 366 * 86_400
    /// The longest cadence riskreg reads (ten years).
    package static let maxDays = 3_660

    /// Seconds in a duration such as `30s`, `1m15s`, `2 min`, `90 seconds`, `1.5h`, `75`; nil
    /// for no duration or one over `maxSeconds`.
    package static func seconds(in text: String) -> Double? {
        guard let total = unboundedSeconds(in: text), total.isFinite, total >= 0, total <= Double(maxSeconds) else { return nil }
        return total
    }

    private static func unboundedSeconds(in text: String) -> Double? {
        var rest = Substring(text.trimmedSpaces.lowercased())
        var total = 0.0
        var matched = false
        while let (number, unit) = leadingNumber(String(rest)) {
            let factor: Double
            switch unit ?? "s" {
            case "ms", "msec": factor = 0.001
            case "s", "sec", "secs", "second", "seconds": factor = 1
            case "m", "min", "mins", "minute", "minutes": factor = 60
            case "h", "hr", "hrs", "hour", "hours": factor = 3600
            case "d", "day", "days": factor = 86400
            default: return matched ? total : nil
            }
            total += number * factor
            matched = true
            // Skip past this number and unit to look for a compound part (1m15s).
            var cursor = rest.drop { $0.isNumber || $0 == "." || $0 == "," || $0 == " " }
            cursor = cursor.drop { $0.isLetter }
            rest = cursor.drop { $0 == " " }
            if rest.first?.isNumber != true { break }
        }
        return matched ? total : nil
    }

    /// Days in a cadence such as `90 days`, `quarterly`, `2 weeks`, `monthly`.
    package static func days(in text: String) -> Int? {
        let lower = text.lowercased().trimmedSpaces
        switch lower {
        case "weekly": return 7
        case "monthly": return 30
        case "quarterly": return 90
        case "yearly", "annually": return 365
        default: break
        }
        guard let (number, unit) = leadingNumber(lower) else { return nil }
        let days: Double
        switch unit ?? "days" {
        case "d", "day", "days": days = number
        case "w", "wk", "week", "weeks": days = number * 7
        case "month", "months", "mo": days = number * 30
        case "y", "year", "years": days = number * 365
        default: return nil
        }
        guard days.isFinite, days >= 1, days <= Double(maxDays) else { return nil }
        return Int(days)
    }

    /// The same for ASCII text, on bytes.
    private static func normalizedASCIIHeading(_ text: String) -> String {
        // Written straight into the result's storage: it is never longer than the text.
        String(unsafeUninitializedCapacity: text.utf8.count) { out in
            var count = 0
            var pendingSpace = false
            var firstSpace = -1
            for byte in text.utf8 {
                let lower = byte >= 65 && byte <= 90 ? byte + 32 : byte
                if (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) {
                    if pendingSpace, count > 0 {
                        if firstSpace < 0 { firstSpace = count }
                        out[count] = 32
                        count += 1
                    }
                    pendingSpace = false
                    out[count] = lower
                    count += 1
                } else if byte == 59 || byte == 39 {
                    continue
                } else {
                    pendingSpace = true
                }
            }
            // A leading number and its space go ("2 Findings" is "findings").
            if firstSpace >= 0, out[..<firstSpace].allSatisfy({ $0 >= 48 && $0 <= 57 }) {
                let rest = count - firstSpace - 1
                for index in 0..<rest { out[index] = out[firstSpace + 1 + index] }
                count = rest
            }
            return count
        }
    }

    /// Splits `Key: value` or `Key — value`. The key must hold a letter and be short.
    package static func keyValue(_ line: String) -> (key: String, value: String)? {
        // The string's own bytes (a copy only for a small string): no array is made per call.
        var line = line
        return line.withUTF8 { bytes -> (key: String, value: String)? in
            // The earliest separator: ":" or a spaced em dash, en dash or "--".
            var split: (start: Int, end: Int)?
            var index = 0
            search: while index < bytes.count {
                if bytes[index] == 58 {
                    split = (index, index + 1)
                    break
                }
                if bytes[index] == 32 {
                    for dash in keyValueDashes where index + dash.count <= bytes.count && bytes[index..<(index + dash.count)].elementsEqual(dash) {
                        split = (index, index + dash.count)
                        break search
                    }
                }
                index += 1
            }
            guard let split else { return nil }
            func trimmed(_ slice: Slice<UnsafeBufferPointer<UInt8>>) -> String {
                var slice = slice
                while let first = slice.first, first == 32 || first == 9 { slice.removeFirst() }
                while let last = slice.last, last == 32 || last == 9 { slice.removeLast() }
                return String(decoding: slice, as: UTF8.self)
            }
            let key = trimmed(bytes[..<split.start])
            let value = trimmed(bytes[split.end...])
            guard !key.isEmpty, !value.isEmpty, key.utf8.count <= 60 || key.count <= 60, containsLetter(key),
                !hasASCIIPrefix(Substring(value), "//")
            else { return nil }
            return (key, value)
        }
    }

    private static let keyValueDashes: [[UInt8]] = [Array(" — ".utf8), Array(" – ".utf8), Array(" -- ".utf8)]

    /// `text.contains(where: \.isLetter)`: an ASCII letter that starts its Character (after an
    /// ASCII byte or at the start) settles it.
    private static func containsLetter(_ text: String) -> Bool {
        var previousIsASCII = true
        for byte in text.utf8 {
            if previousIsASCII, (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) { return true }
            previousIsASCII = byte < 0x80
        }
        return text.utf8.contains { $0 >= 0x80 } && text.contains(where: { $0.isLetter })
    }

    /// The first `@name` handle in text (team handles like `@org/team` included).
    package static func firstOwner(in text: String) -> String? {
        guard text.utf8.contains(64) else { return nil }
        if let found = text.utf8.withContiguousStorageIfAvailable({ asciiFirstOwner(in: $0) }), let found { return found }
        var previous: Character = " "
        var index = text.startIndex
        while index < text.endIndex {
            let char = text[index]
            if char == "@", !(previous.isLetter || previous.isNumber) {
                let start = text.index(after: index)
                let name = text[start...].prefix { $0.isLetter || $0.isNumber || "-_/.".contains($0) }
                let trimmed = name.trimmingCharacters(in: ownerEnds)
                if !trimmed.isEmpty { return trimmed }
            }
            previous = char
            index = text.index(after: index)
        }
        return nil
    }

    /// `firstOwner` on bytes, for ASCII text (where a Character is a byte, and a letter or
    /// number is `A-Z`, `a-z` or `0-9`): `.some(nil)` when it has no owner, nil when the text
    /// is not ASCII.
    private static func asciiFirstOwner(in bytes: UnsafeBufferPointer<UInt8>) -> String?? {
        guard !bytes.contains(where: { $0 >= 0x80 }) else { return nil }
        func letterOrDigit(_ byte: UInt8) -> Bool { isAlnum(byte) && byte != 95 }
        var previous: UInt8 = 32
        for index in bytes.indices {
            let byte = bytes[index]
            if byte == 64, !letterOrDigit(previous) {
                var end = index + 1
                while end < bytes.count, isAlnum(bytes[end]) || bytes[end] == 45 || bytes[end] == 47 || bytes[end] == 46 {
                    end += 1
                }
                var start = index + 1
                while start < end, bytes[start] == 46 || bytes[start] == 47 { start += 1 }
                while end > start, bytes[end - 1] == 46 || bytes[end - 1] == 47 { end -= 1 }
                if start < end { return .some(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)) }
            }
            previous = byte
        }
        return .some(nil)
    }

    private static let ownerEnds = CharacterSet(charactersIn: "./")

    /// `due 2026-06-30`, `due: 2026-06-30`, `due by 2026-06-30` (any case).
    package static func dueDate(in text: String) -> String? {
        // The string's own bytes (a copy only for a small string): no array is made per call.
        var text = text
        return text.withUTF8 { bytes in
            func lower(_ byte: UInt8) -> UInt8 { byte >= 65 && byte <= 90 ? byte + 32 : byte }
            var index = 0
            while index + 3 <= bytes.count {
                if lower(bytes[index]) == 100, lower(bytes[index + 1]) == 117, lower(bytes[index + 2]) == 101,
                    index == 0 || !isAlnum(bytes[index - 1])
                {
                    var cursor = index + 3
                    while cursor < bytes.count, bytes[cursor] == 32 || bytes[cursor] == 58 { cursor += 1 }
                    for word in [[98, 121], [111, 110]] as [[UInt8]] where cursor + 3 <= bytes.count
                        && lower(bytes[cursor]) == word[0] && lower(bytes[cursor + 1]) == word[1] && bytes[cursor + 2] == 32
                    {
                        cursor += 3
                    }
                    if cursor + 10 <= bytes.count, let date = isoDate(Array(bytes[cursor..<(cursor + 10)])),
                        cursor + 10 == bytes.count || !isDigit(bytes[cursor + 10])
                    {
                        return date
                    }
                }
                index += 1
            }
            return nil
        }
    }

    /// `#221` style references.
    package static func references(in text: String) -> [String] {
        // The string's own bytes (a copy only for a small string): no array is made per call.
        var text = text
        return text.withUTF8 { bytes in
            var refs: [String] = []
            var index = 0
            while index < bytes.count {
                if bytes[index] == 35, index == 0 || !isAlnum(bytes[index - 1]) {
                    var end = index + 1
                    while end < bytes.count, isDigit(bytes[end]) { end += 1 }
                    if end > index + 1, end == bytes.count || !isAlnum(bytes[end]) {
                        refs.append(String(decoding: bytes[(index + 1)..<end], as: UTF8.self))
                    }
                    index = end
                } else {
                    index += 1
                }
            }
            return refs
        }
    }

    /// Whether a code span looks like a file path rather than code.
    package static func isPathLike(_ text: String) -> Bool {
        if let answer = asciiIsPathLike(text) { return answer }
        guard !text.isEmpty, text.count < 400, !text.contains(where: { $0.isWhitespace }),
            !text.contains("://"), !text.hasPrefix("-"), !text.contains("(")
        else { return false }
        if text.contains("/") { return text.contains(where: { $0.isLetter }) }
        guard let dot = text.lastIndex(of: "."), dot != text.startIndex else { return false }
        let ext = text[text.index(after: dot)...]
        return (1...5).contains(ext.count) && ext.allSatisfy { $0.isLetter || $0.isNumber }
            && text[..<dot].contains(where: { $0.isLetter })
    }

    /// `isPathLike` on bytes, for ASCII text without CR; nil for other text.
    private static func asciiIsPathLike(_ text: String) -> Bool? {
        let bytes = text.utf8
        guard bytes.count < 400, !bytes.contains(where: { $0 >= 0x80 || $0 == 13 }) else { return nil }
        func isLetter(_ byte: UInt8) -> Bool { (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122) }
        guard !bytes.isEmpty, !bytes.contains(where: { $0 == 32 || ($0 >= 9 && $0 <= 13) }),
            !bytes.contains(40), bytes.first != 45
        else { return false }
        let array = Array(bytes)
        if array.count >= 3, (0...(array.count - 3)).contains(where: { array[$0] == 58 && array[$0 + 1] == 47 && array[$0 + 2] == 47 }) {
            return false
        }
        if array.contains(47) { return array.contains(where: isLetter) }
        guard let dot = array.lastIndex(of: 46), dot != 0 else { return false }
        let ext = array[(dot + 1)...]
        return (1...5).contains(ext.count) && ext.allSatisfy { isLetter($0) || ($0 >= 48 && $0 <= 57) }
            && array[..<dot].contains(where: isLetter)
    }

    /// Heading text reduced to lowercase words for matching section names.
    ///
    /// Every name matched against it (section synonyms, status words, field keys) is ASCII, so
    /// non-ASCII characters count as separators: "Résumé" never needs to match anything.
    package static func normalizedHeading(_ text: String) -> String {
        normalizedASCIIHeading(text)
    }

    /// The Unicode-aware form, kept for reference by tests.
    package static func normalizedUnicodeHeading(_ text: String) -> String {
        var out = ""
        var pendingSpace = false
        for char in text.lowercased() {
            if char.isLetter || char.isNumber {
                if pendingSpace, !out.isEmpty { out.append(" ") }
                pendingSpace = false
                out.append(char)
            } else if char == ";" || char == "'" || char == "’" {
                continue
            } else {
                pendingSpace = true
            }
        }
        // Drop a leading section number ("2 findings" from "2. Findings").
        if let first = out.split(separator: " ").first, first.allSatisfy(\.isNumber), out.contains(" ") {
            out = String(out.dropFirst(first.count + 1))
        }
        return out
    }
}
