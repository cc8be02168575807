import RiskregModel
import RiskregReport

/// How `riskreg build` renders: where from, where to, and the links it makes.
package struct SiteOptions: Sendable {
    package var output: String = "public"
    package var templates: String = "templates"
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
    /// Paths the output folder must never contain (the register database).
    package var protectedPaths: [String] = []

    package init(asOf: Day) {
        self.asOf = asOf
    }
}
