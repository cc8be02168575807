import Foundation
import RiskregModel
import RiskregReport

/// Everything one site build works with: its inputs, what loading made (templates, the staging
/// writer, views, fingerprints), and what the steps have produced so far (report summaries, the
/// manifest, counts). Made by the first step, "Loading templates"; every later step gets it
/// `inout`, so a step's inputs and results are visible in one place.
struct BuildContext {
    let snapshot: RegisterSnapshot
    let options: SiteOptions
    /// Weeks that get a report page, oldest first.
    let reportWeeks: [ISOWeek]
    /// Supplies drills' rendered logs for `first...last` when the snapshot was read without them.
    let htmlSource: ((_ first: Int, _ last: Int) throws -> [Int: String])?

    let templates: TemplateSet
    let writer: SiteWriter
    let views: SiteViews
    let fingerprints: PageFingerprints
    /// The fingerprint of pages that summarise the whole register.
    let wholeRegister: String
    /// Renders pages against the previous build's manifest.
    let renderer: PageRenderer

    /// One per report page, oldest first, once "Rendering weekly reports" has run.
    var reportSummaries: [ReportSummary] = []
    /// This build's manifest, written by "Writing feed, data and sitemap".
    var manifest = PageManifest()
    var pages = 0
    var rendered = 0
    var written = 0
    var unchanged = 0

    var analysis: RegisterAnalysis { views.analysis }

    /// Loads the templates and opens the staging folder: the work of the first step.
    init(snapshot: RegisterSnapshot, options: SiteOptions, reportWeeks: [ISOWeek],
         htmlSource: ((_ first: Int, _ last: Int) throws -> [Int: String])?) throws {
        self.snapshot = snapshot
        self.options = options
        self.reportWeeks = reportWeeks
        self.htmlSource = htmlSource
        templates = try TemplateSet(directory: options.templates, required: SiteBuilder.requiredTemplates)
        writer = try SiteWriter(output: URL(fileURLWithPath: options.output))
        views = SiteViews(analysis: RegisterAnalysis(snapshot: snapshot, asOf: options.asOf), options: options,
                          hasReports: !reportWeeks.isEmpty)
        let previous = options.force ? PageManifest() : PageManifest(parsing: writer.previous(PageManifest.fileName))
        renderer = PageRenderer(templates: templates, writer: writer, views: views, previous: previous)
        fingerprints = PageFingerprints(snapshot: snapshot, templatesDigest: templates.digest, options: options,
                                        hasReports: !reportWeeks.isEmpty, repositoryLinkBase: views.repositoryLinkBase)
        wholeRegister = fingerprints.wholeRegister(asOf: options.asOf, reportWeeks: reportWeeks)
    }

    /// Renders `pages` in parallel and records what became of them; outcomes in page order.
    @discardableResult
    mutating func render(_ pages: [SitePage]) throws -> [PageOutcome] {
        let outcomes = try renderer.render(pages)
        for outcome in outcomes {
            if let fingerprint = outcome.fingerprint {
                manifest[outcome.path] = PageManifest.Entry(fingerprint: fingerprint, note: outcome.note)
            }
            self.pages += 1
            if outcome.rendered { rendered += 1 }
            count(outcome.write)
        }
        return outcomes
    }

    mutating func render(_ page: SitePage) throws {
        try render([page])
    }

    /// Writes a file that is not a page (stylesheet, feed, data), counting what happened.
    mutating func write(_ path: String, _ data: Data) throws {
        count(try writer.write(path, data))
    }

    mutating func write(_ path: String, _ text: String) throws {
        count(try writer.write(path, text))
    }

    /// Carries a non-page file over when its fingerprint is unchanged; false when it must be made.
    mutating func keepFile(_ path: String, fingerprint: String) throws -> Bool {
        guard renderer.previous.isFresh(path, fingerprint), try writer.keep(path) else { return false }
        manifest[path] = PageManifest.Entry(fingerprint: fingerprint)
        unchanged += 1
        return true
    }

    /// Whether the page at `path` can be carried over (drill pages: whose logs need not be read).
    func isFresh(_ path: String, _ fingerprint: String) -> Bool {
        renderer.previous.isFresh(path, fingerprint)
    }

    private mutating func count(_ outcome: SiteWriter.Outcome) {
        switch outcome {
        case .written: written += 1
        case .unchanged: unchanged += 1
        }
    }
}
