import Foundation
import RiskregModel
import RiskregReport

/// `.riskreg-pages`: each carried-over-able file of a site with the fingerprint of what it
/// shows, and a note (a report's headline), as `path<TAB>fingerprint<TAB>note` lines.
package struct PageManifest: Sendable {
    package static let fileName = ".riskreg-pages"

    package struct Entry: Sendable, Equatable {
        package var fingerprint: String
        package var note: String

        package init(fingerprint: String, note: String = "") {
            self.fingerprint = fingerprint
            self.note = note
        }
    }

    package var entries: [String: Entry] = [:]

    package init(entries: [String: Entry] = [:]) {
        self.entries = entries
    }

    /// Reads a manifest; nil or unreadable lines give an empty one (every page is rendered).
    package init(parsing data: Data?) {
        guard let data else { return }
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            if parts.count >= 2 {
                entries[String(parts[0])] = Entry(fingerprint: String(parts[1]), note: parts.count > 2 ? String(parts[2]) : "")
            }
        }
    }

    package subscript(path: String) -> Entry? {
        get { entries[path] }
        set { entries[path] = newValue }
    }

    /// Whether the file at `path` was made from inputs with this fingerprint.
    package func isFresh(_ path: String, _ fingerprint: String) -> Bool {
        entries[path]?.fingerprint == fingerprint
    }

    /// Sorted by path; tabs and newlines in notes become spaces.
    package var text: String {
        entries.sorted { $0.key < $1.key }.map { entry in
            let note = entry.value.note.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
            return "\(entry.key)\t\(entry.value.fingerprint)\t\(note)\n"
        }.joined()
    }
}
