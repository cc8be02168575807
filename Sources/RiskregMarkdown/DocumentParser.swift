import Foundation
import RiskregModel

/// Reads one markdown file's bytes, refuses what cannot be a register or ship log, and parses
/// the rest. Pure: it touches neither the disk nor the database.
package struct DocumentParser {
    /// The version of what this parser reads from a document. Raise it with any change that
    /// makes a document give other records, fields, findings or items: an import reads every
    /// file that an older version read again, even when the file did not change.
    ///
    /// 1: a finding titled by its bold lead-in no longer repeats the lead-in in its body.
    /// 2: a CRLF file's first lines are read one by one when looking for its date (the whole body
    ///    was one line: fenced code, the 20-line limit and the line numbers did not apply).
    package static let readerVersion = 2

    /// Files larger than this are refused (a ship log is a few kilobytes).
    package var maxBytes = 2 * 1024 * 1024
    /// Whether a record's reading says where each fact came from (`RecordParser.explains`).
    package var explains = true

    package init(maxBytes: Int = 2 * 1024 * 1024, explains: Bool = true) {
        self.maxBytes = maxBytes
        self.explains = explains
    }

    package func parse(path: String, data: Data) throws -> ParsedDocument {
        guard data.count <= maxBytes else {
            throw DocumentError(path: path, line: nil, reason: "file is \(data.count) bytes, over the \(maxBytes)-byte limit for a ship log")
        }
        if data.withUnsafeBytes({ $0.firstIndex(of: 0) != nil }) {
            throw DocumentError(path: path, line: nil, reason: "binary file (contains NUL bytes); only markdown can be imported")
        }
        guard var text = String(validating: data, as: UTF8.self) else {
            throw DocumentError(path: path, line: Self.lineOfInvalidUTF8(data), reason: "invalid UTF-8; save the file as UTF-8")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        text = Self.withoutControlCharacters(text)
        guard text.contains(where: { !$0.isWhitespace }) else {
            throw DocumentError(path: path, line: nil, reason: "empty file")
        }
        let frontMatter = try FrontMatter(splitting: text, path: path)
        return try MarkdownTree.parse(frontMatter.body, lineOffset: frontMatter.lineOffset, path: path) { tree in
            let sections = Section.sections(of: tree.root)
            if let (id, title) = RegisterParser.registerID(frontMatter: frontMatter, root: tree.root, sections: sections) {
                return .register(try RegisterParser(path: path).parse(id: id, title: title, root: tree.root, tree: tree))
            }
            return try RecordParser(path: path, explains: explains).parse(frontMatter: frontMatter, tree: tree, sections: sections)
        }
    }

    package static func lineOfInvalidUTF8(_ data: Data) -> Int {
        var line = 1
        var parser = Unicode.UTF8.ForwardParser()
        var iterator = data.makeIterator()
        while true {
            switch parser.parseScalar(from: &iterator) {
            case .valid(let scalar):
                if scalar.count == 1, scalar.first == 10 { line += 1 }
            case .error:
                return line
            case .emptyInput:
                return line
            }
        }
    }

    /// Control characters other than tab, line feed and carriage return (BEL, ESC, DEL, …) have
    /// no place in a document and would break XML feeds and terminals: each becomes U+FFFD.
    static func withoutControlCharacters(_ text: String) -> String {
        var text = text
        let clean = text.withUTF8 { bytes in
            !bytes.contains { ($0 < 0x20 && $0 != 0x09 && $0 != 0x0A && $0 != 0x0D) || $0 == 0x7F }
        }
        guard !clean else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let value = scalar.value
            scalars.append((value < 0x20 && value != 0x09 && value != 0x0A && value != 0x0D) || value == 0x7F ? "\u{FFFD}" : scalar)
        }
        return String(scalars)
    }
}
