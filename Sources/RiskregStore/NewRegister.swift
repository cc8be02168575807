import CSQLite
import Foundation

/// A register made by its first import: written under a temporary name beside its path,
/// without a journal or syncs (there is nothing to roll back to), and moved into place whole
/// once the import has committed.
///
/// A journal buys nothing for a file no one else can see yet: the register's WAL copy of every
/// page and its checkpoint into the file were a fifth of a first import. Until `publish`, there
/// is no register at `path`, so a killed or failed first import leaves the folder as it was but
/// for its temporary file, which the next import at that path removes. The temporary file
/// is `flock`ed while its import runs, which tells a live one from an abandoned one. Of two
/// first imports at once, the first to finish moves its file into place; `publish` tells the
/// other one the path is taken, and it imports again into the register now there.
package final class NewRegister {
    /// Where the register goes.
    package let path: String
    /// Where it is written until then: `.NAME.new-RANDOM` in the same folder.
    package let temporaryPath: String
    /// The store writing the temporary file; closed by `publish` or `discard`.
    package private(set) var store: RegisterStore?
    /// Open on the temporary file, holding its `flock` while this process writes it.
    private var lock: Int32
    private var finished = false
    /// Folders `start` made for the register, deepest first: removed again by `discard` when
    /// they are still empty, so a first import that makes no register leaves no folder either.
    private let madeFolders: [String]

    private init(path: String, temporaryPath: String, lock: Int32, madeFolders: [String]) {
        self.path = path
        self.temporaryPath = temporaryPath
        self.lock = lock
        self.madeFolders = madeFolders
    }

    deinit { discard() }

    /// A new register for `path`, or nil when there is something at `path` already (or the
    /// temporary file cannot be made): the caller then opens `path` as usual, which also
    /// reports why it cannot be written.
    package static func start(at path: String) -> NewRegister? {
        var info = stat()
        guard lstat(path, &info) != 0, errno == ENOENT else { return nil }
        let folder = (path as NSString).deletingLastPathComponent
        var madeFolders: [String] = []
        if !folder.isEmpty {
            var missing = folder
            while !missing.isEmpty, missing != "/", lstat(missing, &info) != 0, errno == ENOENT {
                madeFolders.append(missing)
                missing = (missing as NSString).deletingLastPathComponent
            }
            try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        }
        removeAbandoned(besides: path)
        let random = (0..<8).map { _ in String(format: "%02x", UInt8.random(in: 0...255)) }.joined()
        let temporaryPath = (folder.isEmpty ? "" : folder + "/") + prefix(of: path) + random
        let descriptor = open(temporaryPath, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            removeEmpty(madeFolders)
            return nil
        }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            unlink(temporaryPath)
            removeEmpty(madeFolders)
            return nil
        }
        let register = NewRegister(path: path, temporaryPath: temporaryPath, lock: descriptor, madeFolders: madeFolders)
        guard let store = try? RegisterStore(path: temporaryPath, unjournaled: true) else { return nil }
        register.store = store
        return register
    }

    /// Makes the committed temporary file a WAL register and moves it to `path`, unless
    /// something is there by now: then the temporary file is removed and this returns false.
    package func publish() throws -> Bool {
        guard let store, !finished else { return false }
        // The journal mode every register has, written into the file's header.
        try store.database.execute("PRAGMA journal_mode = WAL")
        store.database.close()
        self.store = nil
        guard fsync(lock) == 0 else {
            throw StoreError(kind: .sqlite(SQLITE_IOERR), path: path, message: "cannot sync the new register (\(String(cString: strerror(errno))))")
        }
        // A hard link never replaces what is there (rename would).
        guard link(temporaryPath, path) == 0 else {
            discard()
            return false
        }
        finished = true
        unlink(temporaryPath)
        close(lock)
        lock = -1
        let folder = (path as NSString).deletingLastPathComponent
        let directory = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if directory >= 0 {
            fsync(directory)
            close(directory)
        }
        return true
    }

    /// Closes and removes the temporary file (also done when the value goes away unpublished).
    package func discard() {
        guard !finished else { return }
        finished = true
        store?.database.close()
        store = nil
        for suffix in ["", "-wal", "-shm", "-journal"] { unlink(temporaryPath + suffix) }
        if lock >= 0 { close(lock) }
        lock = -1
        Self.removeEmpty(madeFolders)
    }

    /// Removes `folders`, deepest first, each only if empty (`rmdir` refuses any other).
    private static func removeEmpty(_ folders: [String]) {
        for folder in folders where rmdir(folder) != 0 { return }
    }

    /// The temporary files of first imports at `path` whose process is gone (no `flock` on
    /// them): removed, with their sidecars. Also run before other imports: a first import
    /// killed between linking its file into place and removing the temporary name leaves that
    /// name behind.
    package static func removeAbandoned(besides path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let start = prefix(of: path)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.isEmpty ? "." : folder) else { return }
        for name in names where name.hasPrefix(start) && !name.hasSuffix("-wal") && !name.hasSuffix("-shm") && !name.hasSuffix("-journal") {
            let file = (folder.isEmpty ? "" : folder + "/") + name
            let descriptor = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0 {
                for suffix in ["", "-wal", "-shm", "-journal"] { unlink(file + suffix) }
            }
            close(descriptor)
        }
    }

    /// `.NAME.new-`: hidden, and named after the register it becomes.
    private static func prefix(of path: String) -> String {
        "." + (path as NSString).lastPathComponent + ".new-"
    }
}
