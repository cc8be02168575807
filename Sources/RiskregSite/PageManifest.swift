import Foundation
import RiskregModel
import RiskregReport

/// `.riskreg-pages`: every file of a site with the fingerprint of what it shows (empty for
/// files that are always made again) and a note (a report's headline), as
/// `path<TAB>fingerprint<TAB>note` lines.
package struct PageManifest: Sendable {
    package static let fileName = ".riskreg-pages"
    /// The journal of an in-place commit: files being replaced (see `SiteWriter`).
    package static let pendingName = ".riskreg-pages.pending"

    package struct Entry: Sendable, Equatable {
        package var fingerprint: String
        package var note: String

        package init(fingerprint: String, note: String = "") {
            self.fingerprint = fingerprint
            self.note = note
        }
    }

    /// Fingerprints by path, and the few notes apart: an entry of both was 48 bytes a slot, and
    /// a site of 100,000 records lists 200,000 files (a 25 MB table that doubled as it grew).
    private var fingerprints: [String: String] = [:]
    private var notes: [String: String] = [:]
    /// The paths in the order of the file this manifest was read from, when that order is
    /// sorted with no path twice: a build whose site has the same files writes its manifest
    /// in this order without sorting tens of thousands of paths again (see `bytes(like:)`).
    private var sortedPaths: [String]?

    package init(entries: [String: Entry] = [:]) {
        for (path, entry) in entries { self[path] = entry }
    }

    /// Every entry by path (a copy; for tests and small manifests).
    package var entries: [String: Entry] {
        fingerprints.reduce(into: [:]) { $0[$1.key] = Entry(fingerprint: $1.value, note: notes[$1.key] ?? "") }
    }

    package var count: Int { fingerprints.count }
    package var isEmpty: Bool { fingerprints.isEmpty }
    /// The files listed, in no order.
    package var paths: Dictionary<String, String>.Keys { fingerprints.keys }

    /// Takes in `other`'s entries; where both list a path, `other`'s wins.
    package mutating func merge(_ other: PageManifest) {
        if isEmpty {
            self = other
            return
        }
        fingerprints.merge(other.fingerprints) { _, new in new }
        for path in notes.keys where other.fingerprints[path] != nil && other.notes[path] == nil { notes[path] = nil }
        notes.merge(other.notes) { _, new in new }
        sortedPaths = nil
    }

    /// Reads a manifest; nil or unreadable lines give an empty one (every page is rendered).
    package init(parsing data: Data?) {
        guard let data else { return }
        // Byte by byte: a large site's manifest has tens of thousands of lines.
        data.withUnsafeBytes { (bytes: UnsafeRawBufferPointer) in
            let bytes = bytes.bindMemory(to: UInt8.self)
            // One slot per line, counted: a line's length depends on the riskreg that wrote it.
            let lines = bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
            fingerprints.reserveCapacity(lines)
            var paths: [String] = []
            paths.reserveCapacity(lines)
            var sorted = true
            var start = 0
            while start < bytes.count {
                var end = start
                var firstTab: Int?, secondTab: Int?
                while end < bytes.count, bytes[end] != UInt8(ascii: "\n") {
                    if bytes[end] == UInt8(ascii: "\t") {
                        if firstTab == nil { firstTab = end } else if secondTab == nil { secondTab = end }
                    }
                    end += 1
                }
                if let first = firstTab, first > start {
                    func text(_ from: Int, _ to: Int) -> String {
                        String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
                    }
                    let second = secondTab ?? end
                    let path = text(start, first)
                    if let last = paths.last, !(last < path) { sorted = false }
                    paths.append(path)
                    fingerprints[path] = text(first + 1, second)
                    if second + 1 < end { notes[path] = text(second + 1, end) }
                }
                start = end + 1
            }
            if sorted { sortedPaths = paths }
        }
    }

    /// Forgets the files an in-place commit was replacing when it was killed (its journal's
    /// lines): those files may hold either build's bytes.
    package mutating func distrust(journal: Data) {
        for line in String(decoding: journal, as: UTF8.self).split(separator: "\n") {
            let path = String(line)
            if fingerprints[path] != nil { fingerprints[path] = "" }
        }
    }

    package subscript(path: String) -> Entry? {
        get { fingerprints[path].map { Entry(fingerprint: $0, note: notes[path] ?? "") } }
        set {
            fingerprints[path] = newValue?.fingerprint
            if let note = newValue?.note, !note.isEmpty { notes[path] = note } else if notes[path] != nil { notes[path] = nil }
        }
    }

    /// `path` as this manifest holds it, when it lists it: the same string, sharing its storage.
    /// A build keeping its new manifest's paths as the previous one read them holds one copy of
    /// each (a site of 100,000 records lists 200,000 files, and each path it made anew was 64
    /// bytes: 25 MB at an incremental build's peak).
    package func storedPath(_ path: String) -> String? {
        fingerprints.index(forKey: path).map { fingerprints[$0].key }
    }

    /// Whether the manifest lists `path`.
    package func contains(_ path: String) -> Bool { fingerprints[path] != nil }

    /// Whether the file at `path` was made from inputs with this fingerprint.
    package func isFresh(_ path: String, _ fingerprint: String) -> Bool {
        !fingerprint.isEmpty && fingerprints[path] == fingerprint
    }

    /// Sorted by path; tabs and newlines in notes become spaces.
    package var text: String { String(decoding: bytes(like: PageManifest()), as: UTF8.self) }

    /// `text`'s bytes, in `previous`'s order when it was read sorted and lists exactly these
    /// paths (the usual build: the same files, some changed), so the paths need no sorting.
    /// Made as bytes: a large site's manifest is megabytes, and text is one more copy.
    package func bytes(like previous: PageManifest) -> [UInt8] {
        let paths: [String]
        if let order = previous.sortedPaths, order.count == fingerprints.count, order.allSatisfy({ fingerprints[$0] != nil }) {
            paths = order
        } else {
            paths = fingerprints.keys.sorted()
        }
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fingerprints.count * 40)
        for path in paths {
            guard let fingerprint = fingerprints[path] else { continue }
            var note = notes[path] ?? ""
            if note.utf8.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\t") }) {
                note = String(note.map { $0 == "\n" || $0 == "\t" ? " " : $0 })
            }
            bytes.append(contentsOf: path.utf8)
            bytes.append(UInt8(ascii: "\t"))
            bytes.append(contentsOf: fingerprint.utf8)
            bytes.append(UInt8(ascii: "\t"))
            bytes.append(contentsOf: note.utf8)
            bytes.append(UInt8(ascii: "\n"))
        }
        return bytes
    }
}

/// `.riskreg-build`: what the whole site was made from (`SiteBuilder.buildKey`), how many
/// pages it has, and (when the register keeps a change log) what every record's pages were
/// made with (`PageFingerprints.recordPages`) and the log's point the build read, as one
/// `key pages [digest sequence:seal]` line. Apart from the manifest because the key names the
/// register's generation, which differs between two clones of one repository: a site kept in
/// git keeps its manifest and ignores this file.
package struct SiteStamp: Sendable, Equatable {
    package static let fileName = ".riskreg-build"

    package var key: String
    package var pages: Int
    /// `PageFingerprints.recordPages` of the build; with `mark`, lets the next build compare
    /// only the pages of records changed since.
    package var recordPages: String?
    package var mark: RecordChanges.Mark?

    package init(key: String, pages: Int, recordPages: String? = nil, mark: RecordChanges.Mark? = nil) {
        self.key = key
        self.pages = pages
        self.recordPages = recordPages
        self.mark = mark
    }

    /// Reads a stamp; a line of an older riskreg (`key pages`) has no digest or mark.
    package init?(parsing data: Data?) {
        guard let data else { return nil }
        let parts = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isWhitespace)
        guard parts.count == 2 || parts.count == 4, let pages = Int(parts[1]) else { return nil }
        self.init(key: String(parts[0]), pages: pages)
        if parts.count == 4, let mark = RecordChanges.Mark(parts[3]) {
            (recordPages, self.mark) = (String(parts[2]), mark)
        }
    }

    package var text: String {
        if let recordPages, let mark { return "\(key) \(pages) \(recordPages) \(mark)\n" }
        return "\(key) \(pages)\n"
    }
}
