import RiskregTemplate

extension TemplateValue {
    /// A view built as `[String: Any]` as template values: dictionaries become objects, arrays
    /// lists, strings text, `Bool`/`Int`/`Double` themselves. The one place the untyped views
    /// are cast; rendering then never casts. Anything else renders as its description, as
    /// swift-mustache printed it.
    package init(view value: Any) {
        switch value {
        case let value as TemplateValue: self = value
        case let text as String: self = .text(text)
        case let text as Substring: self = .text(String(text))
        case let flag as Bool: self = .bool(flag)
        case let number as Int: self = .int(number)
        case let number as Double: self = .number(number)
        case let fields as [String: Any]: self = .object(fields.mapValues(TemplateValue.init(view:)))
        case let rows as [[String: Any]]: self = .list(rows.map { .object($0.mapValues(TemplateValue.init(view:))) })
        case let texts as [String]: self = .list(texts.map { .text($0) })
        case let items as [Any]: self = .list(items.map(TemplateValue.init(view:)))
        default: self = .text(String(describing: value))
        }
    }

    /// A page's view with the relative path to the site root under `root`.
    package init(view values: [String: Any], root: String) {
        var fields = values.mapValues(TemplateValue.init(view:))
        fields["root"] = .text(root)
        self = .object(fields)
    }
}
