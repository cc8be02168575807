import Foundation
import RiskregModel
import Yams

/// YAML front matter (`---` … `---`) split off a markdown file and decoded by Yams into
/// `FrontMatterFields`. Front matter is capped (`maxBytes`, `maxNodes`) so a YAML alias bomb
/// is refused instead of expanded.
package struct FrontMatter {
    /// Front matter larger than this is refused.
    package static let maxBytes = 64 * 1024
    /// More YAML values than this (counting each use of an alias) is refused.
    package static let maxNodes = 10_000

    /// The keys riskreg reads; all nil when the file has none.
    package var fields = FrontMatterFields()
    /// Whether the file has front matter at all.
    package var isPresent = false
    /// The file line of each top-level key, for errors that name the line.
    package var keyLines: [String: Int] = [:]
    /// The markdown after the front matter.
    package var body: String
    /// How many lines the front matter took, so cmark's lines can be mapped back to the file.
    package var lineOffset: Int

    /// Splits and parses. Throws `DocumentError` with the file line of a YAML problem.
    package init(splitting text: String, path: String) throws {
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
        for (offset, line) in lines.enumerated() {
            guard let first = line.first, first != " ", first != "\t", first != "#", let colon = line.firstIndex(of: ":") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
            if keyLines[key] == nil { keyLines[key] = offset + 2 }
        }
        guard closed else {
            throw DocumentError(path: path, line: 1, reason: "front matter opened with --- is never closed; add a closing --- line")
        }
        let yaml = lines.joined(separator: "\n")
        guard yaml.utf8.count <= Self.maxBytes else {
            throw DocumentError(path: path, line: 1, reason: "front matter is \(yaml.utf8.count) bytes, over the \(Self.maxBytes)-byte limit; keep it to a few keys")
        }
        do {
            if let node = try Yams.compose(yaml: yaml) {
                guard case .mapping = node else {
                    throw DocumentError(path: path, line: 2, reason: "front matter is not a mapping of keys to values")
                }
                guard Self.count(node, limit: Self.maxNodes) <= Self.maxNodes else {
                    throw DocumentError(path: path, line: 1, reason: "front matter expands to more than \(Self.maxNodes) values (YAML aliases?); write the values out")
                }
                fields = try YAMLDecoder().decode(FrontMatterFields.self, from: node)
            }
        } catch let error as DocumentError {
            throw error
        } catch let error as FrontMatterFields.Problem {
            throw DocumentError(path: path, line: error.line.map { $0 + 1 } ?? 1, reason: "front matter \(error.key): \(error.message)")
        } catch let error as YamlError {
            // Problems found at the end of input point past the last line: clamp them to it.
            let line = Self.line(of: error).map { min($0, max(lines.count, 1)) + 1 } ?? 1
            throw DocumentError(path: path, line: line,
                                reason: "broken front matter: \(Self.problem(of: error))")
        } catch {
            throw DocumentError(path: path, line: 1, reason: "broken front matter: \(error)")
        }
        isPresent = true
        body = String(text[offset...])
        lineOffset = consumed
    }

    /// Nodes in `node` with aliases expanded, counting no further than just past `limit`.
    private static func count(_ node: Node, limit: Int) -> Int {
        var stack = [node]
        var seen = 0
        while let current = stack.popLast() {
            seen += 1
            if seen > limit { return seen }
            switch current {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    stack.append(key)
                    stack.append(value)
                }
            case .sequence(let sequence):
                stack.append(contentsOf: sequence)
            default:
                break
            }
        }
        return seen
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

    /// The file line of a top-level key, if the front matter has it.
    package func line(of key: String) -> Int? {
        key == "environment" ? keyLines[key] ?? keyLines["env"] : keyLines[key]
    }
}
