import Foundation
import SystemPackage

/// The folder a register lives in: stored paths are relative to it, artifacts are checked under
/// it, and the database, templates and site default to `register/riskreg.db`, `templates/` and
/// `public/` inside it. Found the way git finds a work tree, so every command gives the same
/// answers from any folder of the repository.
package enum RepositoryRoot {
    /// The database path inside a root, unless `--db` or `RISKREG_DB` says otherwise.
    package static let databasePath = "register/riskreg.db"

    /// `explicit` (`--root`) when given, which must be a folder; otherwise the nearest folder at
    /// or above `start` that holds `register/riskreg.db` or `.git`; otherwise `start` itself
    /// (a new register, outside any repository).
    package static func resolve(explicit: String?, from start: String = FileManager.default.currentDirectoryPath) throws(ImportError) -> String {
        if let explicit {
            let absolute = URL(fileURLWithPath: explicit, relativeTo: URL(fileURLWithPath: start)).standardizedFileURL.path
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                throw ImportError(path: explicit, line: nil, reason: "no such folder for --root; pass the repository folder that holds register/")
            }
            guard isDirectory.boolValue else {
                throw ImportError(path: explicit, line: nil, reason: "--root is not a folder; pass the repository folder that holds register/")
            }
            return absolute
        }
        let first = URL(fileURLWithPath: start).standardizedFileURL
        var url = first
        while true {
            let manager = FileManager.default
            if manager.fileExists(atPath: url.appendingPathComponent(databasePath).path)
                || manager.fileExists(atPath: url.appendingPathComponent(".git").path)
            {
                return url.path
            }
            let parent = url.deletingLastPathComponent()
            if parent.path == url.path { return first.path }
            url = parent
        }
    }

    /// `path` as given on the command line (relative to `cwd`), made absolute lexically: `.` and
    /// `..` are resolved as text and links are not followed, so a link is still named as given.
    package static func absolute(_ path: String, cwd: String = FileManager.default.currentDirectoryPath) -> String {
        FilePath(cwd).pushing(FilePath(path)).lexicallyNormalized().string
    }
}
