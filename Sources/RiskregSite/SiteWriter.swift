import CRenameExchange
import Foundation
import RiskregModel
import RiskregReport

/// Writes a site into a staging folder beside the output and swaps it in at the end, so a
/// failed or killed build leaves the previous site whole. A file whose bytes did not change is
/// hard-linked from the previous site, keeping its mtime.
///
/// A value holding two folder paths, so pages can be written from several threads at once (for
/// different paths). Each write says what it did; the caller counts. The staging folder is
/// removed by `commit()` (it becomes the site) or `discard()` (the build failed); a killed
/// build's folder is removed by the next build.
package struct SiteWriter: Sendable {
    package let output: URL
    package let staging: URL

    /// What a write did.
    package enum Outcome: Sendable {
        /// New bytes were written.
        case written
        /// The previous site had the same bytes: hard-linked, mtime kept.
        case unchanged
    }

    package init(output: URL) throws {
        self.output = output.standardizedFileURL
        let parent = self.output.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        Self.removeAbandonedStaging(beside: self.output)
        staging = parent.appendingPathComponent(".\(self.output.lastPathComponent).building-\(getpid())")
        try? FileManager.default.removeItem(at: staging)
        try FileManager.default.createDirectory(at: staging, withIntermediateDirectories: true)
    }

    /// Staging folders of builds that were killed (their process is gone).
    private static func removeAbandonedStaging(beside output: URL) {
        let parent = output.deletingLastPathComponent()
        let prefix = ".\(output.lastPathComponent).building-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0 || pid == getpid() else { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    /// Where `relative` goes in the staging folder; refuses any path that could leave it.
    private func checked(_ relative: String) throws -> URL {
        guard let path = ContainedPath(relative) else {
            throw SiteError(file: relative, line: nil, reason: "refusing to write outside the output folder")
        }
        return staging.appendingPathComponent(path.string)
    }

    /// Carries a file of the previous site over unchanged, without rendering it again.
    /// Returns false when there is no such file (the caller renders it).
    package func keep(_ relative: String) throws -> Bool {
        let target = try checked(relative)
        let old = output.appendingPathComponent(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        return link(old.path, target.path) == 0
    }

    /// The previous site's copy of a file, if any.
    package func previous(_ relative: String) -> Data? {
        FileManager.default.contents(atPath: output.appendingPathComponent(relative).path)
    }

    /// Writes `data` at `relative` (like `drills/4.html`). Refuses paths that would leave the site.
    /// Safe to call from several threads for different paths.
    package func write(_ relative: String, _ data: Data) throws -> Outcome {
        let target = try checked(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let old = output.appendingPathComponent(relative)
        if let existing = FileManager.default.contents(atPath: old.path), existing == data,
            link(old.path, target.path) == 0
        {
            return .unchanged
        }
        guard FileManager.default.createFile(atPath: target.path, contents: data) else {
            throw SiteError(file: target.path, line: nil, reason: "cannot write (disk full or permissions?)")
        }
        return .written
    }

    /// Writes text without copying it into `Data` first (pages can be megabytes).
    package func write(_ relative: String, _ text: String) throws -> Outcome {
        var text = text
        return try text.withUTF8 { bytes in
            try write(relative, UnsafeRawBufferPointer(bytes))
        }
    }

    private func write(_ relative: String, _ bytes: UnsafeRawBufferPointer) throws -> Outcome {
        let target = try checked(relative)
        try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
        let old = output.appendingPathComponent(relative)
        if let existing = FileManager.default.contents(atPath: old.path), existing.count == bytes.count,
            existing.elementsEqual(bytes), link(old.path, target.path) == 0
        {
            return .unchanged
        }
        guard let file = fopen(target.path, "wb") else {
            throw SiteError(file: target.path, line: nil, reason: "cannot write (permissions?)")
        }
        let count = bytes.isEmpty ? 0 : fwrite(bytes.baseAddress, 1, bytes.count, file)
        guard fclose(file) == 0, count == bytes.count else {
            throw SiteError(file: target.path, line: nil, reason: "cannot write (disk full?)")
        }
        return .written
    }

    /// Swaps the staging folder in: one atomic exchange where the system has it.
    package func commit() throws {
        let manager = FileManager.default
        if manager.fileExists(atPath: output.path) {
            if riskreg_exchange_paths(staging.path, output.path) == 0 {
                try? manager.removeItem(at: staging)  // now the previous site
            } else {
                let old = output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).old-\(getpid())")
                try manager.moveItem(at: output, to: old)
                try manager.moveItem(at: staging, to: output)
                try? manager.removeItem(at: old)
            }
        } else {
            try manager.moveItem(at: staging, to: output)
        }
    }

    /// Removes the staging folder of a build that failed; the previous site stays as it was.
    package func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}
