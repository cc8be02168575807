/// How a file name or title names its drill: `…-drill-04-…`, "Drill 7 — …", "Game day #12".
package enum DrillTitle {
    private static func isAlnum(_ byte: UInt8) -> Bool {
        (byte >= 48 && byte <= 57) || (byte >= 65 && byte <= 90) || (byte >= 97 && byte <= 122)
            || byte == 95
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= 48 && byte <= 57 }

    /// A drill number in a file name: `2026-05-08-drill-04-task-stop.md` → 4.
    package static func number(inFileName name: String) -> Int? {
        numberAfter(keywords: ["drill"], in: name.lowercased(), allowHash: false)
    }

    /// A drill number in a title: "Drill 7 — …", "Game day #12", "DRILL-015".
    package static func number(inTitle title: String) -> Int? {
        numberAfter(keywords: ["drill", "game day", "gameday", "game-day"], in: title.lowercased(), allowHash: true)
    }

    private static func numberAfter(keywords: [String], in text: String, allowHash: Bool) -> Int? {
        let bytes = Array(text.utf8)
        for keyword in keywords {
            let key = Array(keyword.utf8)
            var index = 0
            while index + key.count <= bytes.count {
                if Array(bytes[index..<(index + key.count)]) == key,
                    index == 0 || !isAlnum(bytes[index - 1]) || isDigit(bytes[index - 1])
                {
                    var cursor = index + key.count
                    var separators = 0
                    while cursor < bytes.count, separators < 2,
                        bytes[cursor] == 32 || bytes[cursor] == 45 || bytes[cursor] == 95
                            || (allowHash && bytes[cursor] == 35)
                    {
                        cursor += 1
                        separators += 1
                    }
                    var end = cursor
                    while end < bytes.count, isDigit(bytes[end]) { end += 1 }
                    if end > cursor, end - cursor <= 6,
                        end == bytes.count || !(bytes[end] >= 97 && bytes[end] <= 122) || bytes[end] == 45
                    {
                        return Int(String(decoding: bytes[cursor..<end], as: UTF8.self))
                    }
                }
                index += 1
            }
        }
        return nil
    }
}
