import Foundation
import RiskregModel
import RiskregReport

/// How `riskreg build` renders: where from, where to, and the links it makes.
package struct SiteOptions: Sendable {
    package var output: String = "public"
    /// The template folder; nil for the templates built into riskreg.
    package var templates: String?
    /// Absolute base URL for the feed and sitemap, e.g. https://sre.example.com/risks/.
    package var baseURL: String?
    /// Where artifact paths link to, e.g. https://github.com/org/repo/blob/main.
    /// Without it, artifacts link relative to the folder holding the output (the repository root).
    package var repoURL: String?
    /// The day ages and "overdue" are measured against.
    package var asOf: Day
    /// Add a build timestamp to the footer (off by default so output is deterministic).
    package var stamp: String?
    package var siteTitle = "Risk register"
    /// Render every page, ignoring fingerprints of the previous build.
    package var force = false
    /// The repository root: relative artifact links are made from the output folder to it.
    package var repositoryRoot: String = FileManager.default.currentDirectoryPath
    /// Paths the output folder must never contain (the register database).
    package var protectedPaths: [String] = []
    /// Rows a list page (`drills/index.html`, `items.html`) holds before it becomes an overview
    /// linking to one page per month, so that a change re-renders only small pages.
    package var listPageLimit = SiteOptions.defaultListPageLimit
    package static let defaultListPageLimit = 1_000

    /// An absolute `http(s)://host/…` URL with no spaces, quotes or control characters: the only
    /// kind the site puts in links, the feed and the sitemap.
    package static func isWebURL(_ text: String) -> Bool {
        let lower = text.lowercased()
        guard lower.hasPrefix("https://") || lower.hasPrefix("http://"),
            !text.unicodeScalars.contains(where: { $0.value <= 0x20 || $0 == "\"" || $0 == "<" || $0 == ">" || $0 == "`" || $0.value == 0x7F }),
            let url = URL(string: text), let host = url.host, !host.isEmpty
        else { return false }
        return true
    }

    package init(asOf: Day) {
        self.asOf = asOf
    }
}
