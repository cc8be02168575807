import Foundation
import Testing

@testable import RiskregImport
@testable import RiskregModel
@testable import RiskregReport
@testable import RiskregSite
@testable import RiskregStore

/// Over `--list-page-limit` rows, `drills/index.html` and `items.html` become overviews linking
/// to one page per month, and a change to one log re-renders only its month's pages (and what
/// else shows it). The `months` fixture has 12 records over six months of two years plus an
/// undated one; the tests cut its lists at 5 rows.
@Suite(.serialized) struct ListPagesTests {
    static let templates = TestSupport.packageRoot.appendingPathComponent("templates").path
    static let today = "2026-03-20"
    /// Each month of the fixture, newest first and undated last, with its number of records.
    static let months: [(key: String, label: String, records: Int)] = [
        ("2026-04", "April 2026", 1), ("2026-03", "March 2026", 3), ("2026-02", "February 2026", 3), ("2026-01", "January 2026", 1),
        ("2025-12", "December 2025", 2), ("2025-11", "November 2025", 1), ("undated", "Undated", 1),
    ]

    /// Imports the fixture into a temporary folder: the folder and the snapshot.
    func imported() throws -> (URL, RegisterSnapshot) {
        let folder = try TestSupport.copyFixture("months")
        var importer = Importer(databasePath: folder.appendingPathComponent("riskreg.db").path, today: Self.today)
        importer.base = folder.path
        _ = try importer.run(paths: ["."])
        return (folder, try RegisterStore(path: folder.appendingPathComponent("riskreg.db").path).snapshot())
    }

    @discardableResult
    func build(_ snapshot: RegisterSnapshot, into out: URL, limit: Int, templates: String = ListPagesTests.templates) throws -> SiteBuilder.Result {
        var options = SiteOptions(asOf: Day(Self.today)!)
        options.output = out.path
        options.templates = templates
        options.baseURL = "https://sre.example.com/"
        options.listPageLimit = limit
        return try SiteBuilder(options: options).build(snapshot: snapshot, reportWeeks: WeeklyReportSet.weeks(snapshot: snapshot, asOf: Day(Self.today)!))
    }

    func page(_ out: URL, _ path: String) throws -> String {
        try String(contentsOf: out.appendingPathComponent(path), encoding: .utf8)
    }

    /// A page's text without its tags (item texts are cut into runs around their dates).
    func text(_ html: String) -> String {
        html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            .replacingOccurrences(of: "&#39;", with: "'").replacingOccurrences(of: "&quot;", with: "\"")
            .replacingOccurrences(of: "&lt;", with: "<").replacingOccurrences(of: "&gt;", with: ">").replacingOccurrences(of: "&amp;", with: "&")
    }

    /// The rows of a month table: (href, label, first number).
    func monthRows(_ html: String) -> [(href: String, label: String, count: Int)] {
        let pattern = #"<tr><td><a href="([^"]+)">([^<]+)</a></td>\s*<td class="num"[^>]*>(\d+)</td>"#
        let regex = try! NSRegularExpression(pattern: pattern)
        return regex.matches(in: html, range: NSRange(html.startIndex..., in: html)).map { match in
            func group(_ index: Int) -> String { String(html[Range(match.range(at: index), in: html)!]) }
            return (group(1), group(2), Int(group(3)) ?? -1)
        }
    }

    /// Every file of a built site, relative path → bytes.
    func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let relative = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = folder.appendingPathComponent(relative).path
            // The stamp names the output folder, so it differs between two sites of one register.
            if relative == ".riskreg-build" { continue }
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = FileManager.default.contents(atPath: path)
            }
        }
        return result
    }

    @Test func overviewsListEveryMonthAndMonthPagesEveryRecordOnce() throws {
        let (folder, snapshot) = try imported()
        let out = folder.appendingPathComponent("site")
        try build(snapshot, into: out, limit: 5)

        // The drill overview: the counts, then every month with its number of records.
        let drills = try page(out, "drills/index.html")
        #expect(text(drills).contains("11 drills and 1 incident"))
        let drillRows = monthRows(drills)
        #expect(drillRows.map(\.href) == Self.months.map { "../drills/months/\($0.key).html" })
        #expect(drillRows.map(\.label) == Self.months.map(\.label))
        #expect(drillRows.map(\.count) == Self.months.map(\.records))

        // Every record is on exactly one month page: its own month's.
        var pagesOfRecord: [String: [String]] = [:]
        for month in Self.months {
            let html = try page(out, "drills/months/\(month.key).html")
            #expect(html.contains("href=\"../../drills/index.html\""), "\(month.key) links back to the overview")
            for record in snapshot.drills where html.contains("href=\"../../drills/\(record.drill.id).html\"") {
                pagesOfRecord[record.drill.id, default: []].append(month.key)
            }
        }
        for record in snapshot.drills {
            let month = record.drill.date.map { String($0.prefix(7)) } ?? "undated"
            #expect(pagesOfRecord[record.drill.id] == [month], "\(record.drill.id) is on \(pagesOfRecord[record.drill.id] ?? [])")
        }

        // The items overview: the counts as the whole page had them, the most urgent items, the months.
        let analysis = RegisterAnalysis(snapshot: snapshot, asOf: Day(Self.today)!)
        let open = analysis.openActions(), steps = analysis.openChecklistSteps()
        #expect(open.count == 10 && steps.count == 4)
        let items = try page(out, "items.html")
        #expect(text(items).contains("As of 2026-03-20: 10 open action items, 3 overdue; 4 checklist steps not ticked in executed drills."))
        let itemRows = monthRows(items)
        #expect(itemRows.map(\.href) == Self.months.map { "items/\($0.key).html" })
        func monthOf(_ item: RegisterAnalysis.OpenItem) -> String { item.drill.drill.date.map { String($0.prefix(7)) } ?? "undated" }
        #expect(itemRows.map(\.count) == Self.months.map { month in open.filter { monthOf($0) == month.key }.count })
        // The most urgent first (all ten here: fewer than 50).
        let overview = text(items)
        let positions = open.map { overview.range(of: $0.text)?.lowerBound }
        #expect(positions.allSatisfy { $0 != nil })
        #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())

        // Every open action item and unticked step is on its month's page, and on no other.
        let monthTexts = try Dictionary(uniqueKeysWithValues: Self.months.map { ($0.key, text(try page(out, "items/\($0.key).html"))) })
        for item in open + steps {
            let pages = monthTexts.filter { $0.value.contains(item.text) }.map(\.key)
            #expect(pages == [monthOf(item)], "\(item.text) is on \(pages)")
        }
        // Completion rows: a record with items is in its month's completion table.
        for record in snapshot.drills where !record.items.isEmpty {
            let month = record.drill.date.map { String($0.prefix(7)) } ?? "undated"
            #expect(try page(out, "items/\(month).html").contains("href=\"../drills/\(record.drill.id).html\""))
        }
        #expect(monthTexts["2025-11"]?.contains("No open action items.") == true)
        #expect(monthTexts["2025-11"]?.contains("As of") == false, "a month with nothing open does not depend on the day")

        // The sitemap names the month pages.
        let sitemap = try page(out, "sitemap.xml")
        #expect(Self.months.allSatisfy { sitemap.contains("drills/months/\($0.key).html") && sitemap.contains("items/\($0.key).html") })
    }

    /// Each page decides by its own rows; at the limit a list is whole, and whole lists are the
    /// pages riskreg always made.
    @Test func atOrUnderTheLimitTheListsAreWhole() throws {
        let (folder, snapshot) = try imported()
        let whole = folder.appendingPathComponent("whole"), atLimit = folder.appendingPathComponent("at-limit")
        try build(snapshot, into: whole, limit: SiteOptions.defaultListPageLimit)
        // 12 records: the drill list is at the limit; items.html has 10 + 4 + 12 rows, over it.
        try build(snapshot, into: atLimit, limit: 12)
        let wholeFiles = try files(whole), limitFiles = try files(atLimit)
        #expect(!wholeFiles.keys.contains { $0.hasPrefix("drills/months/") || $0.hasPrefix("items/") })
        #expect(wholeFiles["drills/index.html"] == limitFiles["drills/index.html"])
        #expect(!limitFiles.keys.contains { $0.hasPrefix("drills/months/") })
        #expect(limitFiles.keys.filter { $0.hasPrefix("items/") }.count == Self.months.count)
        #expect(try page(whole, "drills/index.html").contains("<h2 id=\"year-2026\">2026</h2>"))
    }

    /// Crawls every internal link of a site cut into months, and into parts of months.
    @Test(arguments: [5, 2]) func everyInternalLinkResolves(limit: Int) throws {
        let (folder, snapshot) = try imported()
        let out = folder.appendingPathComponent("site")
        try build(snapshot, into: out, limit: limit)
        var checked = 0
        for (path, data) in try files(out) where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            var rest = html[...]
            while let start = rest.range(of: "href=\"") {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                let link = String(rest[..<end])
                rest = rest[end...]
                if link.hasPrefix("http://") || link.hasPrefix("https://") || link.hasPrefix("#") { continue }
                let target = String(link.split(separator: "#", maxSplits: 1).first ?? "")
                let resolved = out.appendingPathComponent(path).deletingLastPathComponent().appendingPathComponent(target).standardizedFileURL
                if !resolved.path.hasPrefix(out.standardizedFileURL.path) { continue }
                #expect(FileManager.default.fileExists(atPath: resolved.path), "\(path) links to missing \(link)")
                checked += 1
            }
        }
        #expect(checked > 300)
    }

    /// A template folder copied before the month templates existed still builds a register under
    /// the limit; over it, the error names the template and the option.
    @Test func missingMonthTemplatesAreAnErrorOnlyOverTheLimit() throws {
        let (folder, snapshot) = try imported()
        let templates = folder.appendingPathComponent("old-templates")
        try FileManager.default.copyItem(atPath: Self.templates, toPath: templates.path)
        for name in BuildStep.monthTemplates { try FileManager.default.removeItem(at: templates.appendingPathComponent(name + ".mustache")) }
        try build(snapshot, into: folder.appendingPathComponent("whole"), limit: 100, templates: templates.path)
        #expect {
            try build(snapshot, into: folder.appendingPathComponent("cut"), limit: 5, templates: templates.path)
        } throws: { error in
            let text = (error as? SiteError)?.errorDescription ?? ""
            return text.contains("drills-overview.mustache") && text.contains("--list-page-limit")
        }
    }

    // MARK: Incremental builds

    /// `.riskreg-pages` as path → fingerprint, pages only.
    func manifest(_ site: URL) throws -> [String: String] {
        let entries = PageManifest(parsing: try Data(contentsOf: site.appendingPathComponent(PageManifest.fileName))).entries
        return entries.filter { $0.key.hasSuffix(".html") }.mapValues(\.fingerprint)
    }

    func rendered(_ output: String) -> Int? {
        // "built 82 pages into site/ (37 rendered): …"
        guard let range = output.range(of: #"\((\d+) rendered\)"#, options: .regularExpression) else { return nil }
        return Int(output[range].dropFirst().prefix { $0.isNumber })
    }

    /// The fixture imported in a folder of its own and built with `--list-page-limit limit`;
    /// `edit` changes one log, imports and builds again, checks the incremental build equals a
    /// fresh `--force` build byte for byte and rendered exactly the pages whose fingerprint
    /// changed, and returns those pages.
    struct EditSession {
        let folder: URL
        let limit: Int
        var site: URL { folder.appendingPathComponent("site") }

        init(limit: Int) throws {
            folder = try TestSupport.copyFixture("months")
            self.limit = limit
            try importAll()
            _ = try build("site")
        }

        private var environment: [String: String] { ["RISKREG_TODAY": ListPagesTests.today] }

        @discardableResult
        func build(_ out: String, _ extra: [String] = []) throws -> TestSupport.Run {
            let run = try TestSupport.run(["build", "--out", out, "--templates", ListPagesTests.templates, "--base-url", "https://example.org/r/",
                                           "--list-page-limit", String(limit)] + extra, in: folder, environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            return run
        }

        func importAll() throws {
            let run = try TestSupport.run(["import", "."], in: folder, environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
        }

        func edit(_ file: String, _ change: (String) -> String, _ name: String) throws -> Set<String> {
            let tests = ListPagesTests()
            let log = folder.appendingPathComponent("logs/\(file)")
            let text = try String(contentsOf: log, encoding: .utf8)
            let changed = change(text)
            #expect(changed != text, "\(name): the edit changes the log")
            try changed.write(to: log, atomically: true, encoding: .utf8)
            try importAll()
            let before = try tests.manifest(site)
            let incremental = try build("site")
            let after = try tests.manifest(site)
            let renderedPages = Set(after.keys.filter { before[$0] != after[$0] })
            // The renderer renders a page exactly when its fingerprint changed (or it is new).
            #expect(tests.rendered(incremental.stdout) == renderedPages.count, "\(name): \(incremental.stdout)")

            let fresh = folder.appendingPathComponent("fresh")
            try? FileManager.default.removeItem(at: fresh)
            let forced = try build("fresh", ["--force"])
            #expect((tests.rendered(incremental.stdout) ?? .max) < (tests.rendered(forced.stdout) ?? 0), "\(name)")
            TestSupport.expectSameSite(try tests.files(site), try tests.files(fresh), name)
            return renderedPages
        }
    }

    /// After each edit, an incremental build equals a fresh `--force` build byte for byte, and
    /// renders exactly the pages whose fingerprint changed: the edited record's month pages and
    /// what else shows it, never another month's page.
    @Test func anEditReRendersOnlyItsMonthsPages() throws {
        let session = try EditSession(limit: 5)
        let allMonths = Set(Self.months.map(\.key))

        // Tick drill 08's open action item (March): its month's pages and the items overview
        // (one fewer open item), not the drill overview (no count changed), no other month.
        var pages = try session.edit("2026-03-10-drill-08-clock-skew.md", {
            $0.replacingOccurrences(of: "- [ ] Reschedule drill 08", with: "- [x] Reschedule drill 08")
        }, "tick an action item")
        #expect(pages.isSuperset(of: ["drills/8.html", "drills/months/2026-03.html", "items/2026-03.html", "items.html"]), "\(pages.sorted())")
        #expect(!pages.contains("drills/index.html"), "\(pages.sorted())")
        for month in allMonths.subtracting(["2026-03"]) {
            #expect(!pages.contains("drills/months/\(month).html") && !pages.contains("items/\(month).html"), "\(month): \(pages.sorted())")
        }

        // Reword a finished record's summary (November 2025, nothing open): only its own pages
        // among the lists; neither overview, since neither shows anything that changed.
        pages = try session.edit("2025-11-04-drill-01-worker-kill.md", {
            $0.replacingOccurrences(of: "What happened in", with: "What we saw in")
        }, "reword a summary")
        #expect(pages.isSuperset(of: ["drills/1.html", "drills/months/2025-11.html", "items/2025-11.html"]), "\(pages.sorted())")
        #expect(!pages.contains("drills/index.html") && !pages.contains("items.html"), "\(pages.sorted())")
        for month in allMonths.subtracting(["2025-11"]) {
            #expect(!pages.contains("drills/months/\(month).html") && !pages.contains("items/\(month).html"), "\(month): \(pages.sorted())")
        }

        // Move drill 05 from February to January: both months' pages and both overviews
        // (their counts change), no other month.
        pages = try session.edit("2026-02-03-drill-05-broker-restart.md", {
            $0.replacingOccurrences(of: "date: 2026-02-03", with: "date: 2026-01-27")
        }, "move a record to another month")
        #expect(pages.isSuperset(of: ["drills/index.html", "items.html", "drills/months/2026-01.html", "drills/months/2026-02.html",
                                      "items/2026-01.html", "items/2026-02.html"]), "\(pages.sorted())")
        for month in allMonths.subtracting(["2026-01", "2026-02"]) {
            #expect(!pages.contains("drills/months/\(month).html") && !pages.contains("items/\(month).html"), "\(month): \(pages.sorted())")
        }
    }

    // MARK: Parts of a risk's drills

    /// A risk's drills (not its incidents) as its pages list them: oldest first, undated first.
    func riskDrills(_ snapshot: RegisterSnapshot, _ risk: String) throws -> [String] {
        let keys = Set(try #require(snapshot.risks.first { $0.risk.id == risk }).drills)
        return snapshot.drills.filter { keys.contains($0.key) && $0.drill.kind == .drill }
            .sorted { ($0.drill.date ?? "", $0.key) < ($1.drill.date ?? "", $1.key) }.map(\.drill.id)
    }

    /// The records a page's drill table links to, in order (`<h2 id="drills">` to its `</tbody>`).
    func drillTableLinks(_ html: String) throws -> [String] {
        let start = try #require(html.range(of: "id=\"drills\""))
        let end = try #require(html[start.upperBound...].range(of: "</tbody>"))
        let table = String(html[start.upperBound..<end.lowerBound])
        let regex = try NSRegularExpression(pattern: #"href="\.\./drills/([^"/]+)\.html""#)
        return regex.matches(in: table, range: NSRange(table.startIndex..., in: table)).map {
            String(table[Range($0.range(at: 1), in: table)!])
        }
    }

    /// At a limit of 2, risk M1 (7 drills: 11 undated, 1, 3, 6, 7, 8, 10) and M2 (5 drills and
    /// the queue outage) are cut: each risk's page lists its newest 2 drills, and the older ones
    /// are on parts of 2 counted from the oldest, each drill on exactly one page; the pages
    /// link to each other, the incident stays on the risk's page, the sitemap names the parts,
    /// and a build with a higher limit lists every drill on the risk's page again and drops them.
    @Test func aRiskOverTheLimitListsItsNewestDrillsAndTheOlderOnesInParts() throws {
        let (folder, snapshot) = try imported()
        let out = folder.appendingPathComponent("site")
        try build(snapshot, into: out, limit: 2)
        #expect(try riskDrills(snapshot, "M1") == ["11", "1", "3", "6", "7", "8", "10"])
        for (risk, partCount) in [("M1", 3), ("M2", 2)] {
            let all = try riskDrills(snapshot, risk)
            let main = try page(out, "risks/\(risk).html")
            #expect(try drillTableLinks(main) == Array(all.suffix(2)), "\(risk)")
            #expect(text(main).contains("The newest 2 of \(all.count) drills, oldest first."), "\(risk)")
            var listed: [String] = []
            for part in 1...partCount {
                let path = "risks/\(risk)-drills-\(part).html"
                let html = try page(out, path)
                let first = (part - 1) * 2, last = min(part * 2, all.count - 2)
                #expect(try drillTableLinks(html) == Array(all[first..<last]), "\(path)")
                #expect(text(html).contains(last - first == 1 ? "Drill \(last) of \(all.count)" : "Drills \(first + 1)–\(last) of \(all.count)"), "\(path)")
                #expect(html.contains("<a href=\"../risks/\(risk).html\">newest 2</a>"), "\(path) links to the risk's page")
                #expect(main.contains("href=\"../risks/\(risk)-drills-\(part).html\""), "\(risk) links to part \(part)")
                #expect(try page(out, "sitemap.xml").contains("https://sre.example.com/\(path)"))
                listed += try drillTableLinks(html)
            }
            #expect(listed + all.suffix(2) == all, "every drill of \(risk) on one page, in order")
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("risks/\(risk)-drills-\(partCount + 1).html").path))
        }
        #expect(try page(out, "risks/M2.html").contains("href=\"../drills/queue-outage.html\""), "the incident is on the risk's page")
        #expect(!(try files(out).keys.contains { $0.hasPrefix("risks/M2-drills-") && (try? page(out, $0).contains("queue-outage.html")) == true }))

        try build(snapshot, into: out, limit: 100)
        #expect(try files(out).keys.filter { $0.contains("-drills-") }.isEmpty)
        #expect(try drillTableLinks(try page(out, "risks/M1.html")) == riskDrills(snapshot, "M1"))
        #expect(!(try page(out, "risks/M1.html").contains("class=\"parts\"")))
    }

    /// A template folder from before the risk parts still builds a register whose risks are
    /// under the limit; over it, the error names the missing template and the option.
    @Test func aMissingRiskPartTemplateIsAnErrorOnlyOverTheLimit() throws {
        let (folder, snapshot) = try imported()
        let templates = folder.appendingPathComponent("old-templates")
        try FileManager.default.copyItem(atPath: Self.templates, toPath: templates.path)
        try FileManager.default.removeItem(at: templates.appendingPathComponent("risk-drills.mustache"))
        try build(snapshot, into: folder.appendingPathComponent("whole"), limit: 100, templates: templates.path)
        #expect {
            try build(snapshot, into: folder.appendingPathComponent("cut"), limit: 5, templates: templates.path)
        } throws: { error in
            let text = (error as? SiteError)?.errorDescription ?? ""
            return text.contains("risk-drills.mustache") && text.contains("risk M1 has more than 5 drills") && text.contains("--list-page-limit")
        }
    }

    /// Retitling a drill re-renders its risk's page and the one part that lists it (and the
    /// part equals a fresh build's), not the risk's other parts nor another risk's.
    @Test func anEditReRendersOnlyItsPartOfTheRisksDrills() throws {
        let session = try EditSession(limit: 2)
        // Drill 03 is on M1's part 2 (drills 3–4).
        let pages = try session.edit("2025-12-16-drill-03-worker-kill-again.md", {
            $0.replacingOccurrences(of: "# Drill 03: worker kill again", with: "# Drill 03: a worker killed again")
        }, "retitle a drill")
        #expect(pages.isSuperset(of: ["drills/3.html", "risks/M1.html", "risks/M1-drills-2.html"]), "\(pages.sorted())")
        #expect(pages.isDisjoint(with: ["risks/M1-drills-1.html", "risks/M1-drills-3.html", "risks/M2.html", "risks/M2-drills-1.html",
                                        "risks/M2-drills-2.html"]), "\(pages.sorted())")
    }

    // MARK: Parts of a month

    /// At a limit of 2, March (drills 09, 08, 07) and February (drill 06, the outage, drill 05)
    /// are cut into two parts each, newest first; the other months stay whole.
    static let partsAtTwo: [String: [[String]]] = ["2026-03": [["9", "8"], ["7"]], "2026-02": [["6", "queue-outage"], ["5"]]]

    /// A month with more records than the limit is cut into parts of that many, newest first:
    /// each record and each of its open items on exactly one part (the same one in both lists),
    /// the parts linking to each other, the pager going through them in time, the overviews
    /// counting whole months and linking to their first parts.
    @Test func aMonthOverTheLimitIsCutIntoParts() throws {
        let (folder, snapshot) = try imported()
        let out = folder.appendingPathComponent("site")
        try build(snapshot, into: out, limit: 2)
        let ids = Set(snapshot.drills.map(\.drill.id))
        #expect(Self.partsAtTwo.values.joined().joined().allSatisfy(ids.contains), "fixture ids: \(ids.sorted())")

        // Which page each record is on, in each list.
        func pageKeys(_ month: String) -> [String] {
            let count = Self.partsAtTwo[month]?.count ?? 1
            return (1...count).map { $0 == 1 ? month : "\(month)-\($0)" }
        }
        var drillPageOf: [String: [String]] = [:], itemsPageOf: [String: [String]] = [:]
        for month in Self.months {
            #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("drills/months/\(month.key)-\(pageKeys(month.key).count + 1).html").path))
            for key in pageKeys(month.key) {
                let drills = try page(out, "drills/months/\(key).html"), items = try page(out, "items/\(key).html")
                for record in snapshot.drills {
                    if drills.contains("href=\"../../drills/\(record.drill.id).html\"") { drillPageOf[record.drill.id, default: []].append(key) }
                    if items.contains("href=\"../drills/\(record.drill.id).html\"") { itemsPageOf[record.drill.id, default: []].append(key) }
                }
            }
        }
        for record in snapshot.drills {
            let month = record.drill.date.map { String($0.prefix(7)) } ?? "undated"
            let part = Self.partsAtTwo[month]?.firstIndex { $0.contains(record.drill.id) }
            let expected = part.map { $0 == 0 ? month : "\(month)-\($0 + 1)" } ?? month
            #expect(drillPageOf[record.drill.id] == [expected], "\(record.drill.id) is on drill pages \(drillPageOf[record.drill.id] ?? [])")
            if !record.items.isEmpty {
                #expect(itemsPageOf[record.drill.id] == [expected], "\(record.drill.id) is on item pages \(itemsPageOf[record.drill.id] ?? [])")
            }
        }

        // Every open action item and unticked step is on the part of its record, and on no other page.
        let analysis = RegisterAnalysis(snapshot: snapshot, asOf: Day(Self.today)!)
        var texts: [String: String] = [:]
        for month in Self.months { for key in pageKeys(month.key) { texts[key] = text(try page(out, "items/\(key).html")) } }
        for item in analysis.openActions() + analysis.openChecklistSteps() {
            let pages = texts.filter { $0.value.contains(item.text) }.map(\.key)
            #expect(pages.count == 1 && itemsPageOf[item.drill.drill.id] == pages, "\(item.text) is on \(pages)")
        }

        // Each part says which records it lists and links to the others.
        let second = try page(out, "drills/months/2026-03-2.html")
        #expect(text(second).contains("Part 2 of 2: record 3 of the month's 3."))
        #expect(second.contains("<a href=\"../../drills/months/2026-03.html\">1</a>") && second.contains("aria-current=\"page\">2</span>"))
        let first = try page(out, "items/2026-02.html")
        #expect(text(first).contains("Part 1 of 2: records 1–2 of the month's 3."))
        #expect(first.contains("<a href=\"../items/2026-02-2.html\">2</a>") && first.contains("aria-current=\"page\">1</span>"))
        #expect(try !page(out, "drills/months/2026-04.html").contains("class=\"parts\""), "a whole month has no parts")

        // The pager goes through the parts in time: March's older part comes after February's newer one.
        #expect(second.contains("<a rel=\"prev\" href=\"../../drills/months/2026-02.html\">← February 2026 (1 of 2)</a>"))
        #expect(second.contains("<a rel=\"next\" href=\"../../drills/months/2026-03.html\">March 2026 (1 of 2) →</a>"))
        #expect(try page(out, "items/2026-03.html").contains("<a rel=\"prev\" href=\"../items/2026-03-2.html\">← March 2026 (2 of 2)</a>"))

        // The overviews count whole months and link to their first parts; the sitemap names every part.
        let rows = monthRows(try page(out, "drills/index.html"))
        #expect(rows.map(\.href) == Self.months.map { "../drills/months/\($0.key).html" })
        #expect(rows.map(\.count) == Self.months.map(\.records))
        let sitemap = try page(out, "sitemap.xml")
        for month in Self.months {
            for key in pageKeys(month.key) { #expect(sitemap.contains("drills/months/\(key).html") && sitemap.contains("items/\(key).html")) }
        }
    }

    /// An edit re-renders only its own part's pages; a record moving out of a cut month makes
    /// it whole again, and its last part's pages go.
    @Test func anEditReRendersOnlyItsPart() throws {
        let session = try EditSession(limit: 2)
        // Drill 08 is in March's first part.
        var pages = try session.edit("2026-03-10-drill-08-clock-skew.md", {
            $0.replacingOccurrences(of: "- [ ] Reschedule drill 08", with: "- [x] Reschedule drill 08")
        }, "tick an action item in a part")
        #expect(pages.isSuperset(of: ["drills/8.html", "drills/months/2026-03.html", "items/2026-03.html"]), "\(pages.sorted())")
        #expect(pages.allSatisfy { !$0.contains("2026-03-2") && !$0.contains("2026-02") && !$0.contains("2026-01") }, "\(pages.sorted())")

        // Drill 04 moves from January to February (four records, still two parts): January's
        // pages go, March's older part is untouched (its neighbour is still "February (1 of 2)").
        pages = try session.edit("2026-01-13-drill-04-slow-consumer.md", {
            $0.replacingOccurrences(of: "date: 2026-01-13", with: "date: 2026-02-20")
        }, "move a record into a cut month")
        let site = session.site
        func exists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path) }
        #expect(!exists("drills/months/2026-01.html") && !exists("items/2026-01.html"))
        #expect(pages.isSuperset(of: ["drills/months/2026-02.html", "drills/months/2026-02-2.html"]), "\(pages.sorted())")
        #expect(!pages.contains("drills/months/2026-03-2.html") && !pages.contains("drills/months/2026-03.html"), "\(pages.sorted())")

        // Drill 03 moves from December to February (five records, three parts): March's older
        // part shows nothing else that changed, but its link to February now says "(1 of 3)".
        pages = try session.edit("2025-12-16-drill-03-worker-kill-again.md", {
            $0.replacingOccurrences(of: "date: 2025-12-16", with: "date: 2026-02-26")
        }, "a neighbouring month gains a part")
        #expect(exists("drills/months/2026-02-3.html") && exists("items/2026-02-3.html"))
        #expect(pages.isSuperset(of: ["drills/months/2026-03-2.html", "items/2026-03-2.html"]), "\(pages.sorted())")
        #expect(try page(site, "drills/months/2026-03-2.html").contains("← February 2026 (1 of 3)</a>"))
        #expect(!pages.contains("drills/months/2026-03.html"), "\(pages.sorted())")

        // Drill 07 moves from March to February: March is whole again and its second part's
        // pages go; February has six records in three parts.
        pages = try session.edit("2026-03-03-drill-07-disk-full.md", {
            $0.replacingOccurrences(of: "date: 2026-03-03", with: "date: 2026-02-27")
        }, "move a record out of a cut month")
        #expect(!exists("drills/months/2026-03-2.html") && !exists("items/2026-03-2.html"))
        #expect(!exists("drills/months/2026-02-4.html"))
        #expect(pages.isSuperset(of: ["drills/months/2026-02.html", "drills/months/2026-02-2.html", "drills/months/2026-03.html"]), "\(pages.sorted())")
        #expect(!pages.contains { $0.contains("2025-11") || $0.contains("undated") }, "\(pages.sorted())")
    }
}
