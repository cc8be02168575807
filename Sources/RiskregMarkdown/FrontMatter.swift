import Foundation
import RiskregModel
import Yams

/// YAML front matter (`---` … `---`) split off a markdown file and parsed with Yams.
package struct FrontMatter {
    /// The parsed mapping; empty when the file has none.
    package var values: [String: Any]
    /// The markdown after the front matter.
    package var body: String
    /// How many lines the front matter took, so cmark's lines can be mapped back to the file.
    package var lineOffset: Int

    /// Splits and parses. Throws `DocumentError` with the file line of a YAML problem.
    package init(splitting text: String, path: String) throws {
        values = [:]
        body = text
        lineOffset = 0
        guard text.hasPrefix("---\n") || text.hasPrefix("---\r\n") else { return }
        var lines: [Substring] = []
        var consumed = 0
        var closed = false
        var offset = text.startIndex
        var lineNumber = 0
        while offset < text.endIndex {
            // Bytes, not Characters: "\r\n" is one Character in Swift and would hide the "\n".
            let end = text.utf8[offset...].firstIndex(of: 10) ?? text.endIndex
            var line = Substring(text.utf8[offset..<end])
            if line.utf8.last == 13 { line = Substring(line.utf8.dropLast()) }
            lineNumber += 1
            offset = end < text.endIndex ? text.utf8.index(after: end) : end
            consumed = lineNumber
            if lineNumber == 1 { continue }
            if line == "---" || line == "..." {
                closed = true
                break
            }
            lines.append(line)
        }
        guard closed else {
            throw DocumentError(path: path, line: 1, reason: "front matter opened with --- is never closed; add a closing --- line")
        }
        let yaml = lines.joined(separator: "\n")
        do {
            let loaded = try Yams.load(yaml: yaml)
            if let mapping = loaded as? [String: Any] {
                values = mapping
            } else if loaded != nil {
                throw DocumentError(path: path, line: 2, reason: "front matter is not a mapping of keys to values")
            }
        } catch let error as DocumentError {
            throw error
        } catch let error as YamlError {
            // Problems found at the end of input point past the last line: clamp them to it.
            let line = Self.line(of: error).map { min($0, max(lines.count, 1)) + 1 } ?? 1
            throw DocumentError(path: path, line: line,
                              reason: "broken front matter: \(Self.problem(of: error))")
        } catch {
            throw DocumentError(path: path, line: 1, reason: "broken front matter: \(error)")
        }
        body = String(text[offset...])
        lineOffset = consumed
    }

    private static func line(of error: YamlError) -> Int? {
        switch error {
        case .scanner(_, _, let mark, _), .parser(_, _, let mark, _), .composer(_, _, let mark, _):
            return mark.line
        case .duplicatedKeysInMapping(_, let context):
            return context.mark.line
        default:
            return nil
        }
    }

    private static func problem(of error: YamlError) -> String {
        switch error {
        case .scanner(let context, let problem, _, _), .parser(let context, let problem, _, _),
            .composer(let context, let problem, _, _):
            if let context { return "\(problem) \(context.text)" }
            return problem
        case .duplicatedKeysInMapping(let duplicates, _):
            return "duplicated key \(duplicates.joined(separator: ", "))"
        default:
            return "\(error)"
        }
    }

    package func string(_ key: String) -> String? {
        switch values[key] {
        case let string as String: return string.trimmingCharacters(in: .whitespaces)
        case let int as Int: return String(int)
        case let double as Double: return String(double)
        case let date as Date: return Self.isoDay(date)
        case let bool as Bool: return String(bool)
        default: return nil
        }
    }

    package func int(_ key: String) -> Int? {
        switch values[key] {
        case let int as Int: return int
        case let string as String:
            return Int(string.trimmingCharacters(in: .whitespaces).drop { $0 == "#" })
        default: return nil
        }
    }

    package func strings(_ key: String) -> [String] {
        switch values[key] {
        case let list as [Any]: return list.compactMap { $0 as? String ?? ($0 as? Int).map(String.init) }
        case let string as String:
            return string.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        default: return []
        }
    }

    package func has(_ key: String) -> Bool { values[key] != nil }

    package static func isoDay(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}
