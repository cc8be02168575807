import Foundation
import RiskregImport
import RiskregMarkdown
import RiskregModel
import RiskregReport
import RiskregSite
import RiskregStore
import SystemPackage

/// Writes a file by writing a temporary sibling and renaming it over the target: a reader, or
/// a run killed half-way, sees the old file or the new one, never part of one.
enum AtomicFile {
    /// Never creates folders: a missing folder is a typo, not a request.
    static func write(_ data: Data, to path: String) throws {
        try write(to: path) { write in try write([UInt8](data)) }
    }

    /// Writes what `body` hands to its `write` function, in order, as it comes: the whole file
    /// is never in memory. The temporary sibling (`.NAME.riskreg-PID-N`) is synced, then renamed
    /// over `path`; if `body` or a write fails, it is removed and `path` is left as it was.
    static func write(to path: String, _ body: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandError("\(path): the folder \(folder) does not exist; create it first or write somewhere else")
        }
        let (descriptor, temporary) = try createSibling(of: url, path: path)
        var closed = false
        do {
            try body { bytes in try writeAll(bytes, to: descriptor, path: path) }
            guard fsync(descriptor) == 0 else { throw cannotWrite(path) }
            closed = true
            guard close(descriptor) == 0 else { throw cannotWrite(path) }
            guard rename(temporary, path) == 0 else { throw cannotWrite(path) }
        } catch {
            if !closed { close(descriptor) }
            unlink(temporary)
            throw error
        }
    }

    /// Writes every byte of `bytes` to `descriptor` (`path` names it in errors).
    static func writeAll(_ bytes: [UInt8], to descriptor: Int32, path: String) throws {
        do {
            try FileDescriptor(rawValue: descriptor).writeAll(bytes)
        } catch let error as Errno {
            throw CommandError("\(path): cannot write (\(error.description)); write somewhere else")
        }
    }

    /// A new file beside `url`, opened for writing, that no other run can be using.
    private static func createSibling(of url: URL, path: String) throws -> (Int32, String) {
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        for attempt in 0..<100 {
            let temporary = folder + "/." + name + ".riskreg-\(getpid())-\(attempt)"
            let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o666)
            if descriptor >= 0 { return (descriptor, temporary) }
            if errno != EEXIST { throw cannotWrite(path) }
        }
        throw CommandError("\(path): cannot write (too many temporary files beside it); remove the .\(name).riskreg-* files")
    }

    /// The error for a failed call, with the system's reason (`errno`).
    private static func cannotWrite(_ path: String) -> CommandError {
        CommandError("\(path): cannot write (\(String(cString: strerror(errno)))); write somewhere else")
    }
}
