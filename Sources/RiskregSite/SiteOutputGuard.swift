import Foundation
import RiskregModel
import RiskregReport

/// Decides whether `riskreg build` may replace its output folder. A build swaps a whole folder
/// in, so it may only replace a folder that riskreg made (its `.riskreg-pages` manifest is
/// there) or an empty one, never the repository root, the folder riskreg runs in or one holding
/// the register database.
package struct SiteOutputGuard {
    /// Files the site must never swallow (the register database).
    package var protectedPaths: [String]
    /// The folder riskreg runs in.
    package var currentFolder = FileManager.default.currentDirectoryPath

    /// Throws a `SiteError` that names the folder and says how to proceed.
    package func check(_ output: URL) throws {
        let target = Self.resolved(output.path)
        func refuse(_ why: String) -> SiteError {
            SiteError(file: output.path, line: nil,
                      reason: "refusing to replace this folder with the site: \(why); pass --out with a folder of its own, e.g. --out public")
        }
        if Self.contains(target, Self.resolved(currentFolder)) {
            throw refuse("it holds the folder riskreg runs in")
        }
        for path in protectedPaths where Self.contains(target, Self.resolved(path)) {
            throw refuse("it holds \(path), the register database")
        }
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: target, isDirectory: &isDirectory) else { return }
        guard isDirectory.boolValue else { throw refuse("it is a file, not a site folder") }
        if manager.fileExists(atPath: target + "/.git") { throw refuse("it is the root of a git repository") }
        guard access(target, W_OK) == 0, access((target as NSString).deletingLastPathComponent, W_OK) == 0 else {
            throw SiteError(file: output.path, line: nil,
                            reason: "the site folder or the folder holding it is read-only; make both writable (chmod -R u+w) or pass --out with another folder; nothing was changed")
        }
        if manager.fileExists(atPath: target + "/" + PageManifest.fileName) { return }
        let entries = try? manager.contentsOfDirectory(atPath: target)
        guard let entries, entries.isEmpty else {
            throw refuse("it is not empty and riskreg did not make it (no \(PageManifest.fileName) manifest); empty it or move its files away first")
        }
    }

    /// Absolute, standardized, with symbolic links resolved as far as the path exists.
    package static func resolved(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return URL(fileURLWithPath: absolute).standardizedFileURL.resolvingSymlinksInPath().path
    }

    /// Whether `inner` is `outer` or lies below it.
    package static func contains(_ outer: String, _ inner: String) -> Bool {
        outer == "/" || inner == outer || inner.hasPrefix(outer + "/")
    }
}
