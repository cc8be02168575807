import Foundation
import Mustache
import RiskregModel
import RiskregTemplate

/// The Mustache engine the site used before RiskregTemplate: swift-mustache, loaded the way
/// `TemplateSet` loaded it (every template behind a content-type directive for riskreg's HTML
/// escaping) and rendered over the same wrappers (`StrictContext`, `ViewValues`, `ViewText`),
/// from the untyped values the views were before they were typed (`untyped(_:)`).
/// Kept only as the reference the new renderer must match byte for byte.
final class LegacyTemplates {
    private let library: MustacheLibrary

    init(directory: String) throws {
        var library = MustacheLibrary()
        _ = LegacyHTMLEscaper.registered
        for file in try FileManager.default.contentsOfDirectory(atPath: directory).sorted() where file.hasSuffix(".mustache") {
            let text = try String(contentsOfFile: (directory as NSString).appendingPathComponent(file), encoding: .utf8)
            library.register(try MustacheTemplate(string: LegacyHTMLEscaper.directive + "\n" + text), named: String(file.dropLast(".mustache".count)))
        }
        self.library = library
    }

    /// Renders as `TemplateSet.render` did; a key missing from every frame is an error.
    func render(_ name: String, _ values: [String: Any], root: String? = nil) throws -> String {
        let context = LegacyStrictContext(values, root: root)
        guard let output = library.render(context, withTemplate: name) else { throw LegacyError(reason: "no template \(name)") }
        if let missing = context.misses.first { throw LegacyError(reason: "\(name): unknown key '\(missing)'") }
        return output
    }

    /// Renders a typed view as `TemplateSet.render` rendered the untyped one.
    func render(_ name: String, _ values: TemplateObject, root: String? = nil) throws -> String {
        try render(name, values.dictionary.mapValues(Self.untyped), root: root)
    }

    /// A template value as the plain Swift value the views built before they were typed, and
    /// swift-mustache read: text as `String`, numbers as `Int`/`Double`, objects as
    /// `[String: Any]`, lists as `[Any]`.
    static func untyped(_ value: TemplateValue) -> Any {
        switch value {
        case .null: return NSNull()
        case .bool(let flag): return flag
        case .int(let number): return number
        case .number(let number): return number
        case .text(let text): return text
        case .utf8(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .list(let items): return items.map(untyped)
        case .rowList(let rows): return rows.elements.map(untyped)
        case .object(let fields): return fields.dictionary.mapValues(untyped)
        }
    }

    struct LegacyError: Error {
        var reason: String
    }
}

/// swift-mustache's content type for riskreg's escaping (`HTMLText.escape`), as `HTMLEscaper` was.
struct LegacyHTMLEscaper: MustacheContentType {
    static let name = "RISKREG_HTML"
    static let directive = "{{% CONTENT_TYPE: \(name) }}"
    static let registered: Void = MustacheContentTypes.register(LegacyHTMLEscaper(), named: name)

    func escapeText(_ text: String) -> String { HTMLText.escape(text) }
}

/// The root of a render, recording keys no frame had (was `StrictContext`).
final class LegacyStrictContext: MustacheParent {
    let values: [String: Any]
    private(set) var misses: [String] = []

    init(_ values: [String: Any], root: String? = nil) {
        var wrapped = values.mapValues(LegacyViewValues.wrap)
        if let root { wrapped["root"] = LegacyViewText(root) }
        self.values = wrapped
    }

    func child(named name: String) -> Any? {
        if let value = values[name] { return value }
        misses.append(name)
        return nil
    }
}

/// Nested view values (was `ViewValues`).
final class LegacyViewValues: MustacheParent {
    let values: [String: Any]

    init(_ values: [String: Any]) { self.values = values }

    func child(named name: String) -> Any? { values[name] }

    static func wrap(_ value: Any) -> Any {
        switch value {
        case let text as String:
            return LegacyViewText(text)
        case let dictionary as [String: Any]:
            return LegacyViewValues(dictionary.mapValues(wrap))
        case let rows as [[String: Any]]:
            return rows.map { LegacyViewValues($0.mapValues(wrap)) }
        case let list as [Any]:
            return list.map(wrap)
        default:
            return value
        }
    }
}

/// A string value (was `ViewText`).
final class LegacyViewText: MustacheParent, MustacheCustomRenderable, MustacheTransformable {
    let text: String

    init(_ text: String) { self.text = text }

    var renderText: String { text }
    var isNull: Bool { false }

    func child(named name: String) -> Any? { nil }

    func transform(_ name: String) -> Any? { text.transform(name) }
}
