import Foundation

/// The regular files of a site folder, read once with `readdir` (by relative path, like
/// `drills/4.html`): what a build asks of every page it carries over ("is the previous file
/// still there?"). One listing of 20,000 files costs a few milliseconds; an `lstat` per file
/// costs several times that in path lookups.
package struct SiteListing: Sendable {
    private let files: Set<String>

    /// Lists `folder` and everything under it. Symbolic links and other special files are not
    /// regular files; a folder that cannot be read lists nothing (its files are made again).
    package init(folder: String) {
        var files = Set<String>()
        Self.list(folder.hasSuffix("/") ? folder : folder + "/", relative: "", into: &files)
        self.files = files
    }

    package func contains(_ relative: String) -> Bool {
        files.contains(relative)
    }

    package var count: Int { files.count }

    private static func list(_ absolute: String, relative: String, into files: inout Set<String>) {
        guard let directory = opendir(absolute) else { return }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if name == "." || name == ".." { continue }
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) {
                // Some file systems do not say: ask.
                var info = stat()
                guard lstat(absolute + name, &info) == 0 else { continue }
                switch info.st_mode & S_IFMT {
                case S_IFREG: type = Int32(DT_REG)
                case S_IFDIR: type = Int32(DT_DIR)
                default: continue
                }
            }
            if type == Int32(DT_REG) {
                files.insert(relative + name)
            } else if type == Int32(DT_DIR) {
                list(absolute + name + "/", relative: relative + name + "/", into: &files)
            }
        }
    }
}
