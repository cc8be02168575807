import Algorithms
import Dispatch
import Foundation
import RiskregModel
import RiskregReport
import RiskregTemplate

/// Renders pages through the templates and the layout and writes each as soon as it is
/// rendered, carrying over pages whose fingerprint is unchanged. Holds only `Sendable` values,
/// so every thread uses it as is; what happened to each page comes back as a `PageOutcome`.
struct PageRenderer: Sendable {
    /// Pages per thread at a time: enough to amortise the hand-off, few enough to spread a list
    /// over the cores.
    static let pagesPerChunk = 16

    let templates: TemplateSet
    let writer: SiteWriter
    let views: SiteViews
    /// The previous build's manifest (empty with `--force`).
    let previous: PageManifest

    /// Whether the previous site's file at `path` was made from `fingerprint` and is still
    /// there (one `lstat`), so it can be carried over. Safe on any thread.
    func canKeep(_ path: String, fingerprint: String) throws -> Bool {
        try previous.isFresh(path, fingerprint) && writer.keep(path)
    }

    /// Renders (or carries over) one page, on the calling thread.
    func render(_ page: SitePage) throws -> PageOutcome {
        if let fingerprint = page.fingerprint, let old = previous[page.path], old.fingerprint == fingerprint,
            try writer.keep(page.path)
        {
            return PageOutcome(path: page.path, fingerprint: fingerprint, note: old.note, rendered: false, write: .unchanged)
        }
        let root = String(repeating: "../", count: page.path.splitOnASCII(UInt8(ascii: "/")).count - 1)
        // The page's values are freed before the layout renders (items.html's are tens of megabytes).
        let (value, note) = Self.rooted(try page.view(), root: root)
        // Bytes throughout: the content goes into the layout and the page to its file as rendered.
        let content = try templates.renderBytes(page.template, consume value)
        let html = try templates.renderBytes("layout", .object(views.layout(title: page.title, root: root, section: page.section,
                                                                             content: .utf8(content))))
        let write = try writer.write(page.path, html)
        return PageOutcome(path: page.path, fingerprint: page.fingerprint, note: note, rendered: true, write: write)
    }

    /// A page's values with the relative path to the site root under `root`, and its note.
    private static func rooted(_ view: consuming PageView, root: String) -> (TemplateValue, String) {
        view.values["root"] = .text(root)
        return (.object(view.values), view.note)
    }

    /// Renders `pages` on all cores, `pagesPerChunk` at a time; outcomes come back in the order
    /// of `pages`. After a failure no new page is started, and the failure is thrown.
    ///
    /// `concurrentPerform` rather than a task group: the build's sequential work (items.html,
    /// the JSON export) then stays on one thread. Awaiting a task group let it resume on other
    /// threads, and a 4,000-drill build peaked 5–10% higher (more malloc arenas).
    func render(_ pages: [SitePage]) throws -> [PageOutcome] {
        try ParallelWork.map(pages, chunk: Self.pagesPerChunk, render)
    }
}
