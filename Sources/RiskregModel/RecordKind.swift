/// What a record is: a planned exercise of a risk, or a risk that materialised on its own.
package enum RecordKind: String, Sendable, CaseIterable, Codable {
    case drill, incident

    /// The kind named by front matter `kind:` (`game-day`, `postmortem`, …), if it names one.
    package init?(frontMatter text: String) {
        let word = text.lowercased().split(whereSeparator: { !$0.isLetter }).joined(separator: "-")
        switch word {
        case "drill", "drills", "game-day", "gameday", "dr-test", "chaos", "chaos-experiment", "experiment", "exercise", "tabletop", "game":
            self = .drill
        case "incident", "incident-review", "postmortem", "post-mortem", "outage", "rca", "retro", "retrospective", "post-incident-review":
            self = .incident
        default:
            return nil
        }
    }

    /// The kind the words of a title, file name or folder name suggest: the earliest word wins.
    package init?(words text: String) {
        let words = Self.words(text)
        let drillWords = Self.drillWords, incidentWords = Self.incidentWords
        for (index, word) in words.enumerated() {
            let next = index + 1 < words.count ? words[index + 1] : ""
            if drillWords.contains(word) { self = .drill; return }
            if incidentWords.contains(word) { self = .incident; return }
            if word == "game" && (next == "day" || next == "days") { self = .drill; return }
            if word == "dr" && (next == "test" || next == "tests") { self = .drill; return }
            if word == "disaster" && next == "recovery" { self = .drill; return }
            if word == "post" && (next == "mortem" || next == "mortems") { self = .incident; return }
            if word == "root" && next == "cause" && index + 2 < words.count && words[index + 2] == "analysis" { self = .incident; return }
        }
        return nil
    }

    private static let drillWords: Set<String> = ["drill", "drills", "chaos", "exercise", "exercises", "tabletop", "gameday", "gamedays"]
    private static let incidentWords: Set<String> = ["incident", "incidents", "postmortem", "postmortems", "outage", "outages", "rca",
                                                     "retro", "retros", "retrospective", "retrospectives"]

    /// The lowercased words of `text` (runs of letters and numbers). Text of ASCII (without CR)
    /// and standalone punctuation has one Character per scalar, so it is split on scalars.
    private static func words(_ text: String) -> [String] {
        guard !text.unicodeScalars.contains(where: { $0.value == 13 || ($0.value >= 0x80 && !StandalonePunctuation.contains($0.value)) }) else {
            return text.lowercased().split(whereSeparator: { !($0.isLetter || $0.isNumber) }).map(String.init)
        }
        var words: [String] = []
        var word: [UInt8] = []
        for byte in text.utf8 {
            let lower = byte >= 65 && byte <= 90 ? byte + 32 : byte
            if (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) {
                word.append(lower)
            } else if !word.isEmpty {
                words.append(String(decoding: word, as: UTF8.self))
                word.removeAll(keepingCapacity: true)
            }
        }
        if !word.isEmpty { words.append(String(decoding: word, as: UTF8.self)) }
        return words
    }

    /// "Drill", "Incident".
    package var label: String { self == .drill ? "Drill" : "Incident" }
}
