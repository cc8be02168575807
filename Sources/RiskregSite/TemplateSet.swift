import Foundation
import RiskregModel
import RiskregReport
import RiskregTemplate

/// The site's Mustache templates, loaded so that every mistake is loud: a missing folder or
/// template, an unreadable file, a parse error, an unknown partial or a key the view does not
/// have is an error naming the file (and line where known).
/// Immutable once loaded, so pages render with it on several threads at once.
package struct TemplateSet: Sendable {
    /// Where the templates came from: a folder, or `TemplateSet.builtIn`.
    package let directory: String
    private let library: TemplateLibrary
    package let names: Set<String>
    /// Non-template files (the stylesheet) copied into the site as they are.
    package let assets: [String: Data]
    /// A hash of every template and asset: pages rendered with other templates are stale.
    package let digest: String

    /// How errors name the templates built into riskreg.
    package static let builtIn = "riskreg's built-in templates"

    /// The templates in `directory`, or riskreg's own (built into the binary) when it is nil.
    package init(directory: String?, required: [String]) throws {
        var files: [(name: String, data: Data, path: String)] = []
        if let directory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
                throw SiteError(file: directory, line: nil, reason: "template folder not found; pass an existing folder to --templates, or leave it out to use the built-in templates")
            }
            for file in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() {
                let path = (directory as NSString).appendingPathComponent(file)
                guard Self.isTemplateFile(file) else { continue }
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw SiteError(file: path, line: nil, reason: "cannot be read; check its permissions")
                }
                files.append((file, data, path))
            }
        } else {
            for file in BuiltinTemplates.files {
                guard let data = Data(base64Encoded: file.base64) else { continue }
                files.append((file.name, data, "\(Self.builtIn): \(file.name)"))
            }
        }
        try self.init(files: files, origin: directory ?? Self.builtIn, required: required)
    }

    /// riskreg's own templates and stylesheet, by file name (what `riskreg templates --copy` writes).
    package static func builtInFiles() -> [(name: String, data: Data)] {
        BuiltinTemplates.files.compactMap { file in Data(base64Encoded: file.base64).map { (file.name, $0) } }
    }

    private static func isTemplateFile(_ name: String) -> Bool {
        name.hasSuffix(".mustache") || name.hasSuffix(".css") || name.hasSuffix(".svg") || name.hasSuffix(".ico")
    }

    private init(files: [(name: String, data: Data, path: String)], origin: String, required: [String]) throws {
        directory = origin
        var sources: [TemplateLibrary.Source] = []
        var assets: [String: Data] = [:]
        for file in files {
            if file.name.hasSuffix(".mustache") {
                guard let text = String(data: file.data, encoding: .utf8) else {
                    throw SiteError(file: file.path, line: nil, reason: "cannot be read as UTF-8 text")
                }
                sources.append(TemplateLibrary.Source(name: String(file.name.dropLast(".mustache".count)), text: text, file: file.path))
            } else {
                assets[file.name] = file.data
            }
        }
        var all = ""
        for source in sources.sorted(by: { $0.name < $1.name }) { all += "\(source.name)\u{0}\(source.text)\u{0}" }
        for (name, data) in assets.sorted(by: { $0.key < $1.key }) { all += "\(name)\u{0}\(ContentHash.hex(data))\u{0}" }
        digest = ContentHash.hex(Array(all.utf8))
        self.assets = assets
        names = Set(sources.map(\.name))
        for name in required where !names.contains(name) {
            throw SiteError(file: (origin as NSString).appendingPathComponent(name + ".mustache"), line: nil,
                            reason: "missing template; copy it from riskreg's templates/ folder")
        }
        do {
            library = try TemplateLibrary(sources, mode: .strict)
        } catch let error as TemplateError {
            throw SiteError(error)
        }
    }

    /// Renders `name` with `value`; a key the templates ask for but the view lacks is an error
    /// naming the template file and line.
    package func render(_ name: String, _ value: TemplateValue) throws -> String {
        String(decoding: try renderBytes(name, value), as: UTF8.self)
    }

    /// `render`'s UTF-8 bytes, without making a `String` of them (a page goes to its file as bytes).
    package func renderBytes(_ name: String, _ value: TemplateValue) throws -> [UInt8] {
        guard names.contains(name) else {
            throw SiteError(file: (directory as NSString).appendingPathComponent(name + ".mustache"), line: nil, reason: "missing template")
        }
        do {
            return try library.renderBytes(name, value)
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
