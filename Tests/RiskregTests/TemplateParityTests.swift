import Foundation
import Testing

@testable import RiskregImport
@testable import RiskregModel
@testable import RiskregReport
@testable import RiskregSite
@testable import RiskregStore
@testable import RiskregTemplate

/// Every shipped template over real views renders to the same bytes with RiskregTemplate as
/// with swift-mustache (loaded as the site loaded it before): the pages of the example
/// register (`register/`, on the day `make demo` uses) and of the fixtures with hostile text,
/// history and write-ups, each page's content and its layout.
@Suite struct TemplateParityTests {
    static let templates = TestSupport.packageRoot.appendingPathComponent("templates").path

    /// One page as `BuildStep.stages` make it: its template, view and place in the layout.
    struct Page {
        var path: String
        var template: String
        var title: String
        var section: String
        var values: TemplateObject
    }

    /// Imports `folder` (a copy) and returns its snapshot.
    func snapshot(of source: URL) throws -> RegisterSnapshot {
        let folder = try TestSupport.temporaryFolder("parity")
        let copy = folder.appendingPathComponent("register")
        try FileManager.default.copyItem(at: source, to: copy)
        let database = folder.appendingPathComponent("riskreg.db").path
        var importer = Importer(databasePath: database, today: "2026-11-21")
        importer.base = copy.path
        _ = try importer.run(paths: ["."])
        return try RegisterStore(path: database).snapshot()
    }

    /// Every page a build renders, in `BuildStep.stages`' order.
    func pages(_ snapshot: RegisterSnapshot, asOf: Day) throws -> (SiteViews, [Page]) {
        var options = SiteOptions(asOf: asOf)
        options.repoURL = "https://git.example.com/team/repo/blob/main"
        let weeks = WeeklyReportSet.weeks(snapshot: snapshot, asOf: asOf)
        let views = SiteViews(analysis: RegisterAnalysis(snapshot: snapshot, asOf: asOf), options: options, hasReports: !weeks.isEmpty)
        var pages: [Page] = []
        var summaries: [ReportSummary] = []
        for (offset, week) in weeks.enumerated() {
            let report = WeeklyReportSet.report(snapshot: snapshot, week: week, asOf: asOf)
            let values = try views.report(report, previous: offset > 0 ? weeks[offset - 1] : nil, next: offset + 1 < weeks.count ? weeks[offset + 1] : nil)
            pages.append(Page(path: "reports/\(week).html", template: "report", title: "Week \(week)", section: "reports", values: values))
            summaries.append(ReportSummary(week: week.description, since: week.monday.iso, until: min(week.sunday, asOf).iso, headline: report.headline))
        }
        if !weeks.isEmpty {
            pages.append(Page(path: "reports/index.html", template: "reports", title: "Weekly reports", section: "reports", values: views.reportList(summaries)))
        }
        pages.append(Page(path: "index.html", template: "home", title: options.siteTitle, section: "home", values: views.home(reports: summaries)))
        for list in views.riskLists() {
            pages.append(Page(path: "risks/\(list.file)", template: "risks", title: list.title, section: "risks", values: views.values(list)))
        }
        for status in views.analysis.riskStatuses {
            pages.append(Page(path: "risks/\(status.risk.id).html", template: "risk", title: status.risk.title, section: "risks", values: try views.risk(status)))
        }
        pages.append(Page(path: "drills/index.html", template: "drills", title: "Drills", section: "drills", values: views.drillList()))
        let ordered = snapshot.drills
        for (offset, record) in ordered.enumerated() {
            let values = views.drill(record, previous: offset > 0 ? ordered[offset - 1] : nil, next: offset + 1 < ordered.count ? ordered[offset + 1] : nil)
            pages.append(Page(path: "drills/\(record.drill.id).html", template: "drill", title: record.drill.title, section: "drills", values: values))
        }
        pages.append(Page(path: "items.html", template: "items", title: "Action items", section: "items", values: views.items()))
        // The pages of the lists cut into months, as a register over the list page limit has them.
        let analysis = views.analysis
        let months = ListMonth.months(newestFirst: analysis.drillsNewestFirst, openActions: analysis.openActions(),
                                      openSteps: analysis.openChecklistSteps())
        let neighbours = ListMonth.neighbours(months)
        pages.append(Page(path: "drills/index.html", template: "drills-overview", title: "Drills", section: "drills", values: views.drillOverview(months)))
        pages.append(Page(path: "items.html", template: "items-overview", title: "Action items", section: "items",
                          values: views.itemsOverview(openActions: analysis.openActions(), stepCount: analysis.openChecklistSteps().count, months: months)))
        for (month, (previous, next)) in zip(months, neighbours) {
            pages.append(Page(path: SiteViews.drillMonthPath(month), template: "drills-month", title: month.label, section: "drills",
                              values: views.drillMonth(month, previous: previous, next: next)))
            pages.append(Page(path: SiteViews.itemsMonthPath(month), template: "items-month", title: month.label, section: "items",
                              values: views.itemsMonth(month, previous: previous, next: next)))
        }
        return (views, pages)
    }

    /// Where two outputs first differ, with a little context either side.
    func difference(_ old: String, _ new: String) -> String {
        let a = Array(old.utf8), b = Array(new.utf8)
        let index = zip(a, b).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, b.count)
        func around(_ bytes: [UInt8]) -> String {
            String(decoding: bytes[max(0, index - 80)..<min(bytes.count, index + 80)], as: UTF8.self).debugDescription
        }
        return "first difference at byte \(index) of \(a.count)/\(b.count):\n  swift-mustache: \(around(a))\n  RiskregTemplate: \(around(b))"
    }

    @Test(arguments: ["register", "Tests/RiskregTests/Fixtures/basic", "Tests/RiskregTests/Fixtures/hostile",
                      "Tests/RiskregTests/Fixtures/history", "Tests/RiskregTests/Fixtures/writeups", "Tests/RiskregTests/Fixtures/styles",
                      "Tests/RiskregTests/Fixtures/months"])
    func sameBytesAsSwiftMustache(register: String) throws {
        let snapshot = try snapshot(of: TestSupport.packageRoot.appendingPathComponent(register))
        let (views, pages) = try pages(snapshot, asOf: Day("2026-11-21")!)
        let legacy = try LegacyTemplates(directory: Self.templates)
        let templates = try TemplateSet(directory: Self.templates, required: SiteBuilder.requiredTemplates)
        var used: Set<String> = []
        for page in pages {
            let root = String(repeating: "../", count: page.path.split(separator: "/").count - 1)
            let old = try legacy.render(page.template, page.values, root: root)
            var values = page.values
            values["root"] = .text(root)
            let new = try templates.render(page.template, .object(values))
            #expect(old == new, "\(register): \(page.path) (\(page.template).mustache): \(difference(old, new))")
            let layout = views.layout(title: page.title, root: root, section: page.section, content: .text(new))
            let oldPage = try legacy.render("layout", layout)
            let newPage = try templates.render("layout", .object(layout))
            #expect(oldPage == newPage, "\(register): \(page.path) (layout.mustache): \(difference(oldPage, newPage))")
            used.insert(page.template)
        }
        if register == "register" {
            // The example register shows every page template (and through them every partial).
            #expect(used == Set(SiteBuilder.requiredTemplates + BuildStep.monthTemplates).subtracting(["layout"]))
            #expect(pages.count > 40)
        }
    }
}
