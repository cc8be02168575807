import Foundation
import SystemPackage
import RiskregMarkdown
import RiskregModel
import RiskregStore

/// Expands the paths given to `riskreg import` into markdown files, in a stable order.
package enum SourceFiles {
    package struct Expansion {
        package var files: [String] = []
        /// Arguments that do not exist.
        package var missing: [String] = []
        /// Folders given, for noticing files that disappeared from them.
        package var roots: [String] = []
        /// Folders that could not be read (permissions), with the reason.
        package var unreadable: [(path: String, reason: String)] = []
    }

    /// `base` is the folder stored paths are relative to (the current folder by default).
    package static func expand(_ arguments: [String], base: String = FileManager.default.currentDirectoryPath) -> Expansion {
        var expansion = Expansion()
        let manager = FileManager.default
        var seen = Set<String>()
        for argument in arguments {
            let path = display(argument, base: base)
            let absolute = absolutePath(argument, base: base)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: absolute, isDirectory: &isDirectory) else {
                expansion.missing.append(path)
                continue
            }
            expansion.roots.append(path)
            if !isDirectory.boolValue {
                if seen.insert(path).inserted { expansion.files.append(path) }
                continue
            }
            var found: [String] = []
            walk(absolute, display: path, found: { found.append($0) }, unreadable: { expansion.unreadable.append(($0, $1)) })
            for file in found.sorted() where seen.insert(file).inserted {
                expansion.files.append(file)
            }
        }
        return expansion
    }

    /// A path as stored in the register: relative to the current folder when inside it.
    package static func display(_ path: String, base: String = FileManager.default.currentDirectoryPath) -> String {
        let cwd = FilePath(base).lexicallyNormalized().string
        let standard = absolutePath(path, base: base)
        if standard == cwd { return "." }
        if standard.hasPrefix(cwd + "/") { return String(standard.dropFirst(cwd.count + 1)) }
        return standard
    }

    /// Markdown files under `folder` (skipping hidden folders and node_modules), reported as
    /// `display` + relative path. Uses readdir's file types: no stat per file.
    private static func walk(_ folder: String, display: String, found: (String) -> Void, unreadable: (String, String) -> Void) {
        guard let directory = opendir(folder) else {
            unreadable(display, String(cString: strerror(errno)))
            return
        }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: 256) { String(cString: $0) }
            }
            if name.hasPrefix(".") || name == "node_modules" { continue }
            let path = folder + "/" + name
            let shown = display == "." ? name : display + "/" + name
            var type = Int32(entry.pointee.d_type)
            if type == Int32(DT_UNKNOWN) || type == Int32(DT_LNK) {
                var info = stat()
                guard stat(path, &info) == 0 else {
                    // A dangling link or a link loop named like markdown: report it, don't drop it.
                    let lower = name.lowercased()
                    if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { found(shown) }
                    continue
                }
                let isDirectory = (info.st_mode & S_IFMT) == S_IFDIR
                // Linked files import; linked folders are not entered (they can form cycles).
                if isDirectory && type == Int32(DT_LNK) { continue }
                type = isDirectory ? Int32(DT_DIR) : (info.st_mode & S_IFMT) == S_IFREG ? Int32(DT_REG) : 0
                // A markdown name linking to a device or FIFO is reported (and refused), not dropped.
                if type == 0 {
                    let lower = name.lowercased()
                    if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { found(shown) }
                    continue
                }
            }
            if type == Int32(DT_DIR) {
                walk(path, display: shown, found: found, unreadable: unreadable)
            } else {
                // Regular files, and FIFOs, devices or sockets named like markdown (refused later).
                let lower = name.lowercased()
                if lower.hasSuffix(".md") || lower.hasSuffix(".markdown") { found(shown) }
            }
        }
    }

    package static func absolutePath(_ path: String, base: String) -> String {
        // Paths found by walking are already clean: join without Foundation's path resolution.
        let clean = !path.hasPrefix("/") && !hasDotOrEmptyComponent(path)
        if clean { return base.hasSuffix("/") ? base + path : base + "/" + path }
        // Lexically: Foundation's `standardizingPath` would follow links, and a link must be
        // named (and refused) as the user gave it.
        return FilePath(base).pushing(FilePath(path)).lexicallyNormalized().string
    }

    /// Whether a component of `path` (split at "/") is ".", ".." or empty. On bytes when the
    /// path is ASCII (every path a folder walk finds, as a rule): splitting a String walks
    /// Characters.
    static func hasDotOrEmptyComponent(_ path: String) -> Bool {
        let utf8 = path.utf8
        guard utf8.allSatisfy({ $0 < 0x80 }) else {
            return path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == "." || $0 == ".." || $0.isEmpty }
        }
        return utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false).contains { component in
            component.isEmpty || component.allSatisfy({ $0 == UInt8(ascii: ".") }) && component.count <= 2
        }
    }

    /// Whether a stored path lies under one of the given roots.
    package static func isUnder(_ path: String, roots: [String]) -> Bool {
        roots.contains { root in root == "." ? !path.hasPrefix("/") : (path == root || path.hasPrefix(root + "/")) }
    }
}
