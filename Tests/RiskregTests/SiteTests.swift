import Foundation
import Testing

@testable import RiskregCLI
@testable import RiskregImport
@testable import RiskregMarkdown
@testable import RiskregModel
@testable import RiskregReport
@testable import RiskregSite
@testable import RiskregStore

@Suite struct SiteTests {
    static let templates = TestSupport.packageRoot.appendingPathComponent("templates").path
    static let asOf = Day("2026-05-20")!

    /// Imports a fixture into a temp folder and returns (folder, snapshot).
    func imported(_ fixture: String, today: String = "2026-05-10", adding extra: [String: String] = [:]) throws -> (URL, RegisterSnapshot) {
        let folder = try TestSupport.copyFixture(fixture)
        for (path, text) in extra { try text.write(to: folder.appendingPathComponent(path), atomically: true, encoding: .utf8) }
        var importer = Importer(databasePath: folder.appendingPathComponent("riskreg.db").path, today: today)
        importer.base = folder.path
        _ = try importer.run(paths: ["."])
        return (folder, try RegisterStore(path: folder.appendingPathComponent("riskreg.db").path).snapshot())
    }

    func build(_ snapshot: RegisterSnapshot, into out: URL, templates: String = SiteTests.templates,
               repoURL: String? = "https://git.example.com/team/repo/blob/main",
               baseURL: String? = "https://sre.example.com/") throws -> SiteBuilder.Result {
        var options = SiteOptions(asOf: Self.asOf)
        options.output = out.path
        options.templates = templates
        options.repoURL = repoURL
        options.baseURL = baseURL
        return try SiteBuilder(options: options).build(snapshot: snapshot, reportWeeks: WeeklyReportSet.weeks(snapshot: snapshot, asOf: Self.asOf))
    }

    /// Every file under `folder`, relative path → bytes.
    func files(_ folder: URL) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: folder.path)
        while let relative = walker?.nextObject() as? String {
            var isDirectory: ObjCBool = false
            let path = folder.appendingPathComponent(relative).path
            if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue {
                result[relative] = FileManager.default.contents(atPath: path)
            }
        }
        return result
    }

    @Test func pagesMatchCheckedInSnapshots() throws {
        let (folder, snapshot) = try imported("basic")
        let out = folder.appendingPathComponent("public")
        _ = try build(snapshot, into: out)
        let expected = TestSupport.packageRoot.appendingPathComponent("Tests/RiskregTests/Expected/site")
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        for page in ["index.html", "drills/4.html", "risks/A10.html", "items.html", "reports/2026-W19.html", "feed.xml"] {
            let actual = try String(contentsOf: out.appendingPathComponent(page), encoding: .utf8)
            let file = expected.appendingPathComponent(page.replacingOccurrences(of: "/", with: "_"))
            if record {
                try actual.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            let wanted = try String(contentsOf: file, encoding: .utf8)
            #expect(actual == wanted, "\(page) differs from \(file.lastPathComponent); run RECORD_SNAPSHOTS=1 swift test to re-record")
        }
    }

    @Test func dashboardSaysWhatACarefulReaderExpects() throws {
        let (folder, snapshot) = try imported("basic")
        let out = folder.appendingPathComponent("public")
        _ = try build(snapshot, into: out)
        let home = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(home.contains("<a href=\"risks/A11.html\"><span class=\"id\">A11</span> Hard kill</a>"))  // never drilled
        #expect(home.contains("risks/cell-4-5.html"))  // A10 is likelihood 4, impact 5
        #expect(home.contains("A12</span> Redis credentials rejected</a> <span class=\"muted\">last <span class=\"date\">2026-03-26</span>"))  // outside production only
        let drill = try String(contentsOf: out.appendingPathComponent("drills/4.html"), encoding: .utf8)
        #expect(drill.contains("href=\"https://git.example.com/team/repo/blob/main/docs/results/04.md\""))
        #expect(drill.contains("<h2 id=\"log\">Ship log</h2>"))
        #expect(!drill.contains("<h1>2026-05-08"))  // the log's own h1 is demoted below the page's
        #expect(drill.contains("rel=\"prev\" href=\"../drills/2.html\""))
        let a10 = try String(contentsOf: out.appendingPathComponent("risks/A10.html"), encoding: .utf8)
        #expect(a10.contains("FIS hard-kill scenario @platform due <span class=\"date\">2026-06-30</span>"))
        // The data: an index, and one file per record holding what the export holds of it.
        let index = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("api/index.json"))) as? [String: Any]
        #expect(index?["schema"] as? String == "riskreg/2")
        let entries = index?["drills"] as? [[String: Any]] ?? []
        #expect(entries.map { $0["href"] as? String } == snapshot.drills.map { "drills/\($0.drill.id).json" })
        let export = try JSONSerialization.jsonObject(with: ExportDocument(snapshot: snapshot).json()) as? [String: Any]
        for (offset, entry) in entries.enumerated() {
            let record = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("api/" + (entry["href"] as? String ?? ""))))
            #expect(NSDictionary(dictionary: record as? [String: Any] ?? [:]).isEqual(to: (export?["drills"] as? [[String: Any]])?[offset] ?? [:]),
                    "api/\(entry["href"] ?? "") differs from the export's record")
        }
        let indexRisks = NSArray(array: index?["risks"] as? [Any] ?? [])
        #expect(indexRisks.isEqual(to: export?["risks"] as? [Any] ?? []))
        let sitemap = try String(contentsOf: out.appendingPathComponent("sitemap.xml"), encoding: .utf8)
        #expect(sitemap.contains("<loc>https://sre.example.com/drills/4.html</loc>"))
    }

    /// Issue: without --base-url, feed.xml had a relative `<id>` (RFC 4287 wants an absolute IRI)
    /// and sitemap.xml relative `<loc>`s (invalid against the sitemaps.org schema). Without a
    /// base URL neither is written, a previous build's copies go, and no page links to the feed.
    @Test func feedAndSitemapNeedABaseURL() throws {
        let (folder, snapshot) = try imported("basic")
        let out = folder.appendingPathComponent("public")
        _ = try build(snapshot, into: out)
        #expect(try files(out)["feed.xml"] != nil && files(out)["sitemap.xml"] != nil)

        _ = try build(snapshot, into: out, baseURL: nil)
        let all = try files(out)
        #expect(all["feed.xml"] == nil)
        #expect(all["sitemap.xml"] == nil)
        #expect(all["api/index.json"] != nil)
        let manifest = String(decoding: all[PageManifest.fileName] ?? Data(), as: UTF8.self)
        #expect(!manifest.contains("feed.xml") && !manifest.contains("sitemap.xml"))
        for (path, data) in all where path.hasSuffix(".html") {
            #expect(!String(decoding: data, as: UTF8.self).contains("feed.xml"), "\(path) links to a feed that is not there")
        }

        _ = try build(snapshot, into: out)
        let again = try files(out)
        #expect(again["feed.xml"] != nil && again["sitemap.xml"] != nil)
        let home = String(decoding: again["index.html"] ?? Data(), as: UTF8.self)
        #expect(home.contains("<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Drills\" href=\"feed.xml\">"))
    }

    /// With a base URL every id, link and loc is absolute, and no `<updated>` comes from a drill
    /// planned after the build's day (such drills are not entries yet).
    @Test func feedIsAbsoluteAndNeverDatedAfterTheBuildDay() throws {
        let plan = "---\ndrill: 9\ndate: 2026-06-01\nstatus: planned\n---\n# Drill 09 plan: region evacuation\n\n## Action items\n\n- [ ] Book the window\n"
        let (folder, snapshot) = try imported("basic", adding: ["logs/2026-06-01-drill-09-region-evacuation.md": plan])
        #expect(snapshot.drills.contains { $0.drill.number == 9 && $0.drill.status == .planned })
        let out = folder.appendingPathComponent("public")
        _ = try build(snapshot, into: out)
        let feed = try String(contentsOf: out.appendingPathComponent("feed.xml"), encoding: .utf8)
        let sitemap = try String(contentsOf: out.appendingPathComponent("sitemap.xml"), encoding: .utf8)
        func values(_ open: String, _ close: String, in text: String) -> [String] {
            text.components(separatedBy: open).dropFirst().compactMap { $0.components(separatedBy: close).first }
        }
        let updated = values("<updated>", "</updated>", in: feed)
        #expect(updated.count == 3)  // the feed and drills 4 and 2
        #expect(updated.allSatisfy { $0 <= Self.asOf.iso + "T00:00:00Z" }, "\(updated)")
        #expect(updated.first == "2026-05-08T00:00:00Z")
        #expect(!feed.contains("drills/9.html") && !feed.contains("region evacuation"))
        let iris = values("<id>", "</id>", in: feed) + values("href=\"", "\"", in: feed) + values("<loc>", "</loc>", in: sitemap)
        #expect(iris.count > 10)
        for iri in iris {
            #expect(iri.hasPrefix("https://sre.example.com/") || iri.hasPrefix("urn:riskreg:drill:"), "\(iri) is not absolute")
        }
        #expect(sitemap.contains("<loc>https://sre.example.com/drills/9.html</loc>"))  // the page exists
    }

    /// Issue: titles repeated their prefix ("Drill 04 — 2026-05-08 — Drill 04 executed…",
    /// "← Drill 03 — Drill 03 — …", "Drill 05 (planned): Drill 05 plan…").
    @Test func drillNamesDoNotRepeatTheirPrefix() throws {
        let (folder, snapshot) = try imported("basic")
        let out = folder.appendingPathComponent("public")
        _ = try build(snapshot, into: out)
        func page(_ path: String) throws -> String { try String(contentsOf: out.appendingPathComponent(path), encoding: .utf8) }
        let four = try page("drills/4.html")
        #expect(four.contains("<title>Drill 04 — ECS task stop mid-SSE-stream · Risk register</title>"))
        #expect(four.contains("<h1><span class=\"id\">04</span> ECS task stop mid-SSE-stream</h1>"))
        #expect(four.contains(">← Drill 02 — Redis WRONGPASS at boot</a>"))
        #expect(try page("drills/2.html").contains(">Drill 04 — ECS task stop mid-SSE-stream →</a>"))
        #expect(try page("drills/index.html").contains("<span class=\"id\">04</span> ECS task stop mid-SSE-stream</a>"))
        #expect(try page("items.html").contains("<span class=\"id\">04</span> ECS task stop mid-SSE-stream</a>"))
        #expect(try page("feed.xml").contains("<title>Drill 04 — ECS task stop mid-SSE-stream (executed)</title>"))
        for path in ["drills/2.html", "drills/4.html", "drills/index.html", "items.html", "index.html", "feed.xml"] {
            let text = try page(path)
            #expect(!text.contains("Drill 04 — 2026-05-08") && !text.contains("</span> 2026-05-08 —") && !text.contains("): 2026-05-08"), "\(path)")
        }
    }

    @Test func hostileLogsCannotInjectScript() throws {
        let (folder, snapshot) = try imported("hostile")
        let out = folder.appendingPathComponent("public")
        _ = try build(snapshot, into: out, repoURL: nil)
        let all = try files(out)
        #expect(all["drills/66.html"] != nil)
        for (path, data) in all where path.hasSuffix(".html") || path.hasSuffix(".xml") {
            let text = String(decoding: data, as: UTF8.self).lowercased()
            #expect(!text.contains("<script"), "\(path) has a script tag")
            #expect(!text.contains("<iframe"), "\(path) has an iframe")
            #expect(!text.contains("<style"), "\(path) has a style tag")
            // Inside real tags (escaped text is harmless): no event handlers, no javascript: URLs.
            var rest = text[...]
            while let open = rest.firstIndex(of: "<") {
                guard let close = rest[open...].firstIndex(of: ">") else { break }
                let tag = rest[open...close]
                #expect(!tag.contains("javascript:"), "\(path): \(tag)")
                #expect(!tag.contains("data:text"), "\(path): \(tag)")
                let words = tag.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "/" })
                #expect(!words.dropFirst().contains { $0.hasPrefix("on") && $0.contains("=") }, "\(path): \(tag)")
                rest = rest[rest.index(after: close)...]
            }
        }
        let drill = String(decoding: all["drills/66.html"]!, as: UTF8.self)
        #expect(drill.contains("<title>Drill 66 — &lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt; · "))
        // Escaping artifact paths are shown, never linked.
        #expect(drill.contains("<code class=\"artifact\">../../../etc/passwd</code>"))
        #expect(drill.contains("<code class=\"artifact\">/etc/shadow</code>"))
    }

    @Test func artifactLinksStayInsideTheRepository() {
        var options = SiteOptions(asOf: Self.asOf)
        options.repoURL = "https://git.example.com/repo/blob/main/"
        let views = SiteViews(analysis: RegisterAnalysis(snapshot: RegisterSnapshot(registers: [], risks: [], drills: []), asOf: Self.asOf),
                              options: options, hasReports: false)
        #expect(views.artifactHref("docs/a b#1.md", root: "../") == "https://git.example.com/repo/blob/main/docs/a%20b%231.md")
        // Every byte of a non-ASCII character is encoded, as `addingPercentEncoding` does.
        #expect(views.artifactHref("docs/café/ü~x_y.md", root: "../") == "https://git.example.com/repo/blob/main/docs/caf%C3%A9/%C3%BC~x_y.md")
        for bad in ["../secret", "docs/../../x", "/etc/passwd", "~/x", "javascript:alert(1)", "a\\b", "docs//x", "docs/", "./x", "a\u{0}b"] {
            #expect(views.artifactHref(bad, root: "../") == nil, "\(bad)")
        }
        options.repoURL = "javascript:alert(1)"
        let unsafe = SiteViews(analysis: views.analysis, options: options, hasReports: false)
        #expect(unsafe.artifactHref("docs/x.md", root: "") == nil)
    }

    @Test func buildIsDeterministicAndIncremental() throws {
        let (folder, snapshot) = try imported("basic")
        let first = folder.appendingPathComponent("one")
        let second = folder.appendingPathComponent("two")
        _ = try build(snapshot, into: first)
        _ = try build(snapshot, into: second)
        #expect(try files(first) == files(second))

        let page = first.appendingPathComponent("drills/4.html").path
        let past = Date(timeIntervalSince1970: 1_000_000_000)
        try FileManager.default.setAttributes([.modificationDate: past], ofItemAtPath: page)
        let again = try build(snapshot, into: first)
        #expect(again.written == 0)
        // Every file but the manifest (which is not counted) was left as it was.
        let count = try files(first).count
        #expect(again.unchanged == count - 1)
        let mtime = try FileManager.default.attributesOfItem(atPath: page)[.modificationDate] as? Date
        #expect(mtime == past)
        #expect(again.rendered < again.pages)

        // --force renders every page again; the bytes, and so the mtimes, stay.
        var options = SiteOptions(asOf: Self.asOf)
        options.output = first.path
        options.templates = Self.templates
        options.repoURL = "https://git.example.com/team/repo/blob/main"
        options.baseURL = "https://sre.example.com/"
        options.force = true
        let forced = try SiteBuilder(options: options).build(snapshot: snapshot, reportWeeks: WeeklyReportSet.weeks(snapshot: snapshot, asOf: Self.asOf))
        #expect(forced.rendered == forced.pages)
        #expect(forced.written == 0)
    }

    /// The page cache must never serve a stale page: after edits, an incremental build equals a
    /// build from scratch, byte for byte.
    @Test func incrementalBuildEqualsAFreshBuildAfterEdits() throws {
        let folder = try TestSupport.copyFixture("history")
        for (number, day) in [(1, "2026-04-01"), (2, "2026-04-08")] {
            try "# Drill \(number) executed: older\n\n## Action items\n\n- [ ] Old follow-up \(number)\n"
                .write(to: folder.appendingPathComponent("\(day)-drill-0\(number).md"), atomically: true, encoding: .utf8)
        }
        var first = Importer(databasePath: folder.appendingPathComponent("riskreg.db").path, today: "2026-05-06")
        first.base = folder.path
        _ = try first.run(paths: ["."])
        let snapshot = try RegisterStore(path: folder.appendingPathComponent("riskreg.db").path).snapshot()
        let incremental = folder.appendingPathComponent("site")
        _ = try build(snapshot, into: incremental)
        let log = folder.appendingPathComponent("2026-05-05-drill-10-worker-crash.md")
        let text = try String(contentsOf: log, encoding: .utf8)
        try text.replacingOccurrences(of: "- [ ] Reset status", with: "- [x] Reset status")
            .replacingOccurrences(of: "worker crash mid-task", with: "worker crash, re-run")
            .write(to: log, atomically: true, encoding: .utf8)
        try "# Drill 11 executed: second\n\n## Action items\n\n- [ ] New follow-up due 2026-05-12\n"
            .write(to: folder.appendingPathComponent("2026-05-12-drill-11.md"), atomically: true, encoding: .utf8)
        var importer = Importer(databasePath: folder.appendingPathComponent("riskreg.db").path, today: "2026-05-13")
        importer.base = folder.path
        _ = try importer.run(paths: ["."])
        let edited = try RegisterStore(path: folder.appendingPathComponent("riskreg.db").path).snapshot()
        let second = try build(edited, into: incremental)
        #expect(second.rendered < second.pages)  // something was carried over
        let fresh = folder.appendingPathComponent("fresh")
        _ = try build(edited, into: fresh)
        let a = try files(incremental), b = try files(fresh)
        TestSupport.expectSameSite(a, b)
        let page = String(decoding: a["drills/10.html"] ?? Data(), as: UTF8.self)
        #expect(page.contains("worker crash, re-run"))
    }

    /// A log with findings that have bodies, for the tests of logs read in batches.
    static let findingsLog = (path: "logs/2026-05-20-drill-06-cache-flush.md", text: """
        ---
        drill: 6
        date: 2026-05-20
        risks: [A12]
        ---
        # Cache flush under load

        ## Findings

        ### 1. Warm-up took longer than the budget

        The cache refilled in **95 s** against a budget of 60 s; see `docs/results/06.txt`.

        ### 2. No alert fired

        Nobody was paged: the hit-rate alert waits 10 minutes.

        """)

    /// `riskreg build` reads the register without drills' HTML, headline numbers and findings,
    /// and fetches them where pages show them (drill pages and JSON in batches, risk pages and
    /// reports by record); the site must equal one built from a snapshot holding all of it.
    @Test func batchedLogsGiveTheSameSite() throws {
        let (folder, snapshot) = try imported("basic", adding: [Self.findingsLog.path: Self.findingsLog.text])
        let eager = folder.appendingPathComponent("eager")
        _ = try build(snapshot, into: eager)
        let store = try RegisterStore(path: folder.appendingPathComponent("riskreg.db").path)
        var options = SiteOptions(asOf: Self.asOf)
        options.output = folder.appendingPathComponent("lazy").path
        options.templates = Self.templates
        options.repoURL = "https://git.example.com/team/repo/blob/main"
        options.baseURL = "https://sre.example.com/"
        var builder = SiteBuilder(options: options)
        let lean = try store.snapshot(includeDetails: false)
        builder.details = RegisterStore.detailSource(store)
        #expect(lean.drills.allSatisfy { $0.drill.html.isEmpty && !$0.hasDetails })
        // Headline numbers and findings are left out, their count and first title kept.
        #expect(snapshot.drills.contains { !$0.drill.metrics.isEmpty })
        #expect(lean.drills.allSatisfy { $0.drill.metrics.isEmpty && $0.drill.findings.isEmpty && $0.drill.mentions.isEmpty })
        #expect(lean.drills.map(\.findingCount) == snapshot.drills.map(\.findingCount))
        #expect(lean.drills.map(\.firstFinding) == snapshot.drills.map(\.firstFinding))
        #expect(snapshot.drills.contains { $0.findingCount > 1 })
        // Findings' bodies too are read a batch at a time; the fixture has some to compare.
        #expect(snapshot.drills.contains { $0.drill.findings.contains { !$0.html.isEmpty } })
        #expect(lean.drills.allSatisfy { $0.drill.findings.allSatisfy(\.html.isEmpty) })
        // Summaries too (only the feed shows them): the feeds compared below have some.
        #expect(snapshot.drills.contains { !$0.drill.summary.isEmpty })
        #expect(lean.drills.allSatisfy { $0.drill.summary.isEmpty })
        // Held small: source hashes short enough to be stored inline, and records linking the
        // same risks share one array.
        #expect(lean.drills.allSatisfy { $0.sourceHash.utf8.count <= 15 } && lean.registers.allSatisfy { $0.sourceHash.utf8.count <= 15 })
        let sameRisks = Dictionary(grouping: lean.drills.filter { !$0.risks.isEmpty }, by: \.risks).values.first { $0.count > 1 }
        let storage = try #require(sameRisks).map { $0.risks.withUnsafeBufferPointer { Int(bitPattern: $0.baseAddress) } }
        #expect(Set(storage).count == 1)
        _ = try builder.build(snapshot: lean, reportWeeks: WeeklyReportSet.weeks(snapshot: lean, asOf: Self.asOf))
        let lazySite = try files(folder.appendingPathComponent("lazy"))
        #expect(lazySite == (try files(eager)))
        // The pages compared show what was fetched: a report and a risk page show drill 4's numbers and findings.
        func page(_ path: String) -> String { String(decoding: lazySite[path] ?? Data(), as: UTF8.self) }
        #expect(page("risks/A10.html").contains("Stream duration") && page("drills/4.html").contains("Stream duration"))
        #expect(lazySite.contains { $0.key.hasPrefix("reports/2026-W") && String(decoding: $0.value, as: UTF8.self).contains("Stream duration") })
        let feed = try String(contentsOf: folder.appendingPathComponent("lazy/feed.xml"), encoding: .utf8)
        #expect(feed.components(separatedBy: "<summary>").dropFirst().contains { !$0.hasPrefix("</summary>") })
    }

    /// `riskreg export` reads logs and findings' bodies in batches; its document must equal
    /// one made from a snapshot holding all of them.
    @Test func batchedLogsGiveTheSameExport() throws {
        let (folder, snapshot) = try imported("basic", adding: [Self.findingsLog.path: Self.findingsLog.text])
        #expect(snapshot.drills.contains { $0.drill.findings.count == 2 && $0.drill.findings.allSatisfy { !$0.html.isEmpty } })
        let store = try RegisterStore(path: folder.appendingPathComponent("riskreg.db").path)
        let leanSnapshot = try store.snapshot(includeDetails: false)
        let batched = try ExportDocument(snapshot: leanSnapshot).json { try store.recordDetails(from: $0, through: $1) }
        #expect(try batched == ExportDocument(snapshot: snapshot).json())
        // Without the batches the logs and findings would be empty: the comparison means something.
        #expect(try batched != ExportDocument(snapshot: leanSnapshot).json())

        // Streamed (what `riskreg export` writes): the same bytes, handed over in several runs
        // while records are still being encoded, never as one document.
        var runs: [[UInt8]] = []
        try ExportDocument.write(snapshot: leanSnapshot, details: { try store.recordDetails(from: $0, through: $1) }, flushEvery: 64) {
            runs.append($0)
        }
        #expect(runs.count > 2 && runs.allSatisfy { !$0.isEmpty })
        #expect(Data(runs.joined()) == batched)
        // The first run is handed over before the rest of the document exists.
        #expect(!String(decoding: runs[0], as: UTF8.self).contains("\"schema\""))
        #expect(String(decoding: runs[runs.count - 1], as: UTF8.self).contains("\"schema\""))
    }

    /// What risk pages and reports fetch by key: each record's headline numbers and findings'
    /// titles, as a full snapshot holds them; keys without a record are left out.
    @Test func detailsByKeyMatchTheSnapshot() throws {
        let (folder, snapshot) = try imported("basic", adding: [Self.findingsLog.path: Self.findingsLog.text])
        let store = try RegisterStore(path: folder.appendingPathComponent("riskreg.db").path)
        let keys = snapshot.drills.map(\.key)
        let fetched = try store.recordDetails(keys: keys.reversed() + [keys[0], 999_999_999])
        #expect(fetched.keys.sorted() == keys.sorted())
        for record in snapshot.drills {
            let details = try #require(fetched[record.key])
            #expect(details.metrics == record.drill.metrics)
            #expect(details.findings.map(\.title) == record.drill.findings.map(\.title))
            #expect(details.findings.map(\.line) == record.drill.findings.map(\.line))
            #expect(details.findings.allSatisfy(\.html.isEmpty) && details.log.isEmpty)
        }
        #expect(fetched.values.contains { !$0.metrics.isEmpty } && fetched.values.contains { $0.findings.count > 1 })
        // By range, with HTML: what drill pages and JSON files read.
        let ranged = try store.recordDetails(from: keys.min()!, through: keys.max()!)
        for record in snapshot.drills {
            let details = try #require(ranged[record.key])
            #expect(details.metrics == record.drill.metrics && details.findings == record.drill.findings)
            #expect(details.log == record.drill.html && details.summary == record.drill.summary)
            let filled = record.filled(with: details)
            #expect(filled.drill == record.drill && filled.hasDetails)
        }
    }

    @Test func failedBuildLeavesThePreviousSiteWhole() throws {
        // Templates that fail on the first drill with headline numbers: after several pages were written.
        try expectFailedBuildLeavesThePreviousSiteWhole(template: "drill", section: "metrics", step: "Rendering drill pages")
    }

    /// Steps run beside each other (`BuildStep.stages`). One failing on another thread must
    /// fail the build naming that step, only after the others stopped writing, and leave the
    /// previous site as it was with no staging folder behind.
    @Test func aStepFailingBesideOthersLeavesThePreviousSiteWhole() throws {
        try expectFailedBuildLeavesThePreviousSiteWhole(template: "risk", section: "drills", step: "Rendering risk pages")
        try expectFailedBuildLeavesThePreviousSiteWhole(template: "home", section: "reports", step: "Rendering the dashboard")
    }

    /// Builds the basic register, then again with `template` failing inside `section` (an
    /// unknown key): the error names `step` and the template, the site is as it was, and no
    /// staging folder is left.
    private func expectFailedBuildLeavesThePreviousSiteWhole(template: String, section: String, step: String) throws {
        let (folder, snapshot) = try imported("basic")
        let out = folder.appendingPathComponent("public")
        _ = try build(snapshot, into: out)
        let before = try files(out)
        let broken = folder.appendingPathComponent("broken-templates")
        try FileManager.default.copyItem(atPath: Self.templates, toPath: broken.path)
        let file = broken.appendingPathComponent("\(template).mustache")
        try (String(contentsOf: file, encoding: .utf8) + "{{#\(section)}}{{noSuchKey}}{{/\(section)}}")
            .write(to: file, atomically: true, encoding: .utf8)
        #expect {
            try build(snapshot, into: out, templates: broken.path)
        } throws: { error in
            let text = (error as? SiteError)?.errorDescription ?? ""
            return text.hasPrefix(step + ":") && text.contains("\(template).mustache") && text.contains("unknown key 'noSuchKey'")
        }
        #expect(try files(out) == before, "\(template)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".building-") }
        #expect(leftovers.isEmpty, "\(template)")
    }

    @Test func templateMistakesAreLoud() throws {
        let (folder, snapshot) = try imported("basic")
        func failing(_ edit: (URL) throws -> Void) throws -> String {
            let templates = folder.appendingPathComponent("t-\(UUID().uuidString)")
            try FileManager.default.copyItem(atPath: Self.templates, toPath: templates.path)
            try edit(templates)
            do {
                _ = try build(snapshot, into: folder.appendingPathComponent("out"), templates: templates.path)
                return "built"
            } catch {
                return error.localizedDescription
            }
        }
        let missing = try failing { try FileManager.default.removeItem(at: $0.appendingPathComponent("risk.mustache")) }
        #expect(missing.contains("risk.mustache: missing template"))
        let partial = try failing { try "x\n{{> nowhere}}\n".write(to: $0.appendingPathComponent("items.mustache"), atomically: true, encoding: .utf8) }
        #expect(partial.contains("items.mustache:2: unknown partial 'nowhere'"))
        let parse = try failing { try "ok\n{{#open}}\n".write(to: $0.appendingPathComponent("items.mustache"), atomically: true, encoding: .utf8) }
        #expect(parse.contains("items.mustache:") && parse.contains("template parse error"))
        let folderMissing = try failing { try FileManager.default.removeItem(at: $0) }
        #expect(folderMissing.contains("template folder not found"))
    }

    /// Crawls every internal link and asset reference of the built site.
    @Test func everyInternalLinkResolves() throws {
        let (folder, snapshot) = try imported("basic")
        let out = folder.appendingPathComponent("public")
        _ = try build(snapshot, into: out, repoURL: nil)
        var checked = 0
        for (path, data) in try files(out) where path.hasSuffix(".html") {
            let html = String(decoding: data, as: UTF8.self)
            for attribute in ["href=\"", "src=\""] {
                var rest = html[...]
                while let start = rest.range(of: attribute) {
                    rest = rest[start.upperBound...]
                    guard let end = rest.firstIndex(of: "\"") else { break }
                    let link = String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&")
                    rest = rest[end...]
                    if link.hasPrefix("http://") || link.hasPrefix("https://") || link.hasPrefix("mailto:") || link.hasPrefix("#") { continue }
                    let target = String(link.split(separator: "#", maxSplits: 1).first ?? "")
                    let resolved = out.appendingPathComponent(path).deletingLastPathComponent().appendingPathComponent(target).standardizedFileURL
                    // Artifact links point into the repository, outside the site.
                    if !resolved.path.hasPrefix(out.path) { continue }
                    #expect(FileManager.default.fileExists(atPath: resolved.path), "\(path) links to missing \(link)")
                    checked += 1
                }
            }
        }
        #expect(checked > 100)
    }
}
