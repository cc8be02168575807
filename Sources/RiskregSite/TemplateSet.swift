import Foundation
import Mustache
import RiskregModel
import RiskregReport

/// The site's Mustache templates, loaded so that every mistake is loud: a missing folder or
/// template, a parse error, an unknown partial or a key the view does not have is an error
/// naming the file (and line where known). swift-mustache alone would render empty text.
/// Immutable once loaded, so pages render with it on several threads at once.
package struct TemplateSet: Sendable {
    package let directory: String
    private var library = MustacheLibrary()
    private(set) var names: Set<String> = []
    /// Non-template files (the stylesheet) copied into the site as they are.
    private(set) var assets: [String: Data] = [:]
    /// A hash of every template and asset: pages rendered with other templates are stale.
    private(set) var digest = ""

    package init(directory: String, required: [String]) throws {
        self.directory = directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SiteError(file: directory, line: nil, reason: "template folder not found; pass --templates DIR or copy templates/ from riskreg")
        }
        let files = (try FileManager.default.contentsOfDirectory(atPath: directory)).sorted()
        var texts: [String: String] = [:]
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file)
            if file.hasSuffix(".mustache") {
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw SiteError(file: path, line: nil, reason: "cannot be read as UTF-8 text")
                }
                let name = String(file.dropLast(".mustache".count))
                _ = HTMLEscaper.registered
                do {
                    // A standalone directive line: Mustache drops it from the output; lines shift by one.
                    library.register(try MustacheTemplate(string: HTMLEscaper.directive + "\n" + text), named: name)
                } catch let error as MustacheTemplate.ParserError {
                    throw SiteError(file: path, line: max(1, error.context.lineNumber - 1),
                                    reason: "template parse error at column \(error.context.columnNumber): \(error.error) in `\(error.context.line.trimmingCharacters(in: .whitespaces))`")
                }
                names.insert(name)
                texts[name] = text
            } else if file.hasSuffix(".css") || file.hasSuffix(".svg") || file.hasSuffix(".ico") {
                assets[file] = FileManager.default.contents(atPath: path)
            }
        }
        var all = ""
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) { all += "\(name)\u{0}\(text)\u{0}" }
        for (name, data) in assets.sorted(by: { $0.key < $1.key }) { all += "\(name)\u{0}\(ContentHash.hex(data))\u{0}" }
        digest = ContentHash.hex(Array(all.utf8))
        for name in required where !names.contains(name) {
            throw SiteError(file: (directory as NSString).appendingPathComponent(name + ".mustache"), line: nil,
                            reason: "missing template; copy it from riskreg's templates/ folder")
        }
        for (name, text) in texts.sorted(by: { $0.key < $1.key }) {
            for (partial, line) in Self.partials(in: text) where !names.contains(partial) {
                throw SiteError(file: (directory as NSString).appendingPathComponent(name + ".mustache"), line: line,
                                reason: "unknown partial '\(partial)' (no \(partial).mustache in \(directory))")
            }
        }
    }

    /// `{{> name}}` tags with their lines (default delimiters).
    package static func partials(in text: String) -> [(String, Int)] {
        var found: [(String, Int)] = []
        for (offset, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            var rest = line[...]
            while let open = rest.range(of: "{{>") {
                guard let close = rest[open.upperBound...].range(of: "}}") else { break }
                let name = rest[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespaces)
                found.append((name, offset + 1))
                rest = rest[close.upperBound...]
            }
        }
        return found
    }

    /// Renders `name` with `values`; a key the templates ask for but the view lacks is an error.
    package func render(_ name: String, _ values: [String: Any]) throws -> String {
        try render(name, StrictContext(values))
    }

    /// Renders `name` with an already wrapped view (lets the caller drop the plain dictionary).
    package func render(_ name: String, _ root: StrictContext) throws -> String {
        guard names.contains(name) else {
            throw SiteError(file: (directory as NSString).appendingPathComponent(name + ".mustache"), line: nil, reason: "missing template")
        }
        let output = library.render(root, withTemplate: name) ?? ""
        if let missing = root.misses.first {
            throw SiteError(file: (directory as NSString).appendingPathComponent(name + ".mustache"), line: nil,
                            reason: "unknown key '\(missing)'; the view has: \(root.values.keys.sorted().joined(separator: ", "))")
        }
        return output
    }
}
