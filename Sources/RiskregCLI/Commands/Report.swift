import ArgumentParser
import Foundation
import RiskregImport
import RiskregMarkdown
import RiskregModel
import RiskregReport
import RiskregSite
import RiskregStore

struct Report: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Status reports on the drill programme.", subcommands: [Weekly.self], defaultSubcommand: Weekly.self)

    struct Weekly: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "A weekly report: drills, items opened and closed, open items, checklists, risk posture.",
            discussion: "Default: the current ISO week as markdown on standard output. The site has one HTML page per week under reports/.")

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case markdown, html, json
        }

        @OptionGroup var options: RegisterOptions
        @Option(help: "ISO week, e.g. 2026-W19 (default: this week, up to today).") var week: String?
        @Option(help: "Start of a custom range (YYYY-MM-DD), with --until.") var since: String?
        @Option(help: "End of a custom range (YYYY-MM-DD), inclusive.") var until: String?
        @Option(help: "markdown, html or json.") var format: Format = .markdown
        @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var out: String?
        @Option(help: "Template folder for --format html (default: templates/ in the repository root if there is one, else the built-in templates).") var templates: String?
        @Flag(help: "Put @owner handles in code spans so pasting the markdown into GitHub notifies nobody.") var noMentions = false
        @Option(help: "The published site's URL (as given to build --base-url): drills, risks and the week link to their pages.") var baseURL: String?

        func validate() throws {
            if week != nil && (since != nil || until != nil) {
                throw ValidationError("use either --week or --since/--until, not both")
            }
            if (since == nil) != (until == nil) { throw ValidationError("--since and --until go together") }
            if let baseURL, !SiteOptions.isWebURL(baseURL) {
                throw ValidationError("--base-url '\(baseURL)' must be an absolute http:// or https:// URL, like https://sre.example.com/risks/")
            }
            if let week, ISOWeek(week) == nil { throw ValidationError("'\(week)' is not an ISO week like 2026-W19") }
            // Checked here, not in run(): a usage mistake prints this subcommand's usage.
            if let since, let until {
                let from = try CommonDay.parse(since), to = try CommonDay.parse(until)
                guard from <= to else { throw ValidationError("--since \(since) is after --until \(until)") }
            }
        }

        func run() async throws {
            let snapshot = try options.openStore().snapshot(includeHTML: false)
            let report: WeeklyReport
            if let since, let until {
                let from = try CommonDay.parse(since), to = try CommonDay.parse(until)
                guard from <= to else { throw ValidationError("--since \(since) is after --until \(until)") }
                report = WeeklyReport.make(snapshot: snapshot, since: from, until: to, label: "\(from.iso)..\(to.iso)")
            } else {
                // The same report as the site's page for the week: up to its Sunday, or up to
                // today for the current week, so a past week's report never changes.
                let today = try CommonDay.parse(nil)
                let isoWeek = week.flatMap(ISOWeek.init) ?? ISOWeek(containing: today)
                guard isoWeek.monday <= today else {
                    throw CommandError("\(isoWeek) has not started yet (today is \(today.iso)); pick this week or an earlier one")
                }
                report = WeeklyReportSet.report(snapshot: snapshot, week: isoWeek, asOf: today)
            }
            let text: String
            switch format {
            case .markdown:
                text = ReportMarkdown(mentions: !noMentions, siteURL: baseURL).render(report)
            case .json:
                text = try Terminal.json(ReportJSON(report)) + "\n"
            case .html:
                let folder = try options.templateFolder(templates)
                text = try ReportPage.standalone(report, snapshot: snapshot, templates: folder)
            }
            if let out {
                try AtomicFile.write(Data(text.utf8), to: out)
            } else {
                print(text, terminator: "")
            }
        }
    }
}
