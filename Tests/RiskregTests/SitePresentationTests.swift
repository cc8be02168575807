import Foundation
import Testing

@testable import RiskregImport
@testable import RiskregModel
@testable import RiskregReport
@testable import RiskregSite
@testable import RiskregStore

/// How the site reads: the folded log and its task boxes, the charts, phones, print, the
/// standalone report and the dark scheme.
@Suite struct SitePresentationTests {
    static let templates = TestSupport.packageRoot.appendingPathComponent("templates").path
    static let asOf = Day("2026-05-20")!

    /// Imports `fixture` (plus `extra` files) and builds its site; returns the site folder.
    func site(_ fixture: String, extra: [String: String] = [:]) throws -> URL {
        let folder = try TestSupport.copyFixture(fixture)
        for (name, text) in extra {
            try text.write(to: folder.appendingPathComponent(name), atomically: true, encoding: .utf8)
        }
        var importer = Importer(databasePath: folder.appendingPathComponent("riskreg.db").path, today: "2026-05-10")
        importer.base = folder.path
        _ = try importer.run(paths: ["."])
        let snapshot = try RegisterStore(path: folder.appendingPathComponent("riskreg.db").path).snapshot()
        var options = SiteOptions(asOf: Self.asOf)
        options.output = folder.appendingPathComponent("public").path
        options.templates = Self.templates
        _ = try SiteBuilder(options: options).build(snapshot: snapshot, reportWeeks: WeeklyReportSet.weeks(snapshot: snapshot, asOf: Self.asOf))
        return folder.appendingPathComponent("public")
    }

    func page(_ site: URL, _ path: String) throws -> String {
        try String(contentsOf: site.appendingPathComponent(path), encoding: .utf8)
    }

    static func stylesheet() throws -> String {
        try String(contentsOfFile: templates + "/style.css", encoding: .utf8)
    }

    /// The body of the first `@media` block whose condition contains `condition`.
    static func mediaBlock(_ css: String, _ condition: String) -> String? {
        guard let start = css.range(of: "@media " + condition), let open = css[start.upperBound...].firstIndex(of: "{") else { return nil }
        var depth = 0
        var index = open
        while index < css.endIndex {
            if css[index] == "{" { depth += 1 }
            if css[index] == "}" {
                depth -= 1
                if depth == 0 { return String(css[css.index(after: open)..<index]) }
            }
            index = css.index(after: index)
        }
        return nil
    }

    /// The declarations of the first rule in `css` whose selector list contains `selector`.
    static func declarations(_ css: String, _ selector: String) -> String? {
        var rest = css[...]
        while let open = rest.firstIndex(of: "{") {
            let selectors = rest[..<open].split(separator: "}").last.map { $0.split(separator: "\n").last ?? $0 } ?? ""
            guard let close = rest[open...].firstIndex(of: "}") else { return nil }
            let names = selectors.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            if names.contains(selector) { return String(rest[rest.index(after: open)..<close]) }
            rest = rest[rest.index(after: open)...]
        }
        return nil
    }

    // MARK: 1. The drill page's log

    @Test func taskBoxesBecomeDisabledCheckboxes() {
        let tight = "<ul>\n<li>[ ] Open item</li>\n<li>[x] Done item</li>\n<li>[X] Also done</li>\n</ul>\n"
        #expect(TaskListHTML.checkboxes(tight) == "<ul>\n"
            + "<li class=\"task\"><input type=\"checkbox\" disabled aria-label=\"not done\"> Open item</li>\n"
            + "<li class=\"task\"><input type=\"checkbox\" disabled checked aria-label=\"done\"> Done item</li>\n"
            + "<li class=\"task\"><input type=\"checkbox\" disabled checked aria-label=\"done\"> Also done</li>\n</ul>\n")
        let loose = "<ul>\n<li>\n<p>[x] Loose</p>\n</li>\n</ul>\n"
        #expect(TaskListHTML.checkboxes(loose) == "<ul>\n<li class=\"task\">\n<p><input type=\"checkbox\" disabled checked aria-label=\"done\"> Loose</p>\n</li>\n</ul>\n")
        #expect(TaskListHTML.checkboxes("<li>[x]</li>") == "<li class=\"task\"><input type=\"checkbox\" disabled checked aria-label=\"done\"></li>")
        // Not boxes: no space after, another letter, not at the start of an item, inside code.
        for html in ["<li>[x]ray</li>", "<li>[y] no</li>", "<p>[ ] para</p>", "<li>see [x] here</li>", "<li><code>[ ] x</code></li>", "<li>[x]<em>a</em></li>"] {
            #expect(TaskListHTML.checkboxes(html) == html)
        }
    }

    @Test func drillPageFoldsTheLogAndShowsCheckboxes() throws {
        let site = try site("basic")
        let drill = try page(site, "drills/4.html")
        #expect(drill.contains("<details class=\"log\">\n    <summary>Full ship log</summary>"))
        #expect(!drill.contains("<li>[ ]") && !drill.contains("<li>[x]"))
        #expect(drill.contains("<li class=\"task\"><input type=\"checkbox\" disabled aria-label=\"not done\"> FIS hard-kill scenario"))
        #expect(drill.contains("<li class=\"task\"><input type=\"checkbox\" disabled checked aria-label=\"done\"> Drill artifact"))
        // Everything from the log sits inside the folded element.
        let log = try #require(drill.range(of: "<details class=\"log\">"))
        #expect(!drill[..<log.lowerBound].contains("class=\"task\""))
        let incident = try self.site("basic", extra: [
            "2026-05-12-incident-review-redis.md": "# Incident review: Redis auth\n\n## Corrective actions\n\n- [ ] Rotate in order @sre\n",
        ])
        let review = try page(incident, "drills/incident-review-redis.html")
        #expect(review.contains("<summary>Full incident review</summary>"))
    }

    // MARK: 2. Charts

    @Test func burnDownIsNamedAndLabelledOnBothAxes() throws {
        var week = ISOWeek("2026-W10")!
        var series: [(week: ISOWeek, open: Int)] = []
        for open in [2, 3, 3, 5, 4, 6, 7, 7, 6, 8] {
            series.append((week, open))
            week = week.next
        }
        let svg = Charts.burnDown(series)
        #expect(svg.contains("aria-labelledby=\"burn-title\" aria-describedby=\"burn-desc\""))
        #expect(svg.contains("<title id=\"burn-title\">Open action items at the end of each week, 2026-W10 to 2026-W19"))
        #expect(svg.contains("<desc id=\"burn-desc\">2026-W10: 2, 2026-W11: 3,"))
        #expect(svg.contains(">open items</text>") && svg.contains(">ISO week (value at its Sunday)</text>"))
        // Grid lines at 0, 2, 4, 6, 8 with their values.
        #expect(svg.components(separatedBy: "class=\"grid").count - 1 == 5)
        #expect(svg.contains("class=\"axis end\">8</text>"))
        // Ten weeks: every second week labelled; the year once.
        #expect(svg.components(separatedBy: ">W1").count - 1 + svg.components(separatedBy: ">W0").count - 1 == 5)
        #expect(svg.contains(">W10</text>") && svg.contains(">W12</text>") && !svg.contains(">W11</text>"))
        #expect(svg.components(separatedBy: ">2026</text>").count - 1 == 1)
        // Half a year: at most eight week labels.
        var long: [(week: ISOWeek, open: Int)] = []
        week = ISOWeek("2025-W40")!
        for offset in 0..<26 {
            long.append((week, offset))
            week = week.next
        }
        let crowded = Charts.burnDown(long)
        #expect(crowded.components(separatedBy: "class=\"tick\"").count - 1 <= 8)
        #expect(crowded.contains(">2025</text>") && crowded.contains(">2026</text>"))

        let home = try page(try site("basic"), "index.html")
        #expect(home.contains("<h2 id=\"burn\">Open action items, end of each week</h2>"))
        #expect(!home.contains("Burn-down"))
    }

    @Test func heatMapHasALegendTitlesAndAName() throws {
        let svg = Charts.heatMap(cells: ["4-5": (count: 2, href: "risks/cell-4-5.html", ids: ["A10", "A12"])])
        #expect(svg.contains("<svg class=\"chart heatmap\" viewBox=\"0 0 328 416\" aria-labelledby=\"heat-title\" aria-describedby=\"heat-desc\">"))
        #expect(svg.contains("<desc id=\"heat-desc\">Colour: score band"))
        #expect(svg.contains("<title>Likelihood 4 × impact 5 (score 20): A10, A12</title>"))
        #expect(svg.contains("<title>Likelihood 1 × impact 1 (score 1): no risks</title>"))
        for band in ["score 1–4: low", "score 5–9: medium", "score 10–14: high", "score 15–25: critical", "Number in a cell = how many risks."] {
            #expect(svg.contains(">\(band)</text>"), "\(band)")
        }
        let home = try page(try site("basic"), "index.html")
        #expect(home.contains("<h2 id=\"heat\">Heat map: risks by likelihood and impact</h2>"))
    }

    @Test func recoveryTrendNeedsTwoPointsAndSaysSoInWords() throws {
        // One executed drill with a recovery time: words, no chart.
        let single = try page(try site("history"), "risks/Q1.html")
        #expect(!single.contains("chart trend"))
        #expect(single.contains("Only one drill has recorded a recovery time so far: 2m in drill 10 (expected 30s). A trend needs two."))
        // Two: a chart with duration grid lines, both axes named, an accessible name and description.
        let second = "# Drill 11 executed: worker crash again\n\nQ1 again.\n\n## Headline numbers\n\n- Recovery time: 45s\n"
        let double = try page(try site("history", extra: ["2026-05-12-drill-11-worker-crash.md": second]), "risks/Q1.html")
        #expect(!double.contains("Only one drill has recorded"))
        #expect(double.contains("<svg class=\"chart trend\""))
        #expect(double.contains("aria-labelledby=\"trend-title\" aria-describedby=\"trend-desc\""))
        #expect(double.contains("<desc id=\"trend-desc\">D10 2m, D11 45s; expected 30s"))
        #expect(double.contains(">recovery</text>") && double.contains(">drill, oldest first</text>"))
        #expect(double.contains(">slower than expected</text>"))
        #expect(double.contains("class=\"axis end\">1m</text>") && double.contains("class=\"axis end\">2m</text>"))
        #expect(double.contains(">expected 30s</text>"))
    }

    // MARK: 3. Phones

    /// Every table that turns into cards on a phone captions each value cell with its column.
    @Test func stackedTablesCaptionEveryCell() throws {
        let site = try site("basic")
        var tables = 0
        for path in ["index.html", "drills/index.html", "risks/index.html", "risks/A10.html", "items.html", "reports/2026-W19.html"] {
            let html = try page(site, path)
            var rest = html[...]
            while let start = rest.range(of: "<table class=\"") {
                let end = try #require(rest[start.upperBound...].range(of: "</table>"))
                let table = rest[start.lowerBound..<end.upperBound]
                rest = rest[end.upperBound...]
                let classes = table[start.upperBound...].prefix { $0 != "\"" }
                guard classes.split(separator: " ").contains("stack") else { continue }
                tables += 1
                let headers = table.components(separatedBy: "<th scope=\"col\"").dropFirst().map { cell in
                    String(cell.drop { $0 != ">" }.dropFirst().prefix { $0 != "<" })
                }
                for row in table.components(separatedBy: "<tr>").dropFirst(2) {
                    let cells = row.components(separatedBy: "<td").dropFirst()
                    #expect(cells.count == headers.count, "\(path): \(row.prefix(80))")
                    for (offset, cell) in cells.enumerated().dropFirst() {
                        #expect(cell.contains("data-label=\"\(headers[offset])\""), "\(path): column \(headers[offset]) in \(row.prefix(80))")
                    }
                }
            }
        }
        #expect(tables >= 5)
        let phone = try #require(Self.mediaBlock(try Self.stylesheet(), "(max-width: 40rem)"))
        #expect(phone.contains("content: attr(data-label)"))
        #expect(Self.declarations(phone, "table.stack thead")?.contains("position: absolute") == true)
        #expect(Self.declarations(phone, "table.stack tr")?.contains("display: grid") == true)
    }

    /// Outside the rendered markdown and code, every date on every page sits in an element that
    /// never breaks it ("2026-05-" / "08").
    @Test func datesNeverBreak() throws {
        let site = try site("basic")
        let css = try Self.stylesheet()
        #expect(Self.declarations(css, ".date")?.contains("white-space: nowrap") == true)
        let date = try Regex("[0-9]{4}-[0-9]{2}-[0-9]{2}")
        let void: Set<String> = ["meta", "link", "br", "input", "img", "hr", "rect", "line", "circle", "polyline", "path"]
        var checked = 0
        for path in ["index.html", "drills/index.html", "drills/4.html", "risks/index.html", "risks/A10.html", "items.html",
                     "reports/index.html", "reports/2026-W19.html"] {
            let html = try page(site, path)
            var stack: [(name: String, keeps: Bool)] = []
            var rest = html[...]
            while let open = rest.firstIndex(of: "<") {
                let text = rest[..<open]
                if text.contains(date), !stack.contains(where: \.keeps) {
                    Issue.record("\(path): a date can break in \(text.trimmingCharacters(in: .whitespacesAndNewlines).prefix(80))")
                }
                if text.contains(date) { checked += 1 }
                guard let close = rest[open...].firstIndex(of: ">") else { break }
                let tag = rest[rest.index(after: open)..<close]
                rest = rest[rest.index(after: close)...]
                if tag.hasPrefix("!") { continue }
                if tag.hasPrefix("/") {
                    let name = tag.dropFirst().lowercased()
                    if let last = stack.lastIndex(where: { $0.name == name }) { stack.removeSubrange(last...) }
                    continue
                }
                let name = String(tag.prefix { !$0.isWhitespace && $0 != "/" }).lowercased()
                if void.contains(name) || tag.hasSuffix("/") { continue }
                let classes = tag.firstRange(of: "class=\"").map { tag[$0.upperBound...].prefix { $0 != "\"" }.split(separator: " ") } ?? []
                let keeps = classes.contains("date") || classes.contains("nowrap") || classes.contains("prose")
                    || ["code", "pre", "title", "svg", "script", "style", "time"].contains(name)
                stack.append((name, keeps))
            }
        }
        #expect(checked > 20)
    }

    // MARK: 4. Print

    @Test func printStylesheetKeepsTablesWholeAndHeadingsWithTheirText() throws {
        let print = try #require(Self.mediaBlock(try Self.stylesheet(), "print"))
        #expect(Self.declarations(print, ".table-wrap")?.contains("overflow: visible") == true)
        #expect(Self.declarations(print, "table")?.contains("width: 100%") == true)
        #expect(Self.declarations(print, "h2")?.contains("break-after: avoid") == true)
        #expect(Self.declarations(print, "tr")?.contains("break-inside: avoid") == true)
        #expect(Self.declarations(print, ".card")?.contains("break-inside: avoid") == true)
        #expect(Self.declarations(print, "thead")?.contains("table-header-group") == true)
        for hidden in ["header.site nav", ".skip", ".pager"] {
            #expect(Self.declarations(print, hidden)?.contains("display: none") == true, "\(hidden)")
        }
        #expect(print.contains("attr(href)"))
        // Light colours even when the screen is dark: the print block sets the palette again.
        #expect(Self.declarations(print, ":root")?.contains("--bg: #fff") == true)
    }

    // MARK: 5. The standalone report

    @Test func standaloneReportInlinesTheStylesheet() throws {
        let folder = try TestSupport.copyFixture("history")
        try TestSupport.run(["import", "."], in: folder, environment: ["RISKREG_TODAY": "2026-05-06"])
        let out = folder.appendingPathComponent("week.html")
        let run = try TestSupport.run(["report", "weekly", "--week", "2026-W19", "--format", "html", "-o", out.path,
                                       "--templates", Self.templates], in: folder)
        #expect(run.status == 0)
        let html = try String(contentsOf: out, encoding: .utf8)
        #expect(!html.contains("style.css"))
        #expect(html.contains("<style>\n/* riskreg site: one stylesheet"))
        #expect(html.contains("@media print"))
        // A stylesheet cannot end the style element early.
        let templates = folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(atPath: Self.templates, toPath: templates.path)
        try "body { color: red; } /* </style><script>x</script> */\n".write(to: templates.appendingPathComponent("style.css"), atomically: true, encoding: .utf8)
        let hostile = try TestSupport.run(["report", "weekly", "--week", "2026-W19", "--format", "html", "--templates", templates.path], in: folder)
        #expect(hostile.status == 0)
        #expect(!hostile.stdout.contains("</style><script>") && hostile.stdout.contains("<\\/style><script>"))
        // The site's report pages keep linking the shared stylesheet.
        let site = try page(try site("history"), "reports/2026-W19.html")
        #expect(site.contains("<link rel=\"stylesheet\" href=\"../style.css\">") && !site.contains("<style"))
    }

    // MARK: 6. Dark

    /// The dark scheme and the print palette set every colour the light scheme sets, so no
    /// light colour shows on a dark page (or a dark one on paper).
    @Test func darkAndPrintSchemesSetEveryColour() throws {
        let css = try Self.stylesheet()
        func variables(_ block: String?) -> Set<String> {
            guard let block else { return [] }
            return Set(block.split(separator: ";").compactMap { part in
                let name = part.trimmingCharacters(in: .whitespacesAndNewlines)
                return name.hasPrefix("--") ? String(name.prefix { $0 != ":" }) : nil
            })
        }
        let light = variables(Self.declarations(css, ":root"))
        #expect(light.count >= 12)
        #expect(variables(Self.declarations(try #require(Self.mediaBlock(css, "(prefers-color-scheme: dark)")), ":root")) == light)
        #expect(variables(Self.declarations(try #require(Self.mediaBlock(css, "print")), ":root")) == light)
        // Colours are the scheme's variables, not fixed values, in every rule outside the palettes and print.
        let rules = css.replacingOccurrences(of: try #require(Self.mediaBlock(css, "print")), with: "")
        for fixed in try rules.matches(of: Regex("(color|fill|stroke|background): *#[0-9a-fA-F]+")) {
            Issue.record("fixed colour outside the palettes: \(rules[fixed.range])")
        }
    }
}
