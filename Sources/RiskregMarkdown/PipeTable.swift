import RiskregModel

/// A pipe table (`| a | b |` rows under a `|---|---|` separator). cmark 0.30 has no tables, so
/// it arrives as one paragraph; this reads its lines back into cells.
package struct PipeTable: Sendable {
    package struct Row: Sendable {
        package var cells: [String]
        /// File line of the row.
        package var line: Int
    }

    package var header: [String]
    package var rows: [Row]

    /// Nil unless the first line is a header and the second a separator of the same width.
    package init?(lines: [String], firstLine: Int) {
        func cells(_ line: String) -> [String] {
            var trimmed = Substring(line.trimmedSpaces)
            if trimmed.hasPrefix("|") { trimmed = trimmed.dropFirst() }
            if trimmed.hasSuffix("|") { trimmed = trimmed.dropLast() }
            return trimmed.split(separator: "|", omittingEmptySubsequences: false).map(\.trimmedSpaces)
        }
        guard lines.count >= 2, lines.allSatisfy({ $0.trimmedSpaces.hasPrefix("|") }) else { return nil }
        let separator = cells(lines[1])
        let header = cells(lines[0])
        self.header = header
        guard separator.count == header.count, header.count >= 2,
            separator.allSatisfy({ !$0.isEmpty && $0.allSatisfy { "-: ".contains($0) } })
        else { return nil }
        rows = lines.enumerated().dropFirst(2).map { offset, line in
            var row = cells(line)
            if row.count < header.count { row += Array(repeating: "", count: header.count - row.count) }
            return Row(cells: Array(row.prefix(header.count)), line: firstLine + offset)
        }
    }

    /// The index of the first column whose header (lower-cased) is one of `names`.
    package func column(_ names: Set<String>) -> Int? {
        header.firstIndex { names.contains($0.lowercased().trimmedSpaces) }
    }
}

extension PipeTable {
    /// The table as HTML (cmark 0.30 has no tables): cells as escaped text, in a scrolling wrapper.
    package var html: String {
        var out = "<div class=\"table-wrap\"><table>\n<thead>\n<tr>"
        for cell in header { out += "<th scope=\"col\">\(HTMLText.escape(cell))</th>" }
        out += "</tr>\n</thead>\n<tbody>\n"
        for row in rows {
            out += "<tr>" + row.cells.map { "<td>\(HTMLText.escape($0))</td>" }.joined() + "</tr>\n"
        }
        return out + "</tbody>\n</table></div>\n"
    }
}
