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

    static func expand(_ arguments: [String]) -> Expansion {
        var expansion = Expansion()
        let manager = FileManager.default
        var seen = Set<String>()
        for argument in arguments {
            let path = display(argument)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: argument, isDirectory: &isDirectory) else {
                expansion.missing.append(path)
                continue
            }
            expansion.roots.append(path)
            if !isDirectory.boolValue {
                if seen.insert(path).inserted { expansion.files.append(path) }
                continue
            }
            var found: [String] = []
            if let walker = manager.enumerator(atPath: argument) {
                while let relative = walker.nextObject() as? String {
                    let name = (relative as NSString).lastPathComponent
                    if name.hasPrefix(".") || name == "node_modules" {
                        walker.skipDescendants()
                        continue
                    }
                    if name.lowercased().hasSuffix(".md") || name.lowercased().hasSuffix(".markdown") {
                        found.append(display((argument as NSString).appendingPathComponent(relative)))
                    }
                }
            }
            for file in found.sorted() where seen.insert(file).inserted {
                var isDir: ObjCBool = false
                if manager.fileExists(atPath: file, isDirectory: &isDir), !isDir.boolValue {
                    expansion.files.append(file)
                }
            }
        }
        return expansion
    }

    /// A path as stored in the register: relative to the current folder when inside it.
    static func display(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let absolute = path.hasPrefix("/") ? path : (cwd as NSString).appendingPathComponent(path)
        let standard = (absolute as NSString).standardizingPath
        if standard == cwd { return "." }
        if standard.hasPrefix(cwd + "/") { return String(standard.dropFirst(cwd.count + 1)) }
        return standard
    }

    /// Whether a stored path lies under one of the given roots.
    static func isUnder(_ path: String, roots: [String]) -> Bool {
        roots.contains { root in root == "." ? !path.hasPrefix("/") : (path == root || path.hasPrefix(root + "/")) }
    }
}
