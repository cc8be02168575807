import RiskregModel
import RiskregReport
import RiskregTemplate

/// One page to render: where, with which template, and how to make its values.
///
/// A `Sendable` value, so pages can be rendered on several threads: `view` captures only
/// `Sendable` inputs (the views, a drill record, a week) and builds the template values on the
/// thread that renders the page, so a page's values are made only when it must be rendered.
struct SitePage: Sendable {
    var path: String
    var template: String
    var title: String
    var section: String
    /// When set, an unchanged fingerprint lets the previous file stand.
    var fingerprint: String?
    var view: @Sendable () throws -> PageView

    init(path: String, template: String, title: String, section: String, fingerprint: String?,
         view: @escaping @Sendable () throws -> PageView) {
        self.path = path
        self.template = template
        self.title = title
        self.section = section
        self.fingerprint = fingerprint
        self.view = view
    }

    /// A page whose manifest note is empty.
    init(path: String, template: String, title: String, section: String, fingerprint: String?,
         values: @escaping @Sendable () throws -> TemplateObject) {
        self.init(path: path, template: template, title: title, section: section, fingerprint: fingerprint) {
            PageView(values: try values())
        }
    }
}

/// A page's template values, and the line kept beside its fingerprint in the manifest (a
/// report's headline), which a later build reads back when it carries the page over.
struct PageView {
    var values: TemplateObject
    var note = ""
}

/// What became of a page.
struct PageOutcome: Sendable {
    var path: String
    var fingerprint: String?
    /// The page's manifest note: made by its view, or the previous build's when carried over.
    var note: String
    /// False when the previous file was carried over without rendering.
    var rendered: Bool
    var write: SiteWriter.Outcome
}
