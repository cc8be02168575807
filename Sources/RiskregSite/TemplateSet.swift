import Foundation
import RiskregModel
import RiskregReport
import RiskregTemplate

/// The site's Mustache templates, loaded so that every mistake is loud: a missing folder or
/// template, an unreadable file, a parse error, an unknown partial or a key the view does not
/// have is an error naming the file (and line where known).
/// Immutable once loaded, so pages render with it on several threads at once.
package struct TemplateSet: Sendable {
    package let directory: String
    private let library: TemplateLibrary
    package let names: Set<String>
    /// Non-template files (the stylesheet) copied into the site as they are.
    package let assets: [String: Data]
    /// A hash of every template and asset: pages rendered with other templates are stale.
    package let digest: String

    package init(directory: String, required: [String]) throws {
        self.directory = directory
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SiteError(file: directory, line: nil, reason: "template folder not found; pass --templates DIR or copy templates/ from riskreg")
        }
        let files = (try FileManager.default.contentsOfDirectory(atPath: directory)).sorted()
        var sources: [TemplateLibrary.Source] = []
        var assets: [String: Data] = [:]
        for file in files {
            let path = (directory as NSString).appendingPathComponent(file)
            if file.hasSuffix(".mustache") {
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw SiteError(file: path, line: nil, reason: "cannot be read as UTF-8 text")
                }
                sources.append(TemplateLibrary.Source(name: String(file.dropLast(".mustache".count)), text: text, file: path))
            } else if file.hasSuffix(".css") || file.hasSuffix(".svg") || file.hasSuffix(".ico") {
                assets[file] = FileManager.default.contents(atPath: path)
            }
        }
        var all = ""
        for source in sources.sorted(by: { $0.name < $1.name }) { all += "\(source.name)\u{0}\(source.text)\u{0}" }
        for (name, data) in assets.sorted(by: { $0.key < $1.key }) { all += "\(name)\u{0}\(ContentHash.hex(data))\u{0}" }
        digest = ContentHash.hex(Array(all.utf8))
        self.assets = assets
        names = Set(sources.map(\.name))
        for name in required where !names.contains(name) {
            throw SiteError(file: (directory as NSString).appendingPathComponent(name + ".mustache"), line: nil,
                            reason: "missing template; copy it from riskreg's templates/ folder")
        }
        do {
            library = try TemplateLibrary(sources, mode: .strict)
        } catch let error as TemplateError {
            throw SiteError(error)
        }
    }

    /// Renders `name` with a view built as a dictionary (converted to `TemplateValue` here).
    package func render(_ name: String, _ values: [String: Any]) throws -> String {
        try render(name, TemplateValue(view: values))
    }

    /// Renders `name` with `value`; a key the templates ask for but the view lacks is an error
    /// naming the template file and line.
    package func render(_ name: String, _ value: TemplateValue) throws -> String {
        guard names.contains(name) else {
            throw SiteError(file: (directory as NSString).appendingPathComponent(name + ".mustache"), line: nil, reason: "missing template")
        }
        do {
            return try library.render(name, value)
        } catch let error as TemplateError {
            throw SiteError(error)
        }
    }
}

extension SiteError {
    /// A template's error, at the template's file and line.
    init(_ error: TemplateError) {
        self.init(file: error.file, line: error.line, reason: error.reason)
    }
}
