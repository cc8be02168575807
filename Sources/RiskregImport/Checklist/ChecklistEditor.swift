import Foundation
import RiskregMarkdown
import RiskregModel
import RiskregStore

/// Ticks or unticks one task item by changing only its checkbox byte in the ship log.
package struct ChecklistEditor {
    package struct Candidate {
        package var number: Int
        package var item: TaskItem
    }

    package enum Failure: LocalizedError {
        case unknownItem(String, [Candidate])
        case ambiguous(String, [Candidate])
        case boxNotFound(path: String, line: Int)
        case fileChanged(path: String)
        case noBox(path: String, line: Int, text: String)

        package var errorDescription: String? {
            func list(_ candidates: [Candidate]) -> String {
                candidates.map { "  \($0.number). [\($0.item.done ? "x" : " ")] \($0.item.text)" }.joined(separator: "\n")
            }
            switch self {
            case .unknownItem(let query, let candidates):
                return "no item matches '\(query)'; pick a number or a unique text prefix:\n" + list(candidates)
            case .ambiguous(let query, let candidates):
                return "'\(query)' matches \(candidates.count) items; use its number or a longer prefix:\n" + list(candidates)
            case .boxNotFound(let path, let line):
                return "\(path):\(line): cannot find the item's [ ] box on that line; the file was not changed"
            case .fileChanged(let path):
                return "\(path): the file changed while editing; run the command again"
            case .noBox(let path, let line, let text):
                return "\(path):\(line): '\(text)' has no [ ] box to tick; write it as a task item (`- [ ] …`) or edit the file"
            }
        }
    }

    /// Items of a ship log in the order `riskreg checklist` numbers them: checklist, then actions.
    package static func numbered(_ items: [TaskItem]) -> [Candidate] {
        let ordered = items.filter { $0.kind == .checklist } + items.filter { $0.kind == .action }
        return ordered.enumerated().map { Candidate(number: $0.offset + 1, item: $0.element) }
    }

    /// Finds an item by number or by a unique case-insensitive text prefix.
    package static func find(_ query: String, in candidates: [Candidate]) throws -> Candidate {
        if let number = Int(query) {
            guard let match = candidates.first(where: { $0.number == number }) else { throw Failure.unknownItem(query, candidates) }
            return match
        }
        let lower = query.lowercased()
        let matches = candidates.filter { $0.item.text.lowercased().hasPrefix(lower) }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty {
            let contains = candidates.filter { $0.item.text.lowercased().contains(lower) }
            if contains.count == 1 { return contains[0] }
            throw contains.isEmpty ? Failure.unknownItem(query, candidates) : Failure.ambiguous(query, contains)
        }
        throw Failure.ambiguous(query, matches)
    }

    /// The byte offset of the box's inner character (` ` or `x`) for `item` in `data`.
    package static func boxOffset(of item: TaskItem, in data: Data, path: String) throws -> Int {
        let bytes = [UInt8](data)
        var line = 1
        var start = 0
        var index = 0
        while line < item.line, index < bytes.count {
            if bytes[index] == 10 { line += 1; start = index + 1 }
            index += 1
        }
        guard line == item.line else { throw Failure.boxNotFound(path: path, line: item.line) }
        var end = start
        while end < bytes.count, bytes[end] != 10 { end += 1 }
        func isBox(at offset: Int) -> Bool {
            offset + 2 < end && bytes[offset] == UInt8(ascii: "[") && bytes[offset + 2] == UInt8(ascii: "]")
                && [UInt8(ascii: " "), UInt8(ascii: "x"), UInt8(ascii: "X")].contains(bytes[offset + 1])
        }
        let column = start + item.boxColumn - 1
        if isBox(at: column) { return column + 1 }
        // cmark counts tabs as columns: fall back to the first box after the list marker.
        var cursor = start
        while cursor < end, bytes[cursor] == 32 || bytes[cursor] == 9 || bytes[cursor] == UInt8(ascii: ">") { cursor += 1 }
        while cursor < end, bytes[cursor] != 32 && bytes[cursor] != 9 { cursor += 1 }
        while cursor < end, bytes[cursor] == 32 || bytes[cursor] == 9 { cursor += 1 }
        if isBox(at: cursor) { return cursor + 1 }
        throw Failure.boxNotFound(path: path, line: item.line)
    }

    /// Sets the item's box and writes the file atomically, in place of the real file (a
    /// symbolic link is followed, not replaced) with its permissions kept. Returns false when
    /// the box already was so.
    package static func set(_ item: TaskItem, done: Bool, path: String) throws -> Bool {
        guard item.boxColumn > 0 else { throw Failure.noBox(path: path, line: item.line, text: item.text) }
        guard let original = FileManager.default.contents(atPath: path) else {
            throw ImportError(path: path, line: nil, reason: "cannot be read")
        }
        let offset = try boxOffset(of: item, in: original, path: path)
        let current = original[original.startIndex + offset]
        let isDone = current != UInt8(ascii: " ")
        if isDone == done { return false }
        var edited = original
        edited[edited.startIndex + offset] = done ? UInt8(ascii: "x") : UInt8(ascii: " ")
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ImportError(path: path, line: nil, reason: "cannot be read: \(String(cString: strerror(errno)))")
        }
        let temporary = path + ".riskreg-\(getpid())"
        guard FileManager.default.createFile(atPath: temporary, contents: edited, attributes: [.posixPermissions: Int(info.st_mode & 0o7777)]) else {
            throw ImportError(path: path, line: nil, reason: "cannot write beside the file (permissions?)")
        }
        // Re-read right before the swap: refuse to clobber an edit made meanwhile.
        guard FileManager.default.contents(atPath: path) == original else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw Failure.fileChanged(path: path)
        }
        guard rename(temporary, path) == 0 else {
            try? FileManager.default.removeItem(atPath: temporary)
            throw ImportError(path: path, line: nil, reason: "cannot replace the file: \(String(cString: strerror(errno)))")
        }
        return true
    }
}
