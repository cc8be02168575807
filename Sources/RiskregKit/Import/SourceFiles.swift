import Foundation

/// Expands the paths given to `riskreg import` into markdown files, in a stable order.
enum SourceFiles {
    struct Expansion {
        var files: [String] = []
        /// Arguments that do not exist.
        var missing: [String] = []
        /// Folders given, for noticing files that disappeared from them.
        var roots: [String] = []
    }

    /// `base` is the folder stored paths are relative to (the current folder by default).
    static func expand(_ arguments: [String], base: String = FileManager.default.currentDirectoryPath) -> Expansion {
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
            if let walker = manager.enumerator(atPath: absolute) {
                while let relative = walker.nextObject() as? String {
                    let name = (relative as NSString).lastPathComponent
                    if name.hasPrefix(".") || name == "node_modules" {
                        walker.skipDescendants()
                        continue
                    }
                    if name.lowercased().hasSuffix(".md") || name.lowercased().hasSuffix(".markdown") {
                        found.append(display((absolute as NSString).appendingPathComponent(relative), base: base))
                    }
                }
            }
            for file in found.sorted() where seen.insert(file).inserted {
                var isDir: ObjCBool = false
                if manager.fileExists(atPath: absolutePath(file, base: base), isDirectory: &isDir), !isDir.boolValue {
                    expansion.files.append(file)
                }
            }
        }
        return expansion
    }

    /// A path as stored in the register: relative to the current folder when inside it.
    static func display(_ path: String, base: String = FileManager.default.currentDirectoryPath) -> String {
        let cwd = (base as NSString).standardizingPath
        let standard = absolutePath(path, base: base)
        if standard == cwd { return "." }
        if standard.hasPrefix(cwd + "/") { return String(standard.dropFirst(cwd.count + 1)) }
        return standard
    }

    static func absolutePath(_ path: String, base: String) -> String {
        let absolute = path.hasPrefix("/") ? path : (base as NSString).appendingPathComponent(path)
        return (absolute as NSString).standardizingPath
    }

    /// Whether a stored path lies under one of the given roots.
    static func isUnder(_ path: String, roots: [String]) -> Bool {
        roots.contains { root in root == "." ? !path.hasPrefix("/") : (path == root || path.hasPrefix(root + "/")) }
    }
}
