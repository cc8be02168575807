import Foundation

// libFuzzer target over page rendering from a parsed document, through the shipped templates.
//
// Per input: DocumentParser().parse (as in Parser.swift); a document that parses joins the
// example register (register/**/*.md, compiled in by build.sh and parsed once) in a
// RegisterSnapshot built the way RegisterStore.snapshot() reads one back from SQLite; then the
// view models of every page the record appears on (SiteViews: home with heat map, completion
// bars and burn-down chart, risk lists, the risk pages of linked risks with the recovery trend
// chart, the drill page with demoted headings and artifact links, drill list, items page, both
// lists cut into months (overviews and the fuzzed record's month pages), the
// weekly report page and its markdown), the JSON export, every string of those views through
// HTMLEscaping.escape (what `{{ }}` applies), and each page rendered through the shipped
// templates (templates/*.mustache, compiled in by build.sh) and the layout with RiskregTemplate
// in strict mode. Not covered: SQLite, the importer's file walking, feeds, fingerprints, the
// template folder's loading (TemplateSet hashes it with swift-crypto), the writer.
//
// Oracle: no crash, trap, sanitizer report, hang or runaway memory; escaped text must hold no
// raw `< > " '` (a property of the escaping every page relies on); and no strict render fails
// (a key a template asks for that a view lacks would fail the site build).

/// The day pages measure ages and "overdue" against (the site uses today; fixed here so runs
/// reproduce).
private let fuzzAsOf = Day("2026-12-01")!

private struct Baseline {
    var registers: [Register] = []
    /// Ship logs with the path they were read from.
    var drills: [(drill: Drill, path: String)] = []
}

private let baseline: Baseline = {
    var result = Baseline()
    for file in fuzzBaselineRegisters {
        guard let data = Data(base64Encoded: file.base64) else { fatalError("bad baseline \(file.path)") }
        switch try? DocumentParser().parse(path: file.path, data: data) {
        case .register(let register)?: result.registers.append(register)
        case .shipLog(let drill, _)?: result.drills.append((drill, file.path))
        default: break
        }
    }
    return result
}()

/// What the store keeps of a double: SQLite binds NaN as NULL.
private func stored(_ value: Double?) -> Double? {
    guard let value, !value.isNaN else { return nil }
    return value
}

/// The snapshot the register would read back after importing the baseline and `document`
/// (saved as `fuzz.md`). A fuzzed register or record replaces baseline ones it would conflict
/// with, as if it were that file.
private func snapshot(with document: ParsedDocument) -> (RegisterSnapshot, fuzzedDrillKey: Int?) {
    var registers = baseline.registers
    var drills = baseline.drills
    switch document {
    case .register(var register):
        register.path = "fuzz.md"
        let ids = Set(register.risks.map(\.id))
        registers.removeAll { $0.id == register.id || $0.risks.contains { ids.contains($0.id) } }
        registers.append(register)
    case .shipLog(let drill, _):
        drills.removeAll { $0.drill.id == drill.id || ($0.drill.number != nil && $0.drill.number == drill.number) }
        drills.append((drill, "fuzz.md"))
    case .skipped:
        break
    }

    // registers ORDER BY id; risks ORDER BY register_id, position.
    registers.sort { $0.id < $1.id }
    let riskIDs = Set(registers.flatMap { $0.risks.map(\.id) })
    let registerIDs = Set(registers.map(\.id))

    // Internal keys: the author's number, else 1,000,000 and up in import order.
    var nextKey = 1_000_000
    var keyed: [(key: Int, drill: Drill, path: String)] = []
    for (drill, path) in drills {
        if let number = drill.number {
            keyed.append((number, drill, path))
        } else {
            keyed.append((nextKey, drill, path))
            nextKey += 1
        }
    }
    keyed.sort { $0.key < $1.key }

    let today = fuzzAsOf.iso
    var itemID = 0
    var linksByRisk: [String: Set<Int>] = [:]
    var records: [RegisterSnapshot.DrillRecord] = []
    var fuzzedKey: Int?
    for (key, drill, path) in keyed {
        if path == "fuzz.md" { fuzzedKey = key }
        // drill_declared_risks and drill_mentions: INSERT OR IGNORE, one row per (drill, id).
        var declared: [String] = []
        for id in drill.declaredRisks where !declared.contains(id) { declared.append(id) }
        var mentions: [String] = []
        for token in drill.mentions where !mentions.contains(token) { mentions.append(token) }
        var risks: [String] = []
        for id in declared + mentions where riskIDs.contains(id) && !risks.contains(id) { risks.append(id) }
        for id in risks { linksByRisk[id, default: []].insert(key) }
        let registersMentioned = mentions.filter { registerIDs.contains($0) }

        // Items as first imported: checklist then actions, each in document order.
        let origin = min(drill.date ?? today, today)
        let ordered = drill.items.filter { $0.kind == .checklist } + drill.items.filter { $0.kind == .action }
        let items = ordered.map { item -> RegisterSnapshot.ItemRecord in
            itemID += 1
            return RegisterSnapshot.ItemRecord(
                id: itemID, item: item, firstSeen: today, openedOn: item.done ? nil : origin,
                doneOn: item.done ? origin : nil, events: [(origin, item.done)])
        }
        var copy = drill
        copy.items = []
        copy.recoverySeconds = stored(drill.recoverySeconds)
        copy.metrics = drill.metrics.map { metric in
            var metric = metric
            metric.number = metric.number.flatMap { $0.isFinite ? $0 : nil }
            return metric
        }
        records.append(RegisterSnapshot.DrillRecord(
            key: key, drill: copy, path: path, risks: risks, registers: registersMentioned, items: items))
    }

    var riskRecords: [RegisterSnapshot.RiskRecord] = []
    for register in registers {
        for risk in register.risks {
            var copy = risk
            copy.registerID = register.id
            copy.path = register.path
            copy.expectedRecoverySeconds = stored(risk.expectedRecoverySeconds)
            riskRecords.append(RegisterSnapshot.RiskRecord(risk: copy, drills: (linksByRisk[risk.id] ?? []).sorted()))
        }
    }
    let registerRecords = registers.map { RegisterSnapshot.RegisterRecord(id: $0.id, title: $0.title, path: $0.path) }
    return (RegisterSnapshot(registers: registerRecords, risks: riskRecords, drills: records), fuzzedKey)
}

/// The shipped templates (`templates/*.mustache`, compiled in by build.sh), loaded once.
private let fuzzTemplates: TemplateLibrary = {
    do {
        return try TemplateLibrary(fuzzTemplateSources.map { TemplateLibrary.Source(name: $0.name, text: $0.text) }, mode: .strict)
    } catch {
        fatalError("the compiled-in templates do not load: \(error.localizedDescription)")
    }
}()

/// Every string in a view, escaped as `{{ }}` would; checks the escaper's one promise.
private func escapeAll(_ value: TemplateValue) -> Int {
    switch value {
    case .text(let text):
        let escaped = HTMLEscaping.escape(text)
        for byte in escaped.utf8 where byte == 60 || byte == 62 || byte == 34 || byte == 39 {
            fatalError("HTMLEscaping.escape left a raw \(UnicodeScalar(byte)) in its output")
        }
        return escaped.utf8.count
    case .object(let fields):
        return fields.values.reduce(0) { $0 + escapeAll($1) }
    case .list(let items):
        return items.reduce(0) { $0 + escapeAll($1) }
    case .null, .bool, .int, .number:
        return 0
    }
}

private func renderPages(_ document: ParsedDocument) -> Int {
    let (snapshot, fuzzedKey) = snapshot(with: document)
    var options = SiteOptions(asOf: fuzzAsOf)
    // Under the working directory, so artifact paths become relative links (nothing is written).
    options.output = FileManager.default.currentDirectoryPath + "/fuzz-site"
    let analysis = RegisterAnalysis(snapshot: snapshot, asOf: fuzzAsOf)
    let views = SiteViews(analysis: analysis, options: options, hasReports: true)
    // Each page's values with the template that shows them (none for the markdown and JSON).
    var pages: [(template: String?, values: [String: TemplateValue])] = []

    // Weekly reports: the week of the fuzzed record (when dated up to asOf) and asOf's week.
    var weeks = [ISOWeek(containing: fuzzAsOf)]
    if let key = fuzzedKey, let day = snapshot.drill(key)?.day, day <= fuzzAsOf {
        weeks.insert(ISOWeek(containing: day), at: 0)
    }
    var summaries: [ReportSummary] = []
    for week in weeks {
        let report = WeeklyReportSet.report(snapshot: snapshot, week: week, asOf: fuzzAsOf)
        summaries.append(ReportSummary(report))
        pages.append(("report", views.report(report, previous: week.previous, next: week.next)))
        pages.append((nil, ["markdown": .text(ReportMarkdown().render(report))]))
    }

    pages.append(("home", views.home(reports: summaries)))
    pages.append(contentsOf: views.riskLists().map { ("risks", views.values($0)) })
    pages.append(("drills", views.drillList()))
    pages.append(("items", views.items()))
    pages.append(("reports", views.reportList(summaries)))
    // The lists as a register over the list page limit has them: the overviews and the month
    // pages of the fuzzed record's month.
    let months = ListMonth.months(newestFirst: analysis.drillsNewestFirst, openActions: analysis.openActions(),
                                  openSteps: analysis.openChecklistSteps())
    pages.append(("drills-overview", views.drillOverview(months)))
    pages.append(("items-overview", views.itemsOverview(openActions: analysis.openActions(), stepCount: analysis.openChecklistSteps().count,
                                                        months: months)))
    let fuzzedMonth = fuzzedKey.flatMap { snapshot.drill($0) }.map(ListMonth.key(of:))
    for (month, (previous, next)) in zip(months, ListMonth.neighbours(months)) where month.key == fuzzedMonth {
        pages.append(("drills-month", views.drillMonth(month, previous: previous, next: next)))
        pages.append(("items-month", views.itemsMonth(month, previous: previous, next: next)))
    }

    // The risk pages of the fuzzed register's risks, or of the risks the fuzzed record links.
    let statuses = analysis.riskStatuses
    let fuzzedRisks: Set<String>
    switch document {
    case .register(let register): fuzzedRisks = Set(register.risks.map(\.id))
    default: fuzzedRisks = Set(fuzzedKey.flatMap { snapshot.drill($0)?.risks } ?? [])
    }
    for status in statuses where fuzzedRisks.contains(status.risk.id) {
        pages.append(("risk", views.risk(status)))
    }

    // The fuzzed record's page, with its neighbours as the drill list orders them.
    let ordered = analysis.drillsNewestFirst
    if let key = fuzzedKey, let index = ordered.firstIndex(where: { $0.key == key }) {
        let previous = index + 1 < ordered.count ? ordered[index + 1] : nil
        let next = index > 0 ? ordered[index - 1] : nil
        pages.append(("drill", views.drill(ordered[index], previous: previous, next: next)))
    }

    // The JSON export (`riskreg export`, `show --json`).
    if let json = try? JSONEncoder().encode(ExportDocument(snapshot: snapshot)) {
        pages.append((nil, ["json": .text(String(decoding: json, as: UTF8.self))]))
    }

    // Every string escaped as `{{ }}` escapes it, and each page rendered through the shipped
    // templates and the layout, strictly: a key a template asks for and the view lacks is a bug.
    var total = 0
    for page in pages {
        total += escapeAll(.object(page.values))
        guard let template = page.template else { continue }
        do {
            var values = page.values
            values["root"] = "../"
            let content = try fuzzTemplates.render(template, .object(values))
            let layout = views.layout(title: "fuzz", root: "../", section: "drills", content: content)
            total += try fuzzTemplates.render("layout", .object(layout)).utf8.count
        } catch {
            fatalError("rendering \(template).mustache failed: \(error.localizedDescription)")
        }
    }
    return total
}

/// Parses the baseline before the first input, so its coverage is not credited to an input.
@_cdecl("LLVMFuzzerInitialize")
public func fuzzInitialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    precondition(!baseline.registers.isEmpty && !baseline.drills.isEmpty, "the compiled-in example register did not parse")
    _ = fuzzTemplates
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    guard let document = try? DocumentParser().parse(path: "fuzz.md", data: bytes) else { return 0 }
    _ = renderPages(document)
    return 0
}
