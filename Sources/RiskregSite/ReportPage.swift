import Foundation
import RiskregModel
import RiskregReport
import RiskregTemplate

/// A weekly report as an HTML page of its own, outside a site (`riskreg report weekly --format html`).
package enum ReportPage {
    /// Renders `report` with the `report` and `layout` templates in `templates`: the page the site
    /// has under `reports/`, without links to the weeks before and after, and with the folder's
    /// `style.css` inlined so the saved file is styled on its own. Figures are as of the report's
    /// last day.
    package static func standalone(_ report: WeeklyReport, snapshot: RegisterSnapshot, templates directory: String?) throws -> String {
        let templates = try TemplateSet(directory: directory, required: ["layout", "report"])
        let views = SiteViews(analysis: RegisterAnalysis(snapshot: snapshot, asOf: report.until),
                              options: SiteOptions(asOf: report.until), hasReports: true)
        let root = "../"
        var values = ReportViews.values(report, views: views, root: root)
        values["previousReport"] = false
        values["nextReport"] = false
        values["root"] = .text(root)
        let content = try templates.render("report", .object(values))
        let style = templates.assets["style.css"].map { String(decoding: $0, as: UTF8.self) }
        return try templates.render("layout", .object(views.layout(title: "Week \(report.week)", root: root, section: "reports",
                                                                   content: .text(content), inlineStyle: style)))
    }
}
