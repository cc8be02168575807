import Algorithms
import Foundation
import RiskregModel
import RiskregReport

/// View models for the site's templates: plain dictionaries (Mustache reads no computed
/// properties). Every string from the register goes through `{{ }}` escaping; only cmark's HTML
/// and the SVG made by `Charts` are passed for `{{{ }}}`.
///
/// `Sendable`: pages build their values from it on the threads that render them.
package struct SiteViews: Sendable {
    package let analysis: RegisterAnalysis
    package let options: SiteOptions
    package let hasReports: Bool
    /// From a page at the site root to the repository root, when artifacts link relatively.
    private let repositoryFromSite: String?
    /// Where relative artifact links point (part of a drill page's fingerprint).
    package var repositoryLinkBase: String? { repositoryFromSite }

    package init(analysis: RegisterAnalysis, options: SiteOptions, hasReports: Bool) {
        self.analysis = analysis
        self.options = options
        self.hasReports = hasReports
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

    // MARK: Layout

    /// `inlineStyle`: the stylesheet's text, for a page that stands alone (the weekly report
    /// saved as one file); site pages link the shared `style.css` instead.
    package func layout(title: String, root: String, section: String, content: String, inlineStyle: String? = nil) -> [String: Any] {
        [
            "title": title, "siteTitle": options.siteTitle, "root": root, "content": content,
            // `</` cannot end the style element early: `<\/` means the same in CSS.
            "inlineStyle": Self.optional(inlineStyle?.replacingOccurrences(of: "</", with: "<\\/")),
            "navHome": section == "home", "navRisks": section == "risks", "navDrills": section == "drills",
            "navItems": section == "items", "navReports": section == "reports", "hasReports": hasReports,
            "stamp": options.stamp ?? false, "hasFeed": Feeds.base(options) != nil,
        ]
    }

    // MARK: Rows

    package func riskRow(_ status: RegisterAnalysis.RiskStatus) -> [String: Any] {
        let risk = status.risk
        return [
            "id": risk.id, "href": "risks/\(risk.id).html", "title": risk.title, "register": risk.registerID,
            "rank": risk.rank.map { "\($0)" } ?? "—", "score": risk.score.map { "\($0)" } ?? "—",
            "likelihood": risk.likelihood.map { "\($0)" } ?? "—", "impact": risk.impact.map { "\($0)" } ?? "—",
            "status": risk.status ?? "—", "owner": risk.owner ?? "—",
            "lastDrilled": status.lastDrilled?.iso ?? "never", "nextDue": status.nextDueText,
            "overdue": status.isOverdue, "exempt": status.isExempt, "neverDrilled": status.neverDrilled, "drillCount": status.executed.count,
            "cadence": risk.drillEveryDays.map { "every \($0) days" } ?? "—",
            "level": (risk.score ?? 0) >= 15 ? "crit" : (risk.score ?? 0) >= 10 ? "high" : (risk.score ?? 0) >= 5 ? "med" : "low",
        ]
    }

    package func drillRow(_ record: RegisterSnapshot.DrillRecord) -> [String: Any] {
        let drill = record.drill
        let checklist = record.checklist
        let actions = record.actions
        let done = checklist.filter(\.item.done).count
        return [
            "number": drill.number.map(TextFormat.drillNumber) ?? (drill.kind == .incident ? "INC" : "—"), "href": "drills/\(drill.id).html", "date": drill.date ?? "undated",
            "numbered": drill.number != nil, "label": drill.number.map { "Drill \(TextFormat.drillNumber($0))" } ?? drill.kind.label,
            "kind": drill.kind.rawValue, "incident": drill.kind == .incident,
            "logHeading": drill.kind == .incident ? "Incident review" : "Ship log",
            "title": drill.bareTitle, "titleParts": Self.dateRuns(drill.bareTitle), "status": drill.status.rawValue, "environment": Self.optional(drill.environment),
            "risks": record.risks.map { ["id": $0, "href": "risks/\($0).html"] },
            "checklistDone": done, "checklistTotal": checklist.count, "hasChecklist": !checklist.isEmpty,
            "checklistComplete": done == checklist.count, "checklistBar": Charts.completionBar(done: done, total: checklist.count),
            "actionsDone": actions.filter(\.item.done).count, "actionsTotal": actions.count,
            "findingCount": drill.findings.count,
        ]
    }

    package func itemRow(_ record: RegisterSnapshot.ItemRecord, drill: RegisterSnapshot.DrillRecord, root: String,
                 ageDays: Int? = nil, overdue: Bool = false) -> [String: Any] {
        let item = record.item
        var row: [String: Any] = [
            "text": item.text, "textParts": Self.dateRuns(item.text), "done": item.done, "state": item.done ? "done" : "open", "line": item.line,
            "owner": Self.optional(item.owner.map { "@" + $0 }), "due": Self.optional(item.due), "overdue": overdue,
            "age": Self.optional(ageDays.map(TextFormat.days)), "drillHref": "drills/\(drill.drill.id).html",
            "drillLabel": TextFormat.shortName(drill.drill), "kind": item.kind.rawValue, "showDrill": true,
            "source": "\(drill.path):\(item.line)",
            "refs": Self.optional(item.refs.isEmpty ? nil : "#" + item.refs.joined(separator: " #")),
            "artifact": Self.optional(item.artifact), "artifactHref": false,
        ]
        if let artifact = item.artifact, let href = artifactHref(artifact, root: root) {
            row["artifactHref"] = href
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
    package static func count(_ value: Int) -> Any {
        value == 0 ? false : value
    }

    /// `text` cut into runs, each marked `date` when it is a `YYYY-MM-DD` date, so templates can
    /// keep a date on one line (browsers break after its hyphens) while escaping every run.
    package static func dateRuns(_ text: String) -> [[String: Any]] {
        let bytes = Array(text.utf8)
        func isDigit(_ index: Int) -> Bool { bytes[index] >= UInt8(ascii: "0") && bytes[index] <= UInt8(ascii: "9") }
        func dateStarts(at index: Int) -> Bool {
            guard index + 10 <= bytes.count, index == 0 || !isDigit(index - 1), index + 10 == bytes.count || !isDigit(index + 10) else { return false }
            return (0..<10).allSatisfy { offset in
                offset == 4 || offset == 7 ? bytes[index + offset] == UInt8(ascii: "-") : isDigit(index + offset)
            }
        }
        var runs: [[String: Any]] = []
        var start = 0, index = 0
        while index < bytes.count {
            if dateStarts(at: index) {
                if start < index { runs.append(["text": String(decoding: bytes[start..<index], as: UTF8.self), "date": false]) }
                runs.append(["text": String(decoding: bytes[index..<index + 10], as: UTF8.self), "date": true])
                index += 10
                start = index
            } else {
                index += 1
            }
        }
        if start < bytes.count || runs.isEmpty { runs.append(["text": String(decoding: bytes[start...], as: UTF8.self), "date": false]) }
        return runs
    }

    /// Mustache treats an empty string as true in a section: absent values are `false`.
    package static func optional(_ value: String?) -> Any {
        guard let value, !value.isEmpty else { return false }
        return value
    }

    // MARK: Home

    package func home(reports: [ReportSummary]) -> [String: Any] {
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
        let recovery = byRank.compactMap { status -> [String: Any]? in
            guard let recorded = status.recordedRecovery else { return nil }
            return [
                "id": status.risk.id, "href": "risks/\(status.risk.id).html", "title": status.risk.title,
                "expected": status.expectedRecoveryText ?? "—",
                "recorded": TextFormat.duration(recorded.seconds), "slow": status.slowerThanExpected,
                "drillHref": "drills/\(recorded.id).html", "drillLabel": recorded.name,
            ]
        }
        return [
            "asOf": analysis.asOf.iso, "riskCount": statuses.count, "drillCount": snapshot.drills.filter { $0.drill.kind == .drill }.count,
            "incidentCount": Self.optional(snapshot.drills.contains { $0.drill.kind == .incident } ? String(snapshot.drills.filter { $0.drill.kind == .incident }.count) : nil),
            "executedCount": snapshot.drills.filter { $0.drill.kind == .drill && $0.drill.status == .executed }.count,
            "openActions": openActions.count, "overdueActions": Self.count(openActions.filter(\.isOverdue).count),
            "checklistDone": checklistDone, "checklistTotal": checklistItems.count,
            "checklistBar": Charts.completionBar(done: checklistDone, total: checklistItems.count),
            "heatMap": Charts.heatMap(cells: cells),
            "neverDrilled": byRank.filter(\.neverDrilled).map(riskRow),
            "outsideProduction": byRank.filter(\.onlyOutsideProduction).map(riskRow),
            "overdueRisks": byRank.filter(\.isOverdue).map(riskRow),
            "latestDrills": analysis.drillsNewestFirst.prefix(6).map(drillRow),
            "recovery": recovery,
            "openItems": openActions.prefix(8).map { itemRow($0.record, drill: $0.drill, root: "", ageDays: $0.ageDays, overdue: $0.isOverdue) },
            "moreOpenItems": openActions.count > 8,
            "burnDown": Charts.burnDown(analysis.burnDown()),
            "reports": reports.suffix(4).reversed().map { ["week": $0.week, "href": "reports/\($0.week).html", "headline": $0.headline] },
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
        package var registers: [[String: String]]
        package var statuses: [[String: String]]
    }

    /// The risk list, pre-sorted and pre-filtered into static pages (no JavaScript needed).
    package func riskLists() -> [RiskList] {
        let statuses = analysis.riskStatuses
        let sorts: [(String, String, (RegisterAnalysis.RiskStatus, RegisterAnalysis.RiskStatus) -> Bool)] = [
            ("index.html", "rank", RegisterAnalysis.byRank),
            ("by-score.html", "score", { ($0.risk.score ?? -1, -($0.risk.rank ?? 0)) > ($1.risk.score ?? -1, -($1.risk.rank ?? 0)) }),
            ("by-last-drilled.html", "last drilled", { ($0.lastDrilled?.ordinal ?? Int.min, $1.risk.id) < ($1.lastDrilled?.ordinal ?? Int.min, $0.risk.id) }),
        ]
        let registers = snapshot.registers.map { ["id": $0.id, "href": "risks/register-\($0.id).html", "title": $0.title] }
        let statusNames = Array(Set(statuses.compactMap(\.risk.status))).sorted()
        let statusLinks = statusNames.map { ["name": $0, "href": "risks/status-\(Self.slug($0)).html"] }
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

    package func values(_ list: RiskList) -> [String: Any] {
        [
            "heading": list.title, "risks": list.rows.map(riskRow), "count": list.rows.count, "registers": list.registers,
            "statuses": list.statuses, "sortRank": list.sort == "rank", "sortScore": list.sort == "score",
            "sortLast": list.sort == "last drilled", "sortedBy": list.sort,
        ]
    }

    package static func slug(_ text: String) -> String {
        let mapped = text.lowercased().map { $0.isLetter || $0.isNumber ? $0 : "-" }
        return String(mapped).split(separator: "-").joined(separator: "-")
    }

    package func risk(_ status: RegisterAnalysis.RiskStatus) -> [String: Any] {
        let risk = status.risk
        let root = "../"
        let linked = status.record.drills.compactMap { analysis.drillsByNumber[$0] }
            .sorted { ($0.drill.date ?? "", $0.key) < ($1.drill.date ?? "", $1.key) }
        let recovered = linked.filter { $0.drill.kind == .drill && $0.drill.status == .executed && $0.drill.recoverySeconds != nil }
        let points = recovered.compactMap { record in
            record.drill.recoverySeconds.map { seconds -> (label: String, seconds: Double) in
                (label: record.drill.number.map { "D\(TextFormat.drillNumber($0))" } ?? String(record.drill.title.prefix(8)), seconds: seconds)
            }
        }
        var numbers: [[String: Any]] = []
        // Newest record first; each record's numbers in the order its author wrote them.
        for drill in linked.reversed() {
            for metric in drill.drill.metrics {
                let label = drill.drill.number.map { "Drill \(TextFormat.drillNumber($0))" } ?? "\(drill.drill.kind.label) \(drill.drill.date ?? "")"
                numbers.append(["drill": label, "drillHref": "drills/\(drill.drill.id).html",
                                "date": drill.drill.date ?? "undated", "name": metric.name, "value": metric.value])
            }
        }
        let linkedKeys = Set(status.record.drills)
        let followUps = analysis.openActions().filter { linkedKeys.contains($0.drill.key) }.map { open in
            itemRow(open.record, drill: open.drill, root: root, ageDays: open.ageDays, overdue: open.isOverdue)
        }
        let ranks = snapshot.registers.filter { $0.id == risk.registerID }.map { ["register": $0.id, "title": $0.title, "rank": risk.rank.map { "\($0)" } ?? "unranked"] }
        func linkedRow(_ record: RegisterSnapshot.DrillRecord) -> [String: Any] {
            var row = drillRow(record)
            let fallback = record.drill.status == .executed || record.drill.kind == .incident ? "no findings recorded" : record.drill.status.rawValue
            row["outcome"] = record.drill.findings.first?.title ?? fallback
            row["recovery"] = record.drill.recoverySeconds.map(TextFormat.duration) ?? "—"
            return row
        }
        let drillRows: [[String: Any]] = linked.filter { $0.drill.kind == .drill }.map(linkedRow)
        let incidentRows: [[String: Any]] = linked.filter { $0.drill.kind == .incident }.map(linkedRow)
        var values = riskRow(status)
        values.merge([
            "fields": risk.fields.map { ["key": $0.key, "value": $0.value] }, "descriptionHTML": TaskListHTML.checkboxes(risk.descriptionHTML),
            "hasDescription": !risk.descriptionHTML.isEmpty,
            "drills": drillRows,
            // Incidents: the risk materialised on its own.
            "incidents": incidentRows,
            // Newest numbers and the most pressing follow-ups; the drill table above keeps the full history.
            "numbers": Array(numbers.prefix(WeeklyReport.listLimit)),
            "followUps": Array(followUps.prefix(WeeklyReport.listLimit)),
            "moreFollowUps": followUps.count > WeeklyReport.listLimit ? "\(followUps.count - WeeklyReport.listLimit)" : false,
            "ranks": ranks,
            "expected": status.expectedRecoveryText ?? "—", "recorded": status.recordedRecovery.map { TextFormat.duration($0.seconds) } ?? "—",
            "slow": status.slowerThanExpected, "trend": Charts.recoveryTrend(points: points, expected: risk.expectedRecoverySeconds),
            "hasTrend": points.count > 1, "trendNote": Self.optional(Self.singleRecoveryNote(recovered, expected: risk.expectedRecoverySeconds)),
            "verification": risk.verification ?? "—", "source": "\(risk.path):\(risk.line)",
        ]) { $1 }
        return values
    }

    /// One recorded recovery is no trend: say so in words instead of drawing one dot.
    static func singleRecoveryNote(_ records: [RegisterSnapshot.DrillRecord], expected: Double?) -> String? {
        guard records.count == 1, let record = records.first, let seconds = record.drill.recoverySeconds else { return nil }
        let against = expected.map { " (expected \(TextFormat.duration($0)))" } ?? ""
        return "Only one drill has recorded a recovery time so far: \(TextFormat.duration(seconds)) in "
            + "\(TextFormat.inlineName(record.drill.shortName))\(against). A trend needs two."
    }

    // MARK: Drills

    package func drillList() -> [String: Any] {
        // Newest first, so each year's drills are adjacent.
        let years = analysis.drillsNewestFirst.chunked(on: { String(($0.drill.date ?? "undated").prefix(4)) })
            .map { year, records -> [String: Any] in ["year": year, "drills": records.map(drillRow)] }
        let drills = snapshot.drills.filter { $0.drill.kind == .drill }.count
        let incidents = snapshot.drills.count - drills
        var countText = drills == 1 ? "1 drill" : "\(drills) drills"
        if incidents > 0 { countText += incidents == 1 ? " and 1 incident" : " and \(incidents) incidents" }
        return ["years": years, "count": snapshot.drills.count, "countText": countText]
    }

    /// `logHTML` replaces the record's rendered log when the snapshot was read without it.
    package func drill(_ record: RegisterSnapshot.DrillRecord, previous: RegisterSnapshot.DrillRecord?, next: RegisterSnapshot.DrillRecord?,
               logHTML: String? = nil) -> [String: Any] {
        let root = "../"
        let drill = record.drill
        var values = drillRow(record)
        func neighbour(_ other: RegisterSnapshot.DrillRecord?) -> Any {
            guard let other else { return false }
            return ["href": "drills/\(other.drill.id).html", "label": other.drill.displayName]
        }
        let thisDrill = record
        func items(_ list: [RegisterSnapshot.ItemRecord]) -> [[String: Any]] {
            list.map { item -> [String: Any] in
                var row = itemRow(item, drill: thisDrill, root: root,
                                  overdue: !item.item.done && (item.dueDay.map { $0 < analysis.asOf } ?? false))
                row["showDrill"] = false
                return row
            }
        }
        let actions = record.actions
        values.merge([
            "metrics": drill.metrics.map { metric -> [String: Any] in
                ["name": metric.name, "value": metric.value,
                 "parsed": metric.number.map { n in (abs(n) < 1e15 && n == n.rounded() ? String(Int(n)) : String(n)) + (metric.unit.map { " " + $0 } ?? "") } ?? ""]
            },
            "findings": drill.findings.map { ["title": $0.title, "html": Self.optional(TaskListHTML.checkboxes(Self.demoteHeadings($0.html, toStartAt: 4)))] },
            "actions": items(actions), "checklist": items(record.checklist),
            "actionsBar": Charts.completionBar(done: actions.filter(\.item.done).count, total: actions.count),
            "logHTML": TaskListHTML.checkboxes(Self.demoteHeadings(logHTML ?? drill.html, toStartAt: 3)), "source": record.path,
            "logSummary": drill.kind == .incident ? "Full incident review" : "Full ship log",
            "previous": neighbour(previous), "next": neighbour(next),
            "recovery": Self.optional(drill.recoverySeconds.map(TextFormat.duration)),
            "registers": record.registers,
        ]) { $1 }
        return values
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

    package func items() -> [String: Any] {
        let open = analysis.openActions()
        let steps = analysis.openChecklistSteps()
        // Only what the completion table shows: this page lists every drill of a large register.
        let drills = analysis.drillsNewestFirst.filter { !$0.items.isEmpty }.map { record -> [String: Any] in
            let checklistDone = record.checklist.filter(\.item.done).count
            let actionsDone = record.actions.filter(\.item.done).count
            return [
                "number": record.drill.number.map(TextFormat.drillNumber) ?? (record.drill.kind == .incident ? "INC" : "—"), "href": "drills/\(record.drill.id).html",
                "numbered": record.drill.number != nil, "incident": record.drill.kind == .incident,
                "title": record.drill.bareTitle, "titleParts": Self.dateRuns(record.drill.bareTitle), "hasChecklist": !record.checklist.isEmpty,
                "checklistBar": Charts.completionBar(done: checklistDone, total: record.checklist.count),
                "checklistDone": checklistDone, "checklistTotal": record.checklist.count,
                "actionsBar": Charts.completionBar(done: actionsDone, total: record.actions.count),
                "actionsDone": actionsDone, "actionsTotal": record.actions.count,
            ]
        }
        return [
            "open": open.map { itemRow($0.record, drill: $0.drill, root: "", ageDays: $0.ageDays, overdue: $0.isOverdue) },
            "steps": steps.map { itemRow($0.record, drill: $0.drill, root: "", ageDays: $0.ageDays, overdue: $0.isOverdue) },
            "stepCount": steps.count,
            "asOf": analysis.asOf.iso, "openCount": open.count, "overdueCount": Self.count(open.filter(\.isOverdue).count), "drills": drills,
        ]
    }

    // MARK: Reports

    package func reportList(_ reports: [ReportSummary]) -> [String: Any] {
        ["reports": reports.reversed().map { ["week": $0.week, "href": "reports/\($0.week).html", "since": $0.since, "until": $0.until, "headline": $0.headline] }]
    }

    package func report(_ report: WeeklyReport, previous: ISOWeek?, next: ISOWeek?) -> [String: Any] {
        var values = ReportViews.values(report, views: self, root: "../")
        values["previousReport"] = previous.map { ["href": "reports/\($0).html", "week": $0.description] } ?? false
        values["nextReport"] = next.map { ["href": "reports/\($0).html", "week": $0.description] } ?? false
        return values
    }
}
