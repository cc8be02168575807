import Foundation
import RiskregImport
import RiskregMarkdown
import RiskregModel
import RiskregReport
import RiskregSite
import RiskregStore

/// Writes a file by writing a temporary sibling and renaming it over the target.
enum AtomicFile {
    /// Never creates folders: a missing folder is a typo, not a request.
    static func write(_ data: Data, to path: String) throws {
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent().path
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw CommandError("\(path): the folder \(folder) does not exist; create it first or write somewhere else")
        }
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            var reason = "permission denied or read-only file system"
            if let underlying = (error as NSError).userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
                reason = String(cString: strerror(Int32(underlying.code)))
            }
            throw CommandError("\(path): cannot write (\(reason)); write somewhere else")
        }
    }
}
