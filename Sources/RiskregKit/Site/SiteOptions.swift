/// How `riskreg build` renders: where from, where to, and the links it makes.
struct SiteOptions: Sendable {
    var output: String = "public"
    var templates: String = "templates"
    /// Absolute base URL for the feed and sitemap, e.g. https://sre.example.com/risks/.
    var baseURL: String?
    /// Where artifact paths link to, e.g. https://github.com/org/repo/blob/main.
    /// Without it, artifacts link relative to the folder holding the output (the repository root).
    var repoURL: String?
    /// The day ages and "overdue" are measured against.
    var asOf: Day
    /// Add a build timestamp to the footer (off by default so output is deterministic).
    var stamp: String?
    var siteTitle = "Risk register"
    /// Render every page, ignoring fingerprints of the previous build.
    var force = false
    /// Paths the output folder must never contain (the register database).
    var protectedPaths: [String] = []
}
