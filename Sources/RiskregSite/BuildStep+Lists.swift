import Foundation
import RiskregModel
import RiskregReport

/// The two long lists, `drills/index.html` (every record) and `items.html` (every open action
/// item and unticked step, every record's completion). Up to `SiteOptions.listPageLimit` rows
/// each is one page, as it always was. Over it, each becomes an overview linking to one page
/// per month of records (`drills/months/2026-03.html`, `items/2026-03.html`), and every page is
/// fingerprinted by what it shows: a change to one log re-renders its month's pages, not a
/// list of every record. With the register's change log, month pages nothing changed on are
/// carried over without being fingerprinted (`BuildContext.carryMonth`). A month with more
/// records than the limit has one page per part of that many records (`ListMonth.parts`):
/// `drills/months/2026-03.html`, `drills/months/2026-03-2.html`, …
extension BuildStep {
    /// The templates of the overviews and month pages (not in `SiteBuilder.requiredTemplates`:
    /// see `requireMonthTemplates`).
    static let monthTemplates = ["drills-overview", "drills-month", "items-overview", "items-month"]

    static let renderDrillIndex = BuildStep(name: "Rendering the drill list") { context in
        let views = context.views
        guard drillListIsCut(views, limit: context.options.listPageLimit) else {
            try context.render(SitePage(path: "drills/index.html", template: "drills", title: "Drills", section: "drills",
                                        fingerprint: context.wholeRegister) { views.drillList() })
            return
        }
        try requireMonthTemplates(context, ["drills-overview", "drills-month"])
        let months = ListMonth.months(newestFirst: views.drillsNewestFirst)
        let parts = ListMonth.parts(of: months, limit: context.options.listPageLimit)
        let neighbours = ListMonth.neighbours(parts)
        var pages = [
            SitePage(path: "drills/index.html", template: "drills-overview", title: "Drills", section: "drills",
                     fingerprint: context.fingerprints.drillOverview(months)) { views.drillOverview(months) },
        ]
        for index in parts.indices {
            let (month, (previous, next)) = (parts[index], neighbours[index])
            let path = SiteViews.drillMonthPath(month)
            if try context.carryMonth(path, previous: previous, next: next) { continue }
            pages.append(SitePage(path: path, template: "drills-month", title: "Drills — \(month.pageLabel)",
                                  section: "drills", fingerprint: context.fingerprints.drillMonth(month, previous: previous, next: next)) {
                views.drillMonth(month, previous: previous, next: next)
            })
        }
        try context.render(pages)
    }

    static let renderItems = BuildStep(name: "Rendering action items and checklists") { context in
        let (views, analysis) = (context.views, context.analysis)
        let openActions = analysis.openActions()
        let openSteps = analysis.openChecklistSteps()
        guard itemListIsCut(views, openActions: openActions.count, openSteps: openSteps.count, limit: context.options.listPageLimit) else {
            try context.render(SitePage(path: "items.html", template: "items", title: "Action items and checklists", section: "items",
                                        fingerprint: context.wholeRegister) { views.items() })
            return
        }
        try requireMonthTemplates(context, ["items-overview", "items-month"])
        let months = ListMonth.months(newestFirst: views.drillsNewestFirst, openActions: openActions, openSteps: openSteps)
        let parts = ListMonth.parts(of: months, limit: context.options.listPageLimit)
        let neighbours = ListMonth.neighbours(parts)
        let stepCount = openSteps.count
        let asOf = context.options.asOf
        var pages = [
            SitePage(path: "items.html", template: "items-overview", title: "Action items and checklists", section: "items",
                     fingerprint: context.fingerprints.itemsOverview(openActions: openActions, stepCount: stepCount, months: months, asOf: asOf)) {
                views.itemsOverview(openActions: openActions, stepCount: stepCount, months: months)
            },
        ]
        for index in parts.indices {
            let (month, (previous, next)) = (parts[index], neighbours[index])
            let path = SiteViews.itemsMonthPath(month)
            if try context.carryMonth(path, previous: previous, next: next) { continue }
            pages.append(SitePage(path: path, template: "items-month", title: "Action items — \(month.pageLabel)",
                                  section: "items", fingerprint: context.fingerprints.itemsMonth(month, previous: previous, next: next, asOf: asOf)) {
                views.itemsMonth(month, previous: previous, next: next)
            })
        }
        try context.render(pages)
    }

    /// Whether `drills/index.html` has more rows (records) than `limit`.
    static func drillListIsCut(_ views: SiteViews, limit: Int) -> Bool {
        views.snapshot.drills.count > limit
    }

    /// Whether `items.html` has more rows (open action items, unticked steps, completion rows) than `limit`.
    static func itemListIsCut(_ views: SiteViews, openActions: Int, openSteps: Int, limit: Int) -> Bool {
        views.itemRowCount(openActions: openActions, openSteps: openSteps) > limit
    }

    /// The pages a list over the limit is cut into, for the sitemap: month pages and the parts
    /// of risks' drill lists.
    static func listPagePaths(_ views: SiteViews, limit: Int) -> [String] {
        var paths: [String] = []
        for status in views.analysis.riskStatuses {
            let parts = views.riskDrillParts(status)
            paths += parts.parts.map { $0.map(parts.path(of:)) } ?? []
        }
        let parts = ListMonth.parts(of: ListMonth.months(newestFirst: views.drillsNewestFirst), limit: limit)
        if drillListIsCut(views, limit: limit) { paths += parts.map(SiteViews.drillMonthPath) }
        if itemListIsCut(views, openActions: views.analysis.openActions().count, openSteps: views.analysis.openChecklistSteps().count, limit: limit) {
            paths += parts.map(SiteViews.itemsMonthPath)
        }
        return paths
    }

    /// The overview, month and part templates are not required of every template folder: one
    /// copied before they existed still builds a register under the limit, and over it this
    /// error says what to do.
    static func requireListTemplates(_ context: BuildContext, _ names: [String], because reason: String) throws {
        for name in names where !context.templates.names.contains(name) {
            throw SiteError(file: (context.templates.directory as NSString).appendingPathComponent(name + ".mustache"), line: nil,
                            reason: "missing template, needed because \(reason) (--list-page-limit); "
                                + "copy it from riskreg's built-in templates (riskreg templates --copy DIR)")
        }
    }

    private static func requireMonthTemplates(_ context: BuildContext, _ names: [String]) throws {
        try requireListTemplates(context, names, because: "the register has more than \(context.options.listPageLimit) rows")
    }
}
