import RiskregModel
import RiskregReport
import RiskregTemplate

/// The list pages of a register with more rows than `SiteOptions.listPageLimit`: an overview
/// (`drills/index.html`, `items.html`) linking to one page per month
/// (`drills/months/2026-03.html`, `items/2026-03.html`), each made of the rows and partials the
/// whole lists use.
extension SiteViews {
    /// Open action items the items overview lists: the most urgent ones.
    package static let urgentItemLimit = 50

    /// Where a month's page is: `drills/months/2026-03.html` or `items/2026-03.html` (a part
    /// after the first: `drills/months/2026-03-2.html`).
    package static func drillMonthPath(_ month: ListMonth) -> String { "drills/months/\(month.pageKey).html" }
    package static func itemsMonthPath(_ month: ListMonth) -> String { "items/\(month.pageKey).html" }

    /// Rows `items.html` has when whole: open action items, unticked steps, completion rows.
    package func itemRowCount(openActions: Int, openSteps: Int) -> Int {
        openActions + openSteps + snapshot.drills.count(where: { !$0.items.isEmpty })
    }

    /// "1 open action item", "3 open action items".
    private static func plural(_ count: Int, _ noun: String) -> String {
        "\(count) \(noun)\(count == 1 ? "" : "s")"
    }

    private func monthLink(_ month: ListMonth?, path: (ListMonth) -> String) -> TemplateValue {
        guard let month else { return false }
        return ["href": .text(path(month)), "label": .text(month.pageLabel)]
    }

    /// A cut month's parts, for `month-parts`: which records this part lists and a link to
    /// each part; false for a month on one page.
    private func monthParts(_ month: ListMonth, path: (ListMonth) -> String) -> TemplateValue {
        guard month.partCount > 1 else { return false }
        let last = month.firstRecord + month.records.count
        let records = last == month.firstRecord + 1 ? "record \(last)" : "records \(month.firstRecord + 1)–\(last)"
        let links = (1...month.partCount).map { number -> TemplateValue in
            var other = month
            other.part = number
            return ["number": .int(number), "href": .text(path(other)), "current": .bool(number == month.part)]
        }
        return [
            "label": .text(month.label),
            "text": .text("Part \(month.part) of \(month.partCount): \(records) of the month's \(month.monthRecordCount)."),
            "links": .list(links),
        ]
    }

    // MARK: Drills

    /// `drills/index.html` as an overview: the counts and the months.
    package func drillOverview(_ months: [ListMonth]) -> TemplateObject {
        [
            "count": .int(snapshot.drills.count), "countText": .text(Self.countText(snapshot.drills)),
            "months": .list(months.map { month -> TemplateValue in
                ["label": .text(month.label), "href": .text(Self.drillMonthPath(month)), "count": .int(month.records.count)]
            }),
        ]
    }

    /// One month's records, in the rows of the whole list.
    package func drillMonth(_ month: ListMonth, previous: ListMonth?, next: ListMonth?) -> TemplateObject {
        [
            "label": .text(month.label), "heading": .text(month.isUndated ? "Undated drills" : "Drills in \(month.label)"),
            "countText": .text(Self.countText(month.records, namingNoDrills: false)), "undated": .bool(month.isUndated),
            "drills": .rows(of: month.records) { [self] in drillRow($0) }, "parts": monthParts(month, path: Self.drillMonthPath),
            "previousMonth": monthLink(previous, path: Self.drillMonthPath), "nextMonth": monthLink(next, path: Self.drillMonthPath),
        ]
    }

    // MARK: Items

    /// The counts at the top of `items.html`, whole or as an overview.
    package func itemCounts(openActions: [RegisterAnalysis.OpenItem], stepCount: Int) -> TemplateObject {
        [
            "asOf": .text(analysis.asOf.iso), "openCount": .int(openActions.count),
            "overdueCount": Self.count(openActions.count(where: \.isOverdue)), "stepCount": .int(stepCount),
        ]
    }

    /// `items.html` as an overview: the counts, the most urgent open action items and the months.
    package func itemsOverview(openActions: [RegisterAnalysis.OpenItem], stepCount: Int, months: [ListMonth]) -> TemplateObject {
        let urgent = openActions.prefix(Self.urgentItemLimit).map {
            itemRow($0.record, drill: $0.drill, root: "", ageDays: $0.ageDays, overdue: $0.isOverdue)
        }
        let page: TemplateObject = [
            "open": .rows(urgent), "shown": .int(urgent.count), "more": .bool(openActions.count > urgent.count),
            "months": .list(months.map { month -> TemplateValue in
                [
                    "label": .text(month.label), "href": .text(Self.itemsMonthPath(month)), "records": .int(month.records.count),
                    "openCount": .int(month.openActions.count), "overdueCount": Self.count(month.openActions.count(where: \.isOverdue)),
                    "stepCount": .int(month.openSteps.count),
                ]
            }),
        ]
        return itemCounts(openActions: openActions, stepCount: stepCount).merging(page)
    }

    /// One month's records: their open action items, unticked checklist steps and completion.
    /// The day is shown only when the page shows open items (their ages and "overdue" are
    /// measured against it).
    package func itemsMonth(_ month: ListMonth, previous: ListMonth?, next: ListMonth?) -> TemplateObject {
        // Rows are made as the page renders them: a month of a large register has thousands.
        let row: @Sendable (RegisterAnalysis.OpenItem) -> TemplateObject = { [self] open in
            itemRow(open.record, drill: open.drill, root: "../", ageDays: open.ageDays, overdue: open.isOverdue)
        }
        let showsDay = !month.openActions.isEmpty || !month.openSteps.isEmpty
        return [
            "label": .text(month.label), "heading": .text("Action items and checklists: \(month.label)"),
            "countText": .text(Self.countText(month.records, namingNoDrills: false)), "undated": .bool(month.isUndated),
            "asOf": .optional(showsDay ? analysis.asOf.iso : nil),
            "open": .rows(of: month.openActions, row), "steps": .rows(of: month.openSteps, row),
            "openText": .text(Self.plural(month.openActions.count, "open action item")),
            "overdueCount": Self.count(month.openActions.count(where: \.isOverdue)),
            "stepText": .text(Self.plural(month.openSteps.count, "checklist step") + " not ticked"),
            "drills": completionRows(month.records), "parts": monthParts(month, path: Self.itemsMonthPath),
            "previousMonth": monthLink(previous, path: Self.itemsMonthPath), "nextMonth": monthLink(next, path: Self.itemsMonthPath),
        ]
    }
}
