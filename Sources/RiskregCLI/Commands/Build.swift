import ArgumentParser
import Foundation
import RiskregImport
import RiskregMarkdown
import RiskregModel
import RiskregReport
import RiskregSite
import RiskregStore

struct Build: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the register to a static site (dashboard, risks, drills, items, reports, feed).",
        discussion: "Only pages whose inputs changed are rendered, and only files whose bytes changed are written: each into a temporary folder beside --out first, then renamed into place (or, when pages appear or go, the whole new site swapped in at once), so a failed or killed build leaves every page whole and every link resolving. Unchanged files keep their bytes and mtimes. A build with nothing new to show (same register, day, options and templates) only checks that the files are there. Open public/index.html from disk or serve the folder from any web server.")

    @OptionGroup var options: RegisterOptions
    @Option(name: .shortAndLong, help: "Output folder (default: public/ in the repository root).") var out: String?
    @Option(help: "Template folder (default: templates/ in the repository root if there is one, else the templates built into riskreg; `riskreg templates --copy DIR` writes them out to customise).") var templates: String?
    @Option(help: "Absolute site URL, e.g. https://sre.example.com/risks/; feed.xml and sitemap.xml are written only with it.") var baseURL: String?
    @Option(help: "Repository URL artifact paths link under, e.g. https://github.com/org/repo/blob/main.") var repoURL: String?
    @Option(help: "Measure ages and overdue items against this day (YYYY-MM-DD); default today.") var asOf: String?
    @Flag(help: "Add a build timestamp to every page (makes output differ between builds).") var stamp = false
    @Flag(help: "Render every page again instead of carrying unchanged ones over.") var force = false
    @Option(help: ArgumentHelp("Rows drills/index.html and items.html may hold; a longer list becomes an overview linking to one page per month (drills/months/YYYY-MM.html, items/YYYY-MM.html), and a month with more records than N one page per N records (YYYY-MM-2.html, …). A risk with more than N drills lists its newest N on its page and the older ones on pages of N (risks/ID-drills-1.html, …).",
                               valueName: "N")) var listPageLimit = SiteOptions.defaultListPageLimit
    @Flag(name: .shortAndLong, help: "Print only the summary line.") var quiet = false

    func validate() throws {
        if asOf != nil { _ = try CommonDay.parse(asOf) }
        guard listPageLimit >= 1 else { throw ValidationError("--list-page-limit must be at least 1") }
        for (flag, value) in [("--base-url", baseURL), ("--repo-url", repoURL)] {
            guard let value else { continue }
            guard SiteOptions.isWebURL(value) else {
                throw ValidationError("\(flag) '\(value)' must be an absolute http:// or https:// URL, like https://sre.example.com/risks/")
            }
        }
    }

    func run() async throws {
        let day = try CommonDay.parse(asOf)
        let started = Date()
        let store = try options.openStore()
        let root = try options.repositoryRoot()
        let out = self.out ?? SourceFiles.display((root as NSString).appendingPathComponent("public"))
        var siteOptions = SiteOptions(asOf: day)
        siteOptions.output = out
        siteOptions.templates = try options.templateFolder(templates)
        siteOptions.repositoryRoot = root
        siteOptions.baseURL = baseURL
        siteOptions.repoURL = repoURL
        siteOptions.force = force
        siteOptions.listPageLimit = listPageLimit
        siteOptions.protectedPaths = [options.databasePath]
        if stamp { siteOptions.stamp = ISO8601DateFormatter().string(from: Date()) }
        var builder = SiteBuilder(options: siteOptions)
        if !quiet { builder.log = { print($0) } }
        builder.keepsWorkUntilExit = true
        // Read before the snapshot: a write committed in between leaves the site marked older.
        let generation = try store.generation()
        let timings = ProcessInfo.processInfo.environment["RISKREG_TIMINGS"] == "1"
        func timing(_ label: String, since: Date) {
            if timings { FileHandle.standardError.write(Data("  \(label): \(Int(Date().timeIntervalSince(since) * 1000)) ms\n".utf8)) }
        }
        let result: SiteBuilder.Result
        let current = try builder.upToDate(generation: generation)
        timing("checking whether the site is up to date", since: started)
        if let current {
            if !quiet { print("nothing to do: the site was built from this register, day, options and templates") }
            result = current
        } else {
            let reading = Date()
            let snapshot = try store.snapshot(includeDetails: false)
            // In the same read as the snapshot: which records changed since the previous build.
            let changes = try store.recordChanges(since: builder.previousMark())
            timing("reading the register", since: reading)
            builder.details = RegisterStore.detailSource(store)
            let reportWeeks = WeeklyReportSet.weeks(snapshot: snapshot, asOf: day)
            result = try builder.build(snapshot: snapshot, reportWeeks: reportWeeks, generation: generation, changes: changes)
            if timings {
                let log = changes.since.map { "\($0.count) change\($0.count == 1 ? "" : "s") since the previous build" } ?? "no change log since the previous build"
                FileHandle.standardError.write(Data("  records compared: \(result.recordsCompared) of \(snapshot.drills.count) (\(log))\n".utf8))
            }
            KeptUntilExit.keep(snapshot)
        }
        if baseURL == nil && !quiet {
            print("note: feed.xml and sitemap.xml not written: they need absolute URLs; pass --base-url https://… to make them")
        }
        print("built \(result.pages) pages into \(out)/ (\(result.rendered) rendered): \(result.written) files written, \(result.unchanged) unchanged")
    }
}

/// Parsing of `--as-of` style day options.
enum CommonDay {
    /// `text` as a day; without one, today (`RISKREG_TODAY` when set).
    static func parse(_ text: String?) throws -> Day {
        guard let text else {
            if let fixed = ProcessInfo.processInfo.environment["RISKREG_TODAY"], Day(fixed) == nil {
                throw CommandError("RISKREG_TODAY='\(fixed)' is not a date like 2026-05-08; fix or unset it")
            }
            return Day(Clock.today()) ?? Day(date: Date())
        }
        guard let day = Day(text) else { throw ValidationError("'\(text)' is not a date like 2026-05-08") }
        return day
    }
}
