/// How a file name or title names its drill: `…-drill-04-…`, "Drill 7 — …", "Game day #12".
package enum DrillTitle {
    private static func isAlnum(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
            || byte == 95
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    /// A drill number in a file name: `2026-05-08-drill-04-task-stop.md` → 4.
    package static func number(inFileName name: String) -> Int? {
        numberAfter(keywords: fileNameKeywords, in: name.lowercased(), allowHash: false)
    }

    /// A drill number in a title: "Drill 7 — …", "Game day #12", "DRILL-015".
    package static func number(inTitle title: String) -> Int? {
        numberAfter(keywords: titleKeywords, in: title.lowercased(), allowHash: true)
    }

    /// The words a drill's number follows, as bytes made once (not per title).
    private static let titleKeywords = ["drill", "game day", "gameday", "game-day"].map { Array($0.utf8) }
    private static let fileNameKeywords = [Array("drill".utf8)]

    private static func numberAfter(keywords: [[UInt8]], in text: String, allowHash: Bool) -> Int? {
        let bytes = Array(text.utf8)
        for key in keywords {
            var index = 0
            while index + key.count <= bytes.count {
                if index == 0 || !isAlnum(bytes[index - 1]) || isDigit(bytes[index - 1]),
                    let found = name(key, at: index, in: bytes, allowHash: allowHash)
                {
                    return found.number
                }
                index += 1
            }
        }
        return nil
    }

    /// `key` (lowercase) at `index` of lowercased `bytes`, then up to two separators and a number
    /// of at most six digits not followed by a letter: "drill 04", "game day #12", "drill-015".
    private static func name(_ key: [UInt8], at index: Int, in bytes: [UInt8], allowHash: Bool) -> (number: Int, end: Int)? {
        guard index + key.count <= bytes.count, bytes[index..<(index + key.count)].elementsEqual(key) else { return nil }
        var cursor = index + key.count
        var separators = 0
        while cursor < bytes.count, separators < 2,
            bytes[cursor] == 32 || bytes[cursor] == 45 || bytes[cursor] == 95 || (allowHash && bytes[cursor] == 35)
        {
            cursor += 1
            separators += 1
        }
        var end = cursor
        while end < bytes.count, isDigit(bytes[end]) { end += 1 }
        guard end > cursor, end - cursor <= 6,
            end == bytes.count || !(bytes[end] >= 97 && bytes[end] <= 122) || bytes[end] == 45,
            let number = Int(String(decoding: bytes[cursor..<end], as: UTF8.self))
        else { return nil }
        return (number, end)
    }

    /// What separates a title's leading parts: "2026-05-08 — Drill 04 executed: …".
    private static let separators: [[UInt8]] = [" ", "\t", ":", "-", "|", ",", "—", "–", "·"].map { Array($0.utf8) }

    private static func skipSeparators(_ bytes: [UInt8], from start: Int) -> Int {
        var cursor = start
        while let separator = separators.first(where: { bytes[cursor...].starts(with: $0) }) { cursor += separator.count }
        return cursor
    }

    /// What is left of `title` once its leading words that repeat the record's other facts are
    /// gone: a copy of `date`, the drill's own name when it carries `number` ("Drill 04",
    /// "Game day #4", "DRILL-004"), then one of `statusWords` ending the prefix, each with the
    /// separators after it. "2026-05-08 — Drill 04 executed: ECS task stop" → "ECS task stop".
    /// Empty when nothing else is left; the title unchanged when it does not start that way.
    package static func remainder(of title: String, number: Int?, date: String?, statusWords: Set<String>) -> String {
        let start = remainderStart(of: title, number: number, date: date, statusWords: statusWords)
        return start == 0 ? title : String(decoding: title.utf8.dropFirst(start), as: UTF8.self)
    }

    /// Where `remainder` starts in `title`, in UTF-8 bytes (the title's length when nothing is
    /// left): a record keeps this, not a second string.
    package static func remainderStart(of title: String, number: Int?, date: String?, statusWords: Set<String>) -> Int {
        // ASCII-only lowercasing keeps byte offsets, so a cut here is a cut in `title`.
        let original = Array(title.utf8)
        let bytes = original.map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        var cursor = 0
        var (dated, named) = (false, false)
        while true {
            if !dated, let date = date.map({ Array($0.utf8) }), bytes[cursor...].starts(with: date),
                cursor + date.count == bytes.count || !isAlnum(bytes[cursor + date.count])
            {
                cursor = skipSeparators(bytes, from: cursor + date.count)
                dated = true
            } else if !named, let number,
                let found = titleKeywords.lazy.compactMap({ name($0, at: cursor, in: bytes, allowHash: true) }).first,
                found.number == number
            {
                cursor = skipSeparators(bytes, from: found.end)
                named = true
                if let end = statusWord(at: cursor, in: bytes, statusWords) { cursor = skipSeparators(bytes, from: end) }
            } else {
                break
            }
        }
        return cursor
    }

    /// The end of a word of `words` at `start` that ends a title's prefix: the title's end or
    /// punctuation follows it ("plan: …", "executed — …"), not more words ("executed successfully")
    /// or a hyphen joining it to the next one ("plan-b").
    private static func statusWord(at start: Int, in bytes: [UInt8], _ words: Set<String>) -> Int? {
        var end = start
        while end < bytes.count, bytes[end] >= 97 && bytes[end] <= 122 { end += 1 }
        guard end > start, words.contains(String(decoding: bytes[start..<end], as: UTF8.self)) else { return nil }
        var after = end
        while after < bytes.count, bytes[after] == 32 { after += 1 }
        if after == bytes.count { return end }
        if after == end && bytes[after] == 45 { return nil }
        return skipSeparators(bytes, from: after) > after ? end : nil
    }
}
