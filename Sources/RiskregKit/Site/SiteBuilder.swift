import Foundation

/// `riskreg build`: renders a register snapshot to a static site as a list of named steps.
struct SiteBuilder {
    static let requiredTemplates = ["layout", "home", "risks", "risk", "drills", "drill", "items", "reports", "report"]

    var options: SiteOptions
    /// Called with "[3/8] Rendering drill pages" style progress lines.
    var log: (String) -> Void = { _ in }

    struct Result {
        var pages: Int
        var written: Int
        var unchanged: Int
    }

    /// A build step: a name for progress and errors, and its work.
    private struct Step {
        var name: String
        var run: () throws -> Void
    }

    /// Renders the site; `reportWeeks` get one report page each, computed and written one at a
    /// time so memory does not grow with the number of weeks.
    func build(snapshot: RegisterSnapshot, reportWeeks: [ISOWeek] = []) throws -> Result {
        var templates: TemplateSet!
        var writer: SiteWriter!
        var pages = 0
        let analysis = RegisterAnalysis(snapshot: snapshot, asOf: options.asOf)
        var views: SiteViews!
        var summaries: [ReportSummary] = []

        func page(_ path: String, template: String, title: String, section: String, values: [String: Any]) throws {
            let root = String(repeating: "../", count: path.split(separator: "/").count - 1)
            var values = values
            values["root"] = root
            let content = try templates.render(template, values)
            let html = try templates.render("layout", views.layout(title: title, root: root, section: section, content: content))
            try writer.write(path, html)
            pages += 1
        }

        let steps: [Step] = [
            Step(name: "Loading templates") {
                templates = try TemplateSet(directory: options.templates, required: Self.requiredTemplates)
                writer = try SiteWriter(output: URL(fileURLWithPath: options.output))
                views = SiteViews(analysis: analysis, options: options, hasReports: !reportWeeks.isEmpty)
            },
            Step(name: "Rendering weekly reports") {
                guard !reportWeeks.isEmpty else { return }
                for (offset, week) in reportWeeks.enumerated() {
                    let report = WeeklyReportSet.report(snapshot: snapshot, week: week, asOf: options.asOf)
                    try page("reports/\(week).html", template: "report", title: "Week \(week)", section: "reports",
                             values: views.report(report, previous: offset > 0 ? reportWeeks[offset - 1] : nil,
                                                  next: offset + 1 < reportWeeks.count ? reportWeeks[offset + 1] : nil))
                    summaries.append(ReportSummary(report))
                }
                try page("reports/index.html", template: "reports", title: "Weekly reports", section: "reports", values: views.reportList(summaries))
            },
            Step(name: "Rendering the dashboard") {
                try page("index.html", template: "home", title: options.siteTitle, section: "home", values: views.home(reports: summaries))
            },
            Step(name: "Rendering risk pages") {
                for list in views.riskLists() {
                    try page("risks/\(list.file)", template: "risks", title: list.title, section: "risks", values: list.values)
                }
                for status in analysis.riskStatuses {
                    try page("risks/\(status.risk.id).html", template: "risk", title: "\(status.risk.id) — \(status.risk.title)",
                             section: "risks", values: views.risk(status))
                }
            },
            Step(name: "Rendering drill pages") {
                try page("drills/index.html", template: "drills", title: "Drills", section: "drills", values: views.drillList())
                let ordered = snapshot.drills
                for (offset, record) in ordered.enumerated() {
                    let previous = offset > 0 ? ordered[offset - 1] : nil
                    let next = offset + 1 < ordered.count ? ordered[offset + 1] : nil
                    try page("drills/\(record.drill.number).html", template: "drill",
                             title: "Drill \(TextFormat.drillNumber(record.drill.number)) — \(record.drill.title)",
                             section: "drills", values: views.drill(record, previous: previous, next: next))
                }
            },
            Step(name: "Rendering action items and checklists") {
                try page("items.html", template: "items", title: "Action items and checklists", section: "items", values: views.items())
            },
            Step(name: "Writing feed, data and sitemap") {
                for (name, data) in templates.assets.sorted(by: { $0.key < $1.key }) { try writer.write(name, data) }
                try writer.write("feed.xml", Feeds.atom(snapshot: snapshot, options: options))
                try writer.write("api/register.json", try ExportDocument(snapshot: snapshot).json() + Data("\n".utf8))
                try writer.write("sitemap.xml", Feeds.sitemap(snapshot: snapshot, options: options, reportWeeks: reportWeeks.map(\.description)))
            },
            Step(name: "Swapping in the new site") {
                try writer.commit()
            },
        ]
        for (offset, step) in steps.enumerated() {
            log("[\(offset + 1)/\(steps.count)] \(step.name)")
            do {
                try step.run()
            } catch var error as SiteError {
                error.step = step.name
                throw error
            } catch {
                throw SiteError(file: options.output, line: nil, reason: error.localizedDescription, step: step.name)
            }
        }
        return Result(pages: pages, written: writer.written, unchanged: writer.unchanged)
    }
}
