import Dispatch
import Foundation
import RiskregModel
import RiskregReport

/// `riskreg build`: renders a register snapshot to a static site as a list of named steps.
///
/// Pages are rendered on all cores. Drill pages carry a fingerprint of everything they show
/// (ship log hash, neighbours, links, templates, options) in `.riskreg-pages`; a page whose
/// fingerprint is unchanged is carried over from the previous site without rendering.
package struct SiteBuilder {
    package static let requiredTemplates = ["layout", "home", "risks", "risk", "drills", "drill", "items", "reports", "report"]
    package static let manifestName = ".riskreg-pages"

    package var options: SiteOptions
    /// Supplies drills' rendered logs for `first...last` when the snapshot was read without them.
    package var htmlSource: ((_ first: Int, _ last: Int) throws -> [Int: String])?
    /// Called with "[3/8] Rendering drill pages" style progress lines.
    package var log: (String) -> Void = { _ in }

    package init(options: SiteOptions) {
        self.options = options
    }

    package struct Result {
        package var pages: Int
        package var rendered: Int
        package var written: Int
        package var unchanged: Int
    }

    /// A build step: a name for progress and errors, and its work.
    private struct Step {
        var name: String
        var run: () throws -> Void
    }

    /// One page to render: where, with which template, and how to make its values.
    package struct Page {
        package var path: String
        package var template: String
        package var title: String
        package var section: String
        /// When set, an unchanged fingerprint lets the previous file stand.
        package var fingerprint: String?
        package var values: () -> [String: Any]
        /// A line kept in the manifest beside the fingerprint (a report's headline).
        package var note: () -> String = { "" }
        /// Called with the previous note when the page is carried over instead of rendered.
        package var kept: (String) -> Void = { _ in }
    }

    /// Renders `pages` in parallel and writes each as soon as it is rendered.
    private final class Renderer: @unchecked Sendable {
        let templates: TemplateSet
        let writer: SiteWriter
        let views: SiteViews
        let previousManifest: [String: (fingerprint: String, note: String)]
        private let lock = NSLock()

        /// Whether a page with this fingerprint can be carried over rather than rendered.
        func isFresh(_ path: String, _ fingerprint: String) -> Bool {
            previousManifest[path]?.fingerprint == fingerprint
        }

        private(set) var manifest: [String: (fingerprint: String, note: String)] = [:]

        /// Carries a non-page file (feed, data) over when its fingerprint is unchanged.
        func keepFile(_ path: String, fingerprint: String) throws -> Bool {
            guard isFresh(path, fingerprint), try writer.keep(path) else { return false }
            lock.withLock { manifest[path] = (fingerprint, "") }
            return true
        }

        func recordFile(_ path: String, fingerprint: String) {
            lock.withLock { manifest[path] = (fingerprint, "") }
        }
        private(set) var pages = 0
        private(set) var rendered = 0

        init(templates: TemplateSet, writer: SiteWriter, views: SiteViews, previousManifest: [String: (fingerprint: String, note: String)]) {
            self.templates = templates
            self.writer = writer
            self.views = views
            self.previousManifest = previousManifest
        }

        func render(_ page: Page) throws {
            if let fingerprint = page.fingerprint, let old = previousManifest[page.path], old.fingerprint == fingerprint,
                try writer.keep(page.path)
            {
                page.kept(old.note)
                lock.withLock {
                    manifest[page.path] = old
                    pages += 1
                }
                return
            }
            let root = String(repeating: "../", count: page.path.split(separator: "/").count - 1)
            // Wrapped straight away: the plain dictionary is freed before rendering.
            let content = try templates.render(page.template, StrictContext(page.values(), root: root))
            let html = try templates.render("layout", views.layout(title: page.title, root: root, section: page.section, content: content))
            try writer.write(page.path, html)
            let note = page.note()
            lock.withLock {
                if let fingerprint = page.fingerprint { manifest[page.path] = (fingerprint, note) }
                pages += 1
                rendered += 1
            }
        }

        func render(_ pages: [Page]) throws {
            // Pages hold closures over read-only views; each page is rendered by one thread.
            nonisolated(unsafe) let list = pages
            let failure = NSLock()
            nonisolated(unsafe) var firstError: Error?
            let chunk = 16
            let chunks = (list.count + chunk - 1) / chunk
            DispatchQueue.concurrentPerform(iterations: chunks) { index in
                for page in list[(index * chunk)..<min(list.count, (index + 1) * chunk)] {
                    if failure.withLock({ firstError != nil }) { return }
                    do {
                        try render(page)
                    } catch {
                        failure.withLock { if firstError == nil { firstError = error } }
                        return
                    }
                }
            }
            if let firstError { throw firstError }
        }
    }

    /// Renders the site; `reportWeeks` get one report page each.
    package func build(snapshot: RegisterSnapshot, reportWeeks: [ISOWeek] = []) throws -> Result {
        try SiteOutputGuard(protectedPaths: options.protectedPaths).check(URL(fileURLWithPath: options.output))
        var renderer: Renderer!
        var writer: SiteWriter!
        var templates: TemplateSet!
        let analysis = RegisterAnalysis(snapshot: snapshot, asOf: options.asOf)
        var views: SiteViews!
        var fingerprints: PageFingerprints!
        var whole = ""
        nonisolated(unsafe) var summaries = [ReportSummary?](repeating: nil, count: reportWeeks.count)

        let steps: [Step] = [
            Step(name: "Loading templates") {
                templates = try TemplateSet(directory: options.templates, required: Self.requiredTemplates)
                writer = try SiteWriter(output: URL(fileURLWithPath: options.output))
                views = SiteViews(analysis: analysis, options: options, hasReports: !reportWeeks.isEmpty)
                renderer = Renderer(templates: templates, writer: writer, views: views,
                                    previousManifest: options.force ? [:] : Self.parseManifest(writer.previous(Self.manifestName)))
                fingerprints = PageFingerprints(snapshot: snapshot, templatesDigest: templates.digest, options: options,
                                                hasReports: !reportWeeks.isEmpty, repositoryLinkBase: views.repositoryLinkBase)
                whole = fingerprints.wholeRegister(asOf: options.asOf, reportWeeks: reportWeeks)
            },
            Step(name: "Rendering weekly reports") {
                guard !reportWeeks.isEmpty else { return }
                let views = views!
                let asOf = options.asOf
                let weekFingerprints = fingerprints.reports(reportWeeks, asOf: asOf)
                try renderer.render(reportWeeks.enumerated().map { offset, week in
                    Page(path: "reports/\(week).html", template: "report", title: "Week \(week)", section: "reports",
                         fingerprint: weekFingerprints[offset],
                         values: {
                             let report = WeeklyReportSet.report(snapshot: snapshot, week: week, asOf: asOf)
                             summaries[offset] = ReportSummary(report)
                             return views.report(report, previous: offset > 0 ? reportWeeks[offset - 1] : nil,
                                                 next: offset + 1 < reportWeeks.count ? reportWeeks[offset + 1] : nil)
                         },
                         note: { summaries[offset]?.headline ?? "" },
                         kept: { headline in
                             summaries[offset] = ReportSummary(week: week.description, since: week.monday.iso,
                                                               until: min(week.sunday, asOf).iso, headline: headline)
                         })
                })
                try renderer.render(Page(path: "reports/index.html", template: "reports", title: "Weekly reports", section: "reports",
                                         fingerprint: whole) { views.reportList(summaries.compactMap { $0 }) })
            },
            Step(name: "Rendering the dashboard") {
                let views = views!
                try renderer.render(Page(path: "index.html", template: "home", title: options.siteTitle, section: "home", fingerprint: whole) {
                    views.home(reports: summaries.compactMap { $0 })
                })
            },
            Step(name: "Rendering risk pages") {
                let views = views!
                var pages = views.riskLists().map { list in
                    Page(path: "risks/\(list.file)", template: "risks", title: list.title, section: "risks", fingerprint: whole) { list.values }
                }
                pages += analysis.riskStatuses.map { status in
                    Page(path: "risks/\(status.risk.id).html", template: "risk", title: "\(status.risk.id) — \(status.risk.title)",
                         section: "risks", fingerprint: whole) { views.risk(status) }
                }
                try renderer.render(pages)
            },
            Step(name: "Rendering drill pages") {
                let views = views!
                try renderer.render(Page(path: "drills/index.html", template: "drills", title: "Drills", section: "drills", fingerprint: whole) {
                    views.drillList()
                })
                let ordered = snapshot.drills
                let fingerprints = fingerprints!
                // In batches: logs are read only for the pages that must be rendered.
                let batch = 512
                var start = 0
                while start < ordered.count {
                    let range = start..<min(ordered.count, start + batch)
                    start = range.upperBound
                    let keys = range.map { offset in
                        fingerprints.drill(ordered[offset], previous: offset > 0 ? ordered[offset - 1] : nil,
                                           next: offset + 1 < ordered.count ? ordered[offset + 1] : nil, asOf: options.asOf)
                    }
                    let stale = range.filter { !renderer.isFresh("drills/\(ordered[$0].drill.id).html", keys[$0 - range.lowerBound]) }
                    var logs: [Int: String] = [:]
                    if let htmlSource, let first = stale.first, let last = stale.last {
                        logs = try htmlSource(ordered[first].key, ordered[last].key)
                    }
                    nonisolated(unsafe) let batchLogs = logs
                    try renderer.render(range.map { offset in
                        let record = ordered[offset]
                        let previous = offset > 0 ? ordered[offset - 1] : nil
                        let next = offset + 1 < ordered.count ? ordered[offset + 1] : nil
                        return Page(path: "drills/\(record.drill.id).html", template: "drill",
                                    title: record.drill.number.map { "Drill \(TextFormat.drillNumber($0)) — \(record.drill.title)" } ?? record.drill.title, section: "drills",
                                    fingerprint: keys[offset - range.lowerBound]) {
                            views.drill(record, previous: previous, next: next, logHTML: batchLogs[record.key])
                        }
                    })
                }
            },
            Step(name: "Rendering action items and checklists") {
                let views = views!
                try renderer.render(Page(path: "items.html", template: "items", title: "Action items and checklists", section: "items",
                                         fingerprint: whole) { views.items() })
            },
            Step(name: "Writing feed, data and sitemap") {
                for (name, data) in templates.assets.sorted(by: { $0.key < $1.key }) { try writer.write(name, data) }
                let files: [(String, () throws -> Data)] = [
                    ("feed.xml", { Data(Feeds.atom(snapshot: snapshot, options: options).utf8) }),
                    ("api/register.json", { try ExportDocument(snapshot: snapshot).json(html: htmlSource) + Data("\n".utf8) }),
                    ("sitemap.xml", { Data(Feeds.sitemap(snapshot: snapshot, options: options, reportWeeks: reportWeeks.map(\.description)).utf8) }),
                ]
                for (path, make) in files where try !renderer.keepFile(path, fingerprint: whole) {
                    try writer.write(path, try make())
                    renderer.recordFile(path, fingerprint: whole)
                }
                try writer.write(Self.manifestName, Self.formatManifest(renderer.manifest))
            },
            Step(name: "Swapping in the new site") {
                try writer.commit()
            },
        ]
        let timings = ProcessInfo.processInfo.environment["RISKREG_TIMINGS"] == "1"
        for (offset, step) in steps.enumerated() {
            log("[\(offset + 1)/\(steps.count)] \(step.name)")
            let started = DispatchTime.now().uptimeNanoseconds
            defer {
                if timings {
                    let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
                    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
                    let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }.map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "" } ?? ""
                    FileHandle.standardError.write(Data("  \(step.name): \(String(format: "%.0f", ms)) ms, peak \((Int(peak) ?? 0) / 1024) MB\n".utf8))
                }
            }
            do {
                try step.run()
            } catch var error as SiteError {
                error.step = step.name
                throw error
            } catch {
                throw SiteError(file: options.output, line: nil, reason: error.localizedDescription, step: step.name)
            }
        }
        return Result(pages: renderer.pages, rendered: renderer.rendered, written: writer.written, unchanged: writer.unchanged)
    }

    /// `path<TAB>fingerprint<TAB>note` lines.
    package static func parseManifest(_ data: Data?) -> [String: (fingerprint: String, note: String)] {
        guard let data else { return [:] }
        var manifest: [String: (fingerprint: String, note: String)] = [:]
        for line in String(decoding: data, as: UTF8.self).split(separator: "\n") {
            let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            if parts.count >= 2 { manifest[String(parts[0])] = (String(parts[1]), parts.count > 2 ? String(parts[2]) : "") }
        }
        return manifest
    }

    package static func formatManifest(_ manifest: [String: (fingerprint: String, note: String)]) -> String {
        manifest.sorted { $0.key < $1.key }.map { entry in
            let note = entry.value.note.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\t", with: " ")
            return "\(entry.key)\t\(entry.value.fingerprint)\t\(note)\n"
        }.joined()
    }
}
