import Algorithms
import Foundation
import RiskregModel
import RiskregReport
import RiskregTemplate

/// View models for the site's templates, built as typed template values (objects of text,
/// numbers, bools and lists), so rendering never casts. Every string from the register goes
/// through `{{ }}` escaping; only cmark's HTML and the SVG made by `Charts` are passed for `{{{ }}}`.
///
/// Each value is written with its case (`.text(…)`, `.int(…)`, `.bool(…)`) rather than left to
/// literal inference: the type checker settles these large literals quickly, and each value's
/// kind, which decides what `{{#…}}` does with it, is plain where it is made. A page that adds
/// fields to a row builds its own as a typed `let` and merges them (a literal passed straight to
/// `merge` took the type checker over a second).
///
/// `Sendable`: pages build their values from it on the threads that render them.
package struct SiteViews: Sendable {
    package let analysis: RegisterAnalysis
    package let options: SiteOptions
    package let hasReports: Bool
    /// `analysis.drillsNewestFirst`, sorted once: the dashboard, both long lists and the
    /// sitemap each ask for it.
    package let drillsNewestFirst: [RegisterSnapshot.DrillRecord]
    /// From a page at the site root to the repository root, when artifacts link relatively.
    private let repositoryFromSite: String?
    /// Where relative artifact links point (part of a drill page's fingerprint).
    package var repositoryLinkBase: String? { repositoryFromSite }
    /// Where headline numbers and findings come from for records the snapshot was read
    /// without (`DrillRecord.hasDetails`): risk pages and reports show them.
    package var details: RegisterSnapshot.DetailSource?

    package init(analysis: RegisterAnalysis, options: SiteOptions, hasReports: Bool) {
        self.analysis = analysis
        self.options = options
        self.hasReports = hasReports
        drillsNewestFirst = analysis.drillsNewestFirst
        let repository = URL(fileURLWithPath: options.repositoryRoot).standardizedFileURL.path
        let output = URL(fileURLWithPath: options.output).standardizedFileURL.path
        if output.hasPrefix(repository + "/") {
            let depth = output.dropFirst(repository.count + 1).split(separator: "/").count
            repositoryFromSite = String(repeating: "../", count: depth)
        } else {
            repositoryFromSite = nil
        }
    }

    package var snapshot: RegisterSnapshot { analysis.snapshot }

    /// `details`, which a snapshot read without details needs (a programming error otherwise).
    private func source() throws -> RegisterSnapshot.DetailSource {
        guard let details else {
            throw SiteError(file: options.output, line: nil,
                            reason: "the register was read without headline numbers and findings, and the build has no way to fetch them")
        }
        return details
    }

    // MARK: Layout

    /// `inlineStyle`: the stylesheet's text, for a page that stands alone (the weekly report
    /// saved as one file); site pages link the shared `style.css` instead.
    /// The layout's values around a page's `content` (its rendered HTML).
    package func layout(title: String, root: String, section: String, content: TemplateValue, inlineStyle: String? = nil) -> TemplateObject {
        [
            "title": .text(title), "siteTitle": .text(options.siteTitle), "root": .text(root), "content": content,
            // `</` cannot end the style element early: `<\/` means the same in CSS.
            "inlineStyle": .optional(inlineStyle?.replacingOccurrences(of: "</", with: "<\\/")),
            "navHome": .bool(section == "home"), "navRisks": .bool(section == "risks"), "navDrills": .bool(section == "drills"),
            "navItems": .bool(section == "items"), "navReports": .bool(section == "reports"), "hasReports": .bool(hasReports),
            "stamp": options.stamp.map(TemplateValue.text) ?? false, "hasFeed": .bool(Feeds.base(options) != nil),
        ]
    }

    // MARK: Rows

    package func riskRow(_ status: RegisterAnalysis.RiskStatus) -> TemplateObject {
        let risk = status.risk
        let score = risk.score ?? 0
        return [
            "id": .text(risk.id), "href": .text("risks/\(risk.id).html"), "title": .text(risk.title), "register": .text(risk.registerID),
            "rank": .text(risk.rank.map { "\($0)" } ?? "—"), "score": .text(risk.score.map { "\($0)" } ?? "—"),
            "likelihood": .text(risk.likelihood.map { "\($0)" } ?? "—"), "impact": .text(risk.impact.map { "\($0)" } ?? "—"),
            "status": .text(risk.status ?? "—"), "owner": .text(risk.owner ?? "—"),
            "lastDrilled": .text(status.lastDrilled?.iso ?? "never"), "nextDue": .text(status.nextDueText),
            "overdue": .bool(status.isOverdue), "exempt": .bool(status.isExempt), "neverDrilled": .bool(status.neverDrilled),
            "drillCount": .int(status.executed.count),
            "cadence": .text(risk.drillEveryDays.map { "every \($0) days" } ?? "—"),
            "level": .text(score >= 15 ? "crit" : score >= 10 ? "high" : score >= 5 ? "med" : "low"),
        ]
    }

    package func drillRow(_ record: RegisterSnapshot.DrillRecord) -> TemplateObject {
        let drill = record.drill
        let checklist = record.checklist
        let actions = record.actions
        let done = checklist.count(where: \.done)
        return [
            "number": .text(Self.numberText(drill)), "href": .text("drills/\(drill.id).html"), "date": .text(drill.date ?? "undated"),
            "numbered": .bool(drill.number != nil), "label": .text(drill.number.map { "Drill \(TextFormat.drillNumber($0))" } ?? drill.kind.label),
            "kind": .text(drill.kind.rawValue), "incident": .bool(drill.kind == .incident),
            "logHeading": .text(drill.kind == .incident ? "Incident review" : "Ship log"),
            "title": .text(record.bareTitle), "titleParts": Self.dateRuns(record.bareTitle), "status": .text(drill.status.rawValue),
            "environment": .optional(drill.environment),
            "risks": .list(record.risks.map { ["id": .text($0), "href": .text("risks/\($0).html")] }),
            "checklistDone": .int(done), "checklistTotal": .int(checklist.count), "hasChecklist": .bool(!checklist.isEmpty),
            "checklistComplete": .bool(done == checklist.count), "checklistBar": .text(Charts.completionBar(done: done, total: checklist.count)),
            "actionsDone": .int(actions.count(where: \.done)), "actionsTotal": .int(actions.count),
            "findingCount": .int(record.findingCount),
        ]
    }

    /// A record's number as the tables show it: `INC` for an unnumbered incident, `—` for an
    /// unnumbered drill.
    private static func numberText(_ drill: Drill) -> String {
        drill.number.map(TextFormat.drillNumber) ?? (drill.kind == .incident ? "INC" : "—")
    }

    package func itemRow(_ record: RegisterSnapshot.ItemRecord, drill: RegisterSnapshot.DrillRecord, root: String,
                 ageDays: Int? = nil, overdue: Bool = false) -> TemplateObject {
        let item = record.item
        var row: TemplateObject = [
            "text": .text(item.text), "textParts": Self.dateRuns(item.text), "done": .bool(item.done),
            "state": .text(item.done ? "done" : "open"), "line": .int(item.line),
            "owner": .optional(item.owner.map { "@" + $0 }), "due": .optional(item.due), "overdue": .bool(overdue),
            "age": .optional(ageDays.map(TextFormat.days)), "drillHref": .text("drills/\(drill.drill.id).html"),
            "drillLabel": .text(TextFormat.shortName(drill.drill)), "kind": .text(item.kind.rawValue), "showDrill": true,
            "source": .text("\(drill.path):\(item.line)"),
            "refs": .optional(item.refs.isEmpty ? nil : "#" + item.refs.joined(separator: " #")),
            "artifact": .optional(item.artifact), "artifactHref": false,
        ]
        if let artifact = item.artifact, let href = artifactHref(artifact, root: root) {
            row["artifactHref"] = .text(href)
        }
        return row
    }

    /// A link for an artifact path, or nil when the path could escape the repository.
    package func artifactHref(_ path: String, root: String) -> String? {
        guard let contained = ContainedPath(path) else { return nil }
        let encoded = contained.components.map(Self.percentEncoded).joined(separator: "/")
        if let repo = options.repoURL, !repo.isEmpty {
            let lower = repo.lowercased()
            guard lower.hasPrefix("https://") || lower.hasPrefix("http://") else { return nil }
            return (repo.hasSuffix("/") ? repo : repo + "/") + encoded
        }
        guard let prefix = repositoryFromSite else { return nil }
        return root + prefix + encoded
    }

    /// Bytes a path component keeps as they are: RFC 3986's unreserved characters
    /// (`A-Z a-z 0-9 - . _ ~`). Every other byte, including each byte of a non-ASCII character,
    /// becomes `%XX`: what `addingPercentEncoding` does with that set, without building a
    /// `CharacterSet` per call.
    private static let unreserved: [Bool] = (0...255).map { byte in
        switch UInt8(byte) {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
            UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
            return true
        default:
            return false
        }
    }

    private static let hexDigits = Array("0123456789ABCDEF".utf8)

    /// Percent-encodes one path component for a URL.
    package static func percentEncoded(_ component: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(component.utf8.count)
        for byte in component.utf8 {
            if unreserved[Int(byte)] {
                out.append(byte)
            } else {
                out += [UInt8(ascii: "%"), hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0F)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// A count for a `{{#count}}…{{/count}}` section: Mustache treats 0 as true, so none is `false`.
    package static func count(_ value: Int) -> TemplateValue {
        value == 0 ? false : .int(value)
    }

    /// `text` cut into runs, each marked `date` when it is a `YYYY-MM-DD` date, so templates can
    /// keep a date on one line (browsers break after its hyphens) while escaping every run.
    package static func dateRuns(_ text: String) -> TemplateValue {
        // Most titles and items hold no date: one run, the text itself, with no copy of it.
        if !mayHoldDate(text) { return .list([["text": .text(text), "date": false]]) }
        let bytes = Array(text.utf8)
        func isDigit(_ index: Int) -> Bool { bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") }
        func dateStarts(at index: Int) -> Bool {
            guard index + 10 <= bytes.count, index == 0 || !isDigit(index - 1), index + 10 == bytes.count || !isDigit(index + 10) else { return false }
            return (0..<10).allSatisfy { offset in
                offset == 4 || offset == 7 ? bytes[index + offset] == UInt8(ascii: "-") : isDigit(index + offset)
            }
        }
        func run(_ range: some RangeExpression<Int>, date: Bool) -> TemplateValue {
            ["text": .text(String(decoding: bytes[range], as: UTF8.self)), "date": .bool(date)]
        }
        var runs: [TemplateValue] = []
        var start = 0, index = 0
        while index < bytes.count {
            if dateStarts(at: index) {
                if start < index { runs.append(run(start..<index, date: false)) }
                runs.append(run(index..<index + 10, date: true))
                index += 10
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.count || runs.isEmpty { runs.append(run(start..., date: false)) }
        return .list(runs)
    }

    /// False when `text` has no two `-` three bytes apart (as in `2026-03-12`): then it holds no
    /// date for `dateRuns` to mark.
    private static func mayHoldDate(_ text: String) -> Bool {
        var sinceDash = -1
        for byte in text.utf8 {
            if sinceDash >= 0 { sinceDash += 1 }
            if byte == UInt8(ascii: "-") {
                if sinceDash == 3 { return true }
                sinceDash = 0
            }
        }
        return false
    }

    // MARK: Home

    package func home(reports: [ReportSummary]) -> TemplateObject {
        let statuses = analysis.riskStatuses
        var cells: [String: (count: Int, href: String, ids: [String])] = [:]
        for status in statuses {
            guard let l = status.risk.likelihood, let i = status.risk.impact else { continue }
            var cell = cells["\(l)-\(i)", default: (0, "risks/cell-\(l)-\(i).html", [])]
            cell.count += 1
            cell.ids.append(status.risk.id)
            cells["\(l)-\(i)"] = cell
        }
        let byRank = statuses.sorted(by: RegisterAnalysis.byRank)
        // Steps of executed drills, as the items page and the weekly report count them.
        let checklistItems = snapshot.drills.filter { $0.drill.status == .executed && ($0.day.map { $0 <= analysis.asOf } ?? false) }
            .flatMap(\.checklist)
        let checklistDone = checklistItems.count - analysis.openChecklistSteps().count
        let openActions = analysis.openActions()
        let recovery = byRank.compactMap { status -> TemplateValue? in
            guard let recorded = status.recordedRecovery else { return nil }
            return [
                "id": .text(status.risk.id), "href": .text("risks/\(status.risk.id).html"), "title": .text(status.risk.title),
                "expected": .text(status.expectedRecoveryText ?? "—"),
                "recorded": .text(TextFormat.duration(recorded.seconds)), "slow": .bool(status.slowerThanExpected),
                "drillHref": .text("drills/\(recorded.id).html"), "drillLabel": .text(recorded.name),
            ]
        }
        let incidents = snapshot.drills.count(where: { $0.drill.kind == .incident })
        return [
            "asOf": .text(analysis.asOf.iso), "riskCount": .int(statuses.count),
            "drillCount": .int(snapshot.drills.count(where: { $0.drill.kind == .drill })),
            "incidentCount": incidents > 0 ? .text(String(incidents)) : false,
            "executedCount": .int(snapshot.drills.count(where: { $0.drill.kind == .drill && $0.drill.status == .executed })),
            "openActions": .int(openActions.count), "overdueActions": Self.count(openActions.count(where: \.isOverdue)),
            "checklistDone": .int(checklistDone), "checklistTotal": .int(checklistItems.count),
            "checklistBar": .text(Charts.completionBar(done: checklistDone, total: checklistItems.count)),
            "heatMap": .text(Charts.heatMap(cells: cells)),
            "neverDrilled": .rows(byRank.filter(\.neverDrilled).map(riskRow)),
            "outsideProduction": .rows(byRank.filter(\.onlyOutsideProduction).map(riskRow)),
            "overdueRisks": .rows(byRank.filter(\.isOverdue).map(riskRow)),
            "latestDrills": .rows(drillsNewestFirst.prefix(6).map(drillRow)),
            "recovery": .list(recovery),
            "openItems": .rows(openActions.prefix(8).map { itemRow($0.record, drill: $0.drill, root: "", ageDays: $0.ageDays, overdue: $0.isOverdue) }),
            "moreOpenItems": .bool(openActions.count > 8),
            "burnDown": .text(Charts.burnDown(analysis.burnDown())),
            "reports": .list(reports.suffix(4).reversed().map {
                ["week": .text($0.week), "href": .text("reports/\($0.week).html"), "headline": .text($0.headline)]
            }),
        ]
    }

    // MARK: Risks

    /// One page of the risk list: its rows in order and the links every list page shows.
    package struct RiskList: Sendable {
        package var file: String
        package var title: String
        package var rows: [RegisterAnalysis.RiskStatus]
        /// "rank", "score" or "last drilled".
        package var sort: String
        /// Links to every register's list page, and to every status's.
        package var registers: TemplateValue
        package var statuses: TemplateValue
    }

    /// The risk list, pre-sorted and pre-filtered into static pages (no JavaScript needed).
    package func riskLists() -> [RiskList] {
        let statuses = analysis.riskStatuses
        let sorts: [(String, String, (RegisterAnalysis.RiskStatus, RegisterAnalysis.RiskStatus) -> Bool)] = [
            ("index.html", "rank", RegisterAnalysis.byRank),
            ("by-score.html", "score", { ($0.risk.score ?? -1, -($0.risk.rank ?? 0)) > ($1.risk.score ?? -1, -($1.risk.rank ?? 0)) }),
            ("by-last-drilled.html", "last drilled", { ($0.lastDrilled?.ordinal ?? Int32.min, $1.risk.id) < ($1.lastDrilled?.ordinal ?? Int32.min, $0.risk.id) }),
        ]
        let registers: TemplateValue = .list(snapshot.registers.map {
            ["id": .text($0.id), "href": .text("risks/register-\($0.id).html"), "title": .text($0.title)]
        })
        let statusNames = Array(Set(statuses.compactMap(\.risk.status))).sorted()
        let statusLinks: TemplateValue = .list(statusNames.map { ["name": .text($0), "href": .text("risks/status-\(Self.slug($0)).html")] })
        func list(_ file: String, _ title: String, _ rows: [RegisterAnalysis.RiskStatus], sort: String) -> RiskList {
            RiskList(file: file, title: title, rows: rows, sort: sort, registers: registers, statuses: statusLinks)
        }
        var lists = sorts.map { list($0.0, "Risks by \($0.1)", statuses.sorted(by: $0.2), sort: $0.1) }
        for register in snapshot.registers {
            lists.append(list("register-\(register.id).html", "Risks in \(register.id) — \(register.title)",
                              statuses.filter { $0.risk.registerID == register.id }.sorted(by: RegisterAnalysis.byRank), sort: "rank"))
        }
        for name in statusNames {
            lists.append(list("status-\(Self.slug(name)).html", "Risks with status \(name)",
                              statuses.filter { $0.risk.status == name }.sorted(by: RegisterAnalysis.byRank), sort: "rank"))
        }
        var cells: [String: [RegisterAnalysis.RiskStatus]] = [:]
        for status in statuses {
            guard let l = status.risk.likelihood, let i = status.risk.impact else { continue }
            cells["\(l)-\(i)", default: []].append(status)
        }
        for (key, rows) in cells.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "-")
            lists.append(list("cell-\(key).html", "Risks with likelihood \(parts[0]) and impact \(parts[1])",
                              rows.sorted(by: RegisterAnalysis.byRank), sort: "rank"))
        }
        return lists
    }

    package func values(_ list: RiskList) -> TemplateObject {
        [
            "heading": .text(list.title), "risks": .rows(list.rows.map(riskRow)), "count": .int(list.rows.count), "registers": list.registers,
            "statuses": list.statuses, "sortRank": .bool(list.sort == "rank"), "sortScore": .bool(list.sort == "score"),
            "sortLast": .bool(list.sort == "last drilled"), "sortedBy": .text(list.sort),
        ]
    }

    package static func slug(_ text: String) -> String {
        let mapped = text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(mapped).split(separator: "-").joined(separator: "-")
    }

    package func risk(_ status: RegisterAnalysis.RiskStatus) throws -> TemplateObject {
        let risk = status.risk
        let root = "../"
        let linked = linkedRecords(status)
        // Over the list limit the page lists (and charts) the newest drills; the older ones are
        // on pages of their own.
        let parts = RiskDrillParts(riskID: risk.id, drills: linked.filter { $0.drill.kind == .drill }, limit: options.listPageLimit)
        let recovered = parts.newest.filter { $0.drill.status == .executed && $0.drill.recoverySeconds != nil }
        let points = recovered.compactMap { record in
            record.drill.recoverySeconds.map { seconds -> (label: String, seconds: Double) in
                (label: record.drill.number.map { "D\(TextFormat.drillNumber($0))" } ?? String(record.drill.title.prefix(8)), seconds: seconds)
            }
        }
        var numbers: [TemplateValue] = []
        // Newest record first; each record's numbers in the order its author wrote them. The
        // page shows the newest `listLimit` (a risk of a large register has thousands).
        let newestFirst = Array(linked.reversed())
        var fetched: [Int: RegisterSnapshot.RecordDetails] = [:]
        numbering: for (offset, drill) in newestFirst.enumerated() {
            if !drill.hasDetails && fetched[drill.key] == nil {
                // The next records' at once: most have a few numbers, and the page shows `listLimit`.
                let keys = newestFirst[offset..<min(offset + WeeklyReport.listLimit, newestFirst.count)].filter { !$0.hasDetails }.map(\.key)
                fetched.merge(try source().keys(keys)) { old, _ in old }
            }
            for metric in drill.hasDetails ? drill.drill.metrics : fetched[drill.key]?.metrics ?? [] {
                guard numbers.count < WeeklyReport.listLimit else { break numbering }
                let label = drill.drill.number.map { "Drill \(TextFormat.drillNumber($0))" } ?? "\(drill.drill.kind.label) \(drill.drill.date ?? "")"
                numbers.append(["drill": .text(label), "drillHref": .text("drills/\(drill.drill.id).html"),
                                "date": .text(drill.drill.date ?? "undated"), "name": .text(metric.name), "value": .text(metric.value)])
            }
        }
        let linkedKeys = Set(status.record.drills)
        let openFollowUps = analysis.openActions().filter { linkedKeys.contains($0.drill.key) }
        // Rows only for the ones the page shows.
        let followUps = openFollowUps.prefix(WeeklyReport.listLimit).map { open in
            itemRow(open.record, drill: open.drill, root: root, ageDays: open.ageDays, overdue: open.isOverdue)
        }
        let ranks = snapshot.registers.filter { $0.id == risk.registerID }.map { register -> TemplateValue in
            ["register": .text(register.id), "title": .text(register.title), "rank": .text(risk.rank.map { "\($0)" } ?? "unranked")]
        }
        // Made row by row as the page renders: a risk of a large register links thousands of records.
        let linkedRow: @Sendable (RegisterSnapshot.DrillRecord) -> TemplateObject = { [self] in riskDrillRow($0) }
        let moreFollowUps = openFollowUps.count - followUps.count
        let page: TemplateObject = [
            "fields": .list(risk.fields.map { ["key": .text($0.key), "value": .text($0.value)] }),
            "descriptionHTML": .text(TaskListHTML.checkboxes(risk.descriptionHTML)),
            "hasDescription": .bool(!risk.descriptionHTML.isEmpty),
            "drills": .rows(of: parts.newest, linkedRow),
            "drillParts": riskPartLinks(parts, current: nil),
            "trendScope": parts.isCut ? .text("The newest \(RiskDrillParts.grouped(parts.newest.count)) drills.") : false,
            // Incidents: the risk materialised on its own.
            "incidents": .rows(of: linked.filter { $0.drill.kind == .incident }, linkedRow),
            // Newest numbers and the most pressing follow-ups; the drill table above (and its
            // parts, over the list limit) keeps the full history.
            "numbers": .list(numbers),
            "followUps": .rows(followUps),
            "moreFollowUps": moreFollowUps > 0 ? .text("\(moreFollowUps)") : false,
            "ranks": .list(ranks),
            "expected": .text(status.expectedRecoveryText ?? "—"),
            "recorded": .text(status.recordedRecovery.map { TextFormat.duration($0.seconds) } ?? "—"),
            "slow": .bool(status.slowerThanExpected), "trend": .text(Charts.recoveryTrend(points: points, expected: risk.expectedRecoverySeconds)),
            "hasTrend": .bool(points.count > 1),
            "trendNote": .optional(Self.singleRecoveryNote(recovered, expected: risk.expectedRecoverySeconds)),
            "verification": .text(risk.verification ?? "—"), "source": .text("\(risk.path):\(risk.line)"),
        ]
        return riskRow(status).merging(page)
    }

    /// The records linked to a risk, oldest first (undated ones first, then by key).
    func linkedRecords(_ status: RegisterAnalysis.RiskStatus) -> [RegisterSnapshot.DrillRecord] {
        status.record.drills.compactMap { analysis.drillsByNumber[$0] }
            .sorted { ($0.drill.date ?? "", $0.key) < ($1.drill.date ?? "", $1.key) }
    }

    /// A risk's drills as its pages list them (see `RiskDrillParts`).
    package func riskDrillParts(_ status: RegisterAnalysis.RiskStatus) -> RiskDrillParts {
        RiskDrillParts(riskID: status.risk.id, drills: linkedRecords(status).filter { $0.drill.kind == .drill }, limit: options.listPageLimit)
    }

    /// A row of a risk's drill or incident table: the record, its first finding (or what it
    /// lacks) and its recovery time.
    func riskDrillRow(_ record: RegisterSnapshot.DrillRecord) -> TemplateObject {
        var row = drillRow(record)
        let fallback = record.drill.status == .executed || record.drill.kind == .incident ? "no findings recorded" : record.drill.status.rawValue
        row["outcome"] = .text(record.firstFinding ?? fallback)
        row["recovery"] = .text(record.drill.recoverySeconds.map(TextFormat.duration) ?? "—")
        return row
    }

    /// One part of a cut risk's older drills (`risks/A10-drills-2.html`).
    package func riskDrillsPart(_ status: RegisterAnalysis.RiskStatus, parts: RiskDrillParts, part: Int) -> TemplateObject {
        let page: TemplateObject = [
            "range": .text(parts.rangeText(of: part)),
            "heading": .text(parts.heading(of: part)),
            "drills": .rows(of: parts.drills(of: part)) { [self] in riskDrillRow($0) },
            "drillParts": riskPartLinks(parts, current: part),
        ]
        return riskRow(status).merging(page)
    }

    /// For `risk-parts`: what the page lists of a cut risk's drills, and a link to every part
    /// and to the risk's page (its newest drills); `current` is the part shown, nil for the
    /// risk's page. False when the risk is not cut.
    private func riskPartLinks(_ parts: RiskDrillParts, current: Int?) -> TemplateValue {
        guard let numbers = parts.parts else { return false }
        let total = RiskDrillParts.grouped(parts.drills.count)
        let text = if let current {
            "Part \(current) of \(parts.partCount) of the older drills, oldest first. The newest \(RiskDrillParts.grouped(parts.newest.count)) are on the risk's page."
        } else {
            "The newest \(RiskDrillParts.grouped(parts.newest.count)) of \(total) drills, oldest first. The older ones, by part:"
        }
        var links: [TemplateValue] = numbers.map { number in
            ["label": .text(parts.numbers(of: number)), "href": .text(parts.path(of: number)),
             "current": .bool(number == current)]
        }
        links.append(["label": .text("newest \(RiskDrillParts.grouped(parts.newest.count))"), "href": .text("risks/\(parts.riskID).html"),
                      "current": .bool(current == nil)])
        return ["text": .text(text), "links": .list(links)]
    }

    /// One recorded recovery is no trend: say so in words instead of drawing one dot.
    static func singleRecoveryNote(_ records: [RegisterSnapshot.DrillRecord], expected: Double?) -> String? {
        guard records.count == 1, let record = records.first, let seconds = record.drill.recoverySeconds else { return nil }
        let against = expected.map { " (expected \(TextFormat.duration($0)))" } ?? ""
        return "Only one drill has recorded a recovery time so far: \(TextFormat.duration(seconds)) in "
            + "\(TextFormat.inlineName(record.drill.shortName))\(against). A trend needs two."
    }

    // MARK: Drills

    package func drillList() -> TemplateObject {
        // Newest first, so each year's drills are adjacent.
        let years = drillsNewestFirst.chunked(on: { String(($0.drill.date ?? "undated").prefix(4)) })
            .map { year, records -> TemplateValue in ["year": .text(year), "drills": .rows(of: records) { [self] in drillRow($0) }] }
        return ["years": .list(years), "count": .int(snapshot.drills.count), "countText": .text(Self.countText(snapshot.drills))]
    }

    /// "12 drills and 3 incidents", "1 drill"; with `namingNoDrills` false, "2 incidents"
    /// rather than "0 drills and 2 incidents".
    package static func countText(_ records: [RegisterSnapshot.DrillRecord], namingNoDrills: Bool = true) -> String {
        let drills = records.count(where: { $0.drill.kind == .drill })
        let incidents = records.count - drills
        if drills == 0, incidents > 0, !namingNoDrills { return incidents == 1 ? "1 incident" : "\(incidents) incidents" }
        var text = drills == 1 ? "1 drill" : "\(drills) drills"
        if incidents > 0 { text += incidents == 1 ? " and 1 incident" : " and \(incidents) incidents" }
        return text
    }

    /// `record` with its details (`DrillRecord.filled(with:)` for a snapshot read without them).
    package func drill(_ record: RegisterSnapshot.DrillRecord, previous: RegisterSnapshot.DrillRecord?, next: RegisterSnapshot.DrillRecord?) -> TemplateObject {
        let root = "../"
        let drill = record.drill
        func neighbour(_ other: RegisterSnapshot.DrillRecord?) -> TemplateValue {
            guard let other else { return false }
            return ["href": .text("drills/\(other.drill.id).html"), "label": .text(other.displayName)]
        }
        let thisDrill = record
        func items(_ list: RegisterSnapshot.ItemList) -> TemplateValue {
            .rows(list.map { item -> TemplateObject in
                var row = itemRow(item, drill: thisDrill, root: root,
                                  overdue: !item.done && (item.dueDay.map { $0 < analysis.asOf } ?? false))
                row["showDrill"] = false
                return row
            })
        }
        func parsed(_ metric: Metric) -> String {
            metric.number.map { n in (abs(n) < 1e15 && n == n.rounded() ? String(Int(n)) : String(n)) + (metric.unit.map { " " + $0 } ?? "") } ?? ""
        }
        let actions = record.actions
        let page: TemplateObject = [
            "metrics": .list(drill.metrics.map { ["name": .text($0.name), "value": .text($0.value), "parsed": .text(parsed($0))] }),
            "findings": .list(drill.findings.indices.map { offset in
                let body = drill.findings[offset].html
                return ["title": .text(drill.findings[offset].title), "html": .optional(TaskListHTML.checkboxes(Self.demoteHeadings(body, toStartAt: 4)))]
            }),
            "actions": items(actions), "checklist": items(record.checklist),
            "actionsBar": .text(Charts.completionBar(done: actions.count(where: \.done), total: actions.count)),
            "logHTML": .text(TaskListHTML.checkboxes(Self.demoteHeadings(drill.html, toStartAt: 3))), "source": .text(record.path),
            "logSummary": .text(drill.kind == .incident ? "Full incident review" : "Full ship log"),
            "previous": neighbour(previous), "next": neighbour(next),
            "recovery": .optional(drill.recoverySeconds.map(TextFormat.duration)),
            "registers": .list(record.registers.map(TemplateValue.text)),
        ]
        return drillRow(record).merging(page)
    }

    /// Shifts cmark's `<hN>` tags so the log's top heading becomes `<h{level}>` (capped at h6),
    /// keeping the page's heading order. cmark escapes `<` in text, so tags are unambiguous.
    package static func demoteHeadings(_ html: String, toStartAt level: Int) -> String {
        let bytes = Array(html.utf8)
        func headingDigit(at index: Int) -> (digitIndex: Int, level: Int)? {
            // `<hN>` or `</hN>`
            var cursor = index + 1
            if cursor < bytes.count, bytes[cursor] == UInt8(ascii: "/") { cursor += 1 }
            guard cursor + 2 < bytes.count, bytes[cursor] == UInt8(ascii: "h"),
                (49...54).contains(bytes[cursor + 1]), bytes[cursor + 2] == UInt8(ascii: ">")
            else { return nil }
            return (cursor + 1, Int(bytes[cursor + 1]) - 48)
        }
        var minimum = 7
        for index in bytes.indices where bytes[index] == UInt8(ascii: "<") {
            if let found = headingDigit(at: index) { minimum = min(minimum, found.level) }
        }
        guard minimum < 7, minimum != level else { return html }
        var out = bytes
        for index in bytes.indices where bytes[index] == UInt8(ascii: "<") {
            if let found = headingDigit(at: index) {
                out[found.digitIndex] = UInt8(48 + min(6, max(1, found.level + level - minimum)))
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: Items

    package func items() -> TemplateObject {
        let open = analysis.openActions()
        let steps = analysis.openChecklistSteps()
        let row: @Sendable (RegisterAnalysis.OpenItem) -> TemplateObject = { [self] open in
            itemRow(open.record, drill: open.drill, root: "", ageDays: open.ageDays, overdue: open.isOverdue)
        }
        let page: TemplateObject = ["open": .rows(of: open, row), "steps": .rows(of: steps, row),
                                    "drills": completionRows(drillsNewestFirst)]
        return itemCounts(openActions: open, stepCount: steps.count).merging(page)
    }

    /// The rows of the completion table of the items pages: one per record of `records` with
    /// action items or checklist steps, made as the page renders them (the page lists every
    /// record of a large register).
    package func completionRows(_ records: [RegisterSnapshot.DrillRecord]) -> TemplateValue {
        .rows(of: records.filter { !$0.items.isEmpty }) { [self] in completionFields($0) }
    }

    /// A record's row in the completion table: only what the table shows.
    private func completionFields(_ record: RegisterSnapshot.DrillRecord) -> TemplateObject {
        let drill = record.drill
        let checklistDone = record.checklist.count(where: \.done)
        let actionsDone = record.actions.count(where: \.done)
        return [
            "number": .text(Self.numberText(drill)), "href": .text("drills/\(drill.id).html"),
            "numbered": .bool(drill.number != nil), "incident": .bool(drill.kind == .incident),
            "title": .text(record.bareTitle), "titleParts": Self.dateRuns(record.bareTitle), "hasChecklist": .bool(!record.checklist.isEmpty),
            "checklistBar": .text(Charts.completionBar(done: checklistDone, total: record.checklist.count)),
            "checklistDone": .int(checklistDone), "checklistTotal": .int(record.checklist.count),
            "actionsBar": .text(Charts.completionBar(done: actionsDone, total: record.actions.count)),
            "actionsDone": .int(actionsDone), "actionsTotal": .int(record.actions.count),
        ]
    }

    // MARK: Reports

    package func reportList(_ reports: [ReportSummary]) -> TemplateObject {
        ["reports": .list(reports.reversed().map {
            ["week": .text($0.week), "href": .text("reports/\($0.week).html"), "since": .text($0.since), "until": .text($0.until),
             "headline": .text($0.headline)]
        })]
    }

    package func report(_ report: WeeklyReport, previous: ISOWeek?, next: ISOWeek?) throws -> TemplateObject {
        func link(_ week: ISOWeek?) -> TemplateValue {
            guard let week else { return false }
            return ["href": .text("reports/\(week).html"), "week": .text(week.description)]
        }
        // The page shows its records' headline numbers and findings.
        let lean = report.records.filter { !$0.hasDetails }.map(\.key)
        let report = lean.isEmpty ? report : report.filled(with: try source().keys(lean))
        var values = ReportViews.values(report, views: self, root: "../")
        values["previousReport"] = link(previous)
        values["nextReport"] = link(next)
        return values
    }
}
