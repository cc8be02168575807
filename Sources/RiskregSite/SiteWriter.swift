import CRenameExchange
import Foundation
import SystemPackage
import RiskregModel
import RiskregReport

/// Writes a site so that a failed or killed build never leaves a half-written page or a link
/// to a page that is not there.
///
/// Changed files are written into a staging folder beside the output; unchanged ones are left
/// where they are (an unchanged file keeps its bytes and mtime). `commit` then puts the new
/// files in place in one of two ways:
/// - **In place**, when the new site has exactly the files the previous one had (the usual
///   incremental build: a few pages changed). Each changed file is renamed over its old copy,
///   so every page is whole at every moment, and since no file appears or goes, every link
///   resolves at every moment. A journal (`PageManifest.pendingName`) lists the files being
///   replaced until the new manifest is in place, so a build killed halfway does not trust the
///   old manifest for them.
/// - **Swapped in**, when files appear or go (or there is no previous site): the unchanged
///   files are hard-linked into the staging folder, which then replaces the output in one
///   atomic exchange.
///
/// A value holding folder paths, so pages can be written from several threads at once (for
/// different paths). Each write says what it did; the caller keeps the list for `commit`.
/// One build at a time writes a given output folder: `init` waits for the folder's lock.
package struct SiteWriter: Sendable {
    package let output: URL
    package let staging: URL
    /// The two folders as paths ending in `/`: files are named by appending to them (a `URL`
    /// appending a component asks the file system whether it is a folder, once per file).
    private let outputPrefix: String
    private let stagingPrefix: String
    /// Held from `init` to the end of the process's use of the writer.
    private let lock: OutputLock
    /// The previous site's files, listed on another thread from `init` on (`keep` asks it).
    private let listing: BackgroundWork<SiteListing>

    /// What a write did.
    package enum Outcome: Sendable {
        /// New bytes were written (into the staging folder until `commit`).
        case written
        /// The previous site has the same bytes: the file is left as it is.
        case unchanged
    }

    /// How `commit` put the new site in place.
    package enum Commit: Sendable, Equatable {
        case inPlace
        case swapped
    }

    package init(output: URL) throws {
        self.output = output.standardizedFileURL
        let parent = self.output.deletingLastPathComponent()
        try Self.makeFolder(self.output, named: "the output folder")
        lock = try OutputLock(folder: self.output)
        Self.removeAbandonedStaging(beside: self.output)
        staging = parent.appendingPathComponent(".\(self.output.lastPathComponent).building-\(getpid())")
        try? FileManager.default.removeItem(at: staging)
        try Self.makeFolder(staging, named: "the build's temporary folder beside the output")
        outputPrefix = self.output.path + "/"
        stagingPrefix = staging.path + "/"
        listing = BackgroundWork { [outputPrefix] in SiteListing(folder: outputPrefix) }
    }

    /// Creates `folder` and its missing parents, or says which folder could not be made and why
    /// in the system's words ("Permission denied", "Not a directory").
    private static func makeFolder(_ folder: URL, named what: String) throws {
        var path = ""
        for component in folder.path.split(separator: "/") {
            path += "/" + component
            guard mkdir(path, 0o777) == 0 || errno == EEXIST else {
                throw SiteError(file: folder.path, line: nil,
                                reason: "cannot create \(what) (\(String(cString: strerror(errno)))); pass --out with a folder you can write to")
            }
        }
        var info = stat()
        guard stat(path.isEmpty ? "/" : path, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR else {
            throw SiteError(file: folder.path, line: nil, reason: "\(what) is a file, not a folder; pass --out with a folder")
        }
    }

    /// Staging folders of builds that were killed (their process is gone).
    package static func removeAbandonedStaging(beside output: URL) {
        let parent = output.deletingLastPathComponent()
        let prefix = ".\(output.lastPathComponent).building-"
        for name in (try? FileManager.default.contentsOfDirectory(atPath: parent.path)) ?? [] where name.hasPrefix(prefix) {
            guard let pid = Int32(name.dropFirst(prefix.count)), kill(pid, 0) != 0 || pid == getpid() else { continue }
            try? FileManager.default.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    /// `relative` checked to stay inside the site; refuses any path that could leave it.
    private func checked(_ relative: String) throws -> String {
        guard let path = ContainedPath(relative) else {
            throw SiteError(file: relative, line: nil, reason: "refusing to write outside the output folder")
        }
        return path.string
    }

    private func outputPath(_ relative: String) -> String { outputPrefix + relative }
    private func stagingPath(_ relative: String) -> String { stagingPrefix + relative }

    /// Whether the previous site has `relative` as a regular file, to carry over as it is.
    /// False when there is no such file (the caller renders it). The output folder is locked
    /// for the build, so the listing made when it started still holds.
    package func keep(_ relative: String) throws -> Bool {
        listing.value().contains(try checked(relative))
    }

    /// The previous site's copy of a file, if any.
    package func previous(_ relative: String) -> Data? {
        FileManager.default.contents(atPath: outputPath(relative))
    }

    /// Writes `data` at `relative` (like `drills/4.html`). Refuses paths that would leave the site.
    /// Safe to call from several threads for different paths.
    package func write(_ relative: String, _ data: some ContiguousBytes) throws -> Outcome {
        try data.withUnsafeBytes { try write(relative, $0) }
    }

    /// Writes text without copying it into `Data` first (pages can be megabytes).
    package func write(_ relative: String, _ text: String) throws -> Outcome {
        var text = text
        return try text.withUTF8 { bytes in
            try write(relative, UnsafeRawBufferPointer(bytes))
        }
    }

    private func write(_ relative: String, _ bytes: UnsafeRawBufferPointer) throws -> Outcome {
        let relative = try checked(relative)
        let old = outputPath(relative), target = stagingPath(relative)
        // Only a file the output held when the build began can be kept: the listing answers
        // for the rest without asking the kernel (a first build writes every file).
        var info = stat()
        if listing.value().contains(relative), lstat(old, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG,
            Int(info.st_size) == bytes.count,
            let existing = FileManager.default.contents(atPath: old),
            existing.withUnsafeBytes({ bytes.isEmpty || memcmp($0.baseAddress!, bytes.baseAddress!, bytes.count) == 0 })
        {
            return .unchanged
        }
        let descriptor = try create(target)
        do {
            try Self.writeAll(bytes, to: descriptor, path: target)
        } catch {
            close(descriptor)
            throw error
        }
        guard close(descriptor) == 0 else {
            throw SiteError(file: target, line: nil, reason: "cannot write (\(String(cString: strerror(errno))))")
        }
        return .written
    }

    /// Writes at `relative` what `body` hands to its `write` function, in order, as it comes,
    /// so the file is never whole in memory (`api/index.json` of a large register). While it
    /// writes it compares with the previous site's copy; when every byte matches, the new copy
    /// is removed and the file is `.unchanged`, as `write(_:_:)` would find it.
    package func write(_ relative: String, streaming body: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws -> Outcome {
        let relative = try checked(relative)
        let target = stagingPath(relative)
        let descriptor = try create(target)
        let old = OldCopy(path: listing.value().contains(relative) ? outputPath(relative) : nil)
        do {
            try body { bytes in
                try bytes.withUnsafeBytes { try Self.writeAll($0, to: descriptor, path: target) }
                old.compare(bytes)
            }
        } catch {
            close(descriptor)
            throw error
        }
        guard close(descriptor) == 0 else {
            throw SiteError(file: target, line: nil, reason: "cannot write (\(String(cString: strerror(errno))))")
        }
        if old.isSameToTheEnd {
            unlink(target)
            return .unchanged
        }
        return .written
    }

    /// Opens the staging file `target` for writing, making its folder when missing.
    private func create(_ target: String) throws -> Int32 {
        var descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o666)
        if descriptor < 0, errno == ENOENT {
            try makeParent(of: target)
            descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0o666)
        }
        guard descriptor >= 0 else {
            throw SiteError(file: target, line: nil, reason: "cannot write (\(String(cString: strerror(errno))))")
        }
        return descriptor
    }

    /// Plain `open`/`write` (swift-system's `writeAll`, which retries on interrupts): a stdio
    /// stream asked the kernel for the file's block size and wrote a page in two calls through
    /// its own buffer.
    private static func writeAll(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32, path: String) throws {
        do {
            try FileDescriptor(rawValue: descriptor).writeAll(bytes)
        } catch let error as Errno {
            throw SiteError(file: path, line: nil, reason: "cannot write (\(error.description))")
        }
    }

    private func makeParent(of path: String) throws {
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    }

    /// Puts the new site in place. `files` is every file of the new site, `unchanged` those
    /// whose write found the previous site's bytes (`Outcome.unchanged`; the others were
    /// written); `previousFiles` the previous site's manifest (nil when there is no usable
    /// one); `manifest` the new manifest's bytes and `stamp` the `SiteStamp`'s, written last
    /// (no stamp: the site is not marked as made from known inputs).
    @discardableResult
    package func commit(files: some Collection<String>, unchanged: Set<String>, previousFiles: PageManifest?, manifest: [UInt8],
                        stamp: Data?) throws -> Commit {
        if let previousFiles, previousFiles.count == files.count, files.allSatisfy(previousFiles.contains) {
            try commitInPlace(written: files.filter { !unchanged.contains($0) }.sorted(), manifest: manifest, stamp: stamp)
            return .inPlace
        }
        for relative in unchanged {
            let relative = try checked(relative)
            let old = outputPath(relative), target = stagingPath(relative)
            if link(old, target) != 0 {
                if errno == ENOENT {
                    try makeParent(of: target)
                    if link(old, target) == 0 { continue }
                }
                throw SiteError(file: old, line: nil, reason: "cannot carry the file over into the new site (\(String(cString: strerror(errno))))")
            }
        }
        try write(manifest, to: staging.appendingPathComponent(PageManifest.fileName))
        if let stamp { try write(stamp, to: staging.appendingPathComponent(SiteStamp.fileName)) }
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
        return .swapped
    }

    /// Journal, renames, manifest, then the journal goes: see the type's documentation.
    private func commitInPlace(written: [String], manifest: [UInt8], stamp: Data?) throws {
        let journal = output.appendingPathComponent(PageManifest.pendingName)
        // Until the new stamp is written, the site is not marked as made from any inputs.
        let stampURL = output.appendingPathComponent(SiteStamp.fileName)
        if unlink(stampURL.path) != 0 && errno != ENOENT {
            throw SiteError(file: stampURL.path, line: nil, reason: "cannot remove (\(String(cString: strerror(errno))))")
        }
        if !written.isEmpty {
            let text = written.map { $0 + "\n" }.joined()
            let temporary = staging.appendingPathComponent(PageManifest.pendingName)
            try write(Data(text.utf8), to: temporary)
            try rename(temporary, to: journal)
            for relative in written {
                let target = outputPath(relative)
                if Foundation.rename(stagingPath(relative), target) != 0 {
                    // A folder of the previous site removed by hand: make it and try once more.
                    try makeParent(of: target)
                    try rename(URL(fileURLWithPath: stagingPath(relative)), to: URL(fileURLWithPath: target))
                }
            }
        }
        let temporary = staging.appendingPathComponent(PageManifest.fileName)
        try write(manifest, to: temporary)
        try rename(temporary, to: output.appendingPathComponent(PageManifest.fileName))
        unlink(journal.path)  // this build's, or one a killed build left (its files are now made again)
        if let stamp {
            let temporary = staging.appendingPathComponent(SiteStamp.fileName)
            try write(stamp, to: temporary)
            try rename(temporary, to: stampURL)
        }
        try? FileManager.default.removeItem(at: staging)
    }

    /// `bytes` written without copying them into a `Data` first (a large site's manifest is megabytes).
    private func write(_ bytes: [UInt8], to url: URL) throws {
        try bytes.withUnsafeBytes { raw in
            guard let base = raw.baseAddress else { return try write(Data(), to: url) }
            try write(Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: base), count: raw.count, deallocator: .none), to: url)
        }
    }

    private func write(_ data: Data, to url: URL) throws {
        guard FileManager.default.createFile(atPath: url.path, contents: data) else {
            throw SiteError(file: url.path, line: nil, reason: "cannot write (disk full or permissions?)")
        }
    }

    private func rename(_ from: URL, to: URL) throws {
        guard Foundation.rename(from.path, to.path) == 0 else {
            throw SiteError(file: to.path, line: nil, reason: "cannot put the new file in place (\(String(cString: strerror(errno))))")
        }
    }

    /// Removes the staging folder of a build that failed; the previous site stays as it was.
    package func discard() {
        try? FileManager.default.removeItem(at: staging)
    }
}

/// An exclusive lock on the output folder for one build, so two builds never write one site
/// at once (the second waits). The lock is on the folder itself: after a build swaps a new
/// folder in, a waiting build finds the name points elsewhere and locks the new folder.
final class OutputLock: Sendable {
    private let descriptor: Int32

    init(folder: URL) throws {
        while true {
            let descriptor = open(folder.path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
            guard descriptor >= 0 else {
                throw SiteError(file: folder.path, line: nil, reason: "cannot open the output folder (\(String(cString: strerror(errno))))")
            }
            var result: Int32
            repeat { result = flock(descriptor, LOCK_EX) } while result != 0 && errno == EINTR
            var locked = stat(), named = stat()
            if result == 0, fstat(descriptor, &locked) == 0, stat(folder.path, &named) == 0,
                locked.st_dev == named.st_dev, locked.st_ino == named.st_ino
            {
                self.descriptor = descriptor
                return
            }
            close(descriptor)
            if result != 0 {
                throw SiteError(file: folder.path, line: nil, reason: "cannot lock the output folder (\(String(cString: strerror(errno))))")
            }
        }
    }

    deinit {
        close(descriptor)
    }
}

/// The previous site's copy of a file being streamed (`SiteWriter.write(_:streaming:)`), read
/// alongside the new bytes for as long as they match.
private final class OldCopy {
    private var descriptor: Int32 = -1
    private var buffer: [UInt8] = []

    /// `path` nil, missing or not a regular file: nothing to compare with.
    init(path: String?) {
        guard let path else { return }
        descriptor = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        var info = stat()
        if descriptor >= 0, fstat(descriptor, &info) != 0 || (info.st_mode & S_IFMT) != S_IFREG { stop() }
    }

    deinit { stop() }

    /// Reads as many bytes as `bytes` holds and stops comparing at the first difference.
    func compare(_ bytes: [UInt8]) {
        guard descriptor >= 0, !bytes.isEmpty else { return }
        if buffer.count < bytes.count { buffer = [UInt8](repeating: 0, count: bytes.count) }
        let count = bytes.count
        let matches = buffer.withUnsafeMutableBytes { raw -> Bool in
            var done = 0
            while done < count {
                let got = read(descriptor, raw.baseAddress! + done, count - done)
                if got < 0, errno == EINTR { continue }
                guard got > 0 else { return false }
                done += got
            }
            return bytes.withUnsafeBytes { memcmp(raw.baseAddress!, $0.baseAddress!, count) == 0 }
        }
        if !matches { stop() }
    }

    /// Every byte matched and the old copy has no more.
    var isSameToTheEnd: Bool {
        guard descriptor >= 0 else { return false }
        var byte: UInt8 = 0
        return read(descriptor, &byte, 1) == 0
    }

    private func stop() {
        if descriptor >= 0 { close(descriptor) }
        descriptor = -1
    }
}
