import Algorithms
import Foundation
import RiskregModel
import RiskregReport

/// The steps of `riskreg build` after "Loading templates and opening the output folder" (which
/// makes the context), in stages.
extension BuildStep {
    /// A stage's steps run beside each other (`SiteBuilder.run`): the first, the longest, on the
    /// calling thread, the others on one thread per core but one, so list pages, reports and
    /// data are made while drill pages render, and both cores stay busy. Steps of one stage
    /// must not depend on each other's results (the swap needs every file).
    static let stages: [[BuildStep]] = [
        [renderDrills, renderRisks, renderDrillIndex, renderItems, renderReports, renderDashboard, writeFeedsAndData],
        [swapIn],
    ]

    /// Drill pages are made in batches of this many: logs are read only for the pages that must be rendered.
    static let drillBatch = 512

    static let renderReports = BuildStep(name: "Rendering weekly reports") { context in
        let weeks = context.reportWeeks
        guard !weeks.isEmpty else { return }
        let views = context.views
        // Every week's report in one pass, made beside the earlier steps (`BuildContext.weeklyReports`).
        let reports = context.weeklyReports.value()
        // A week's page is fingerprinted by what it shows (see `PageFingerprints.report`).
        @Sendable func neighbours(_ offset: Int) -> (ISOWeek?, ISOWeek?) {
            (offset > 0 ? weeks[offset - 1] : nil, offset + 1 < weeks.count ? weeks[offset + 1] : nil)
        }
        var rows = PageFingerprints.ReportRows()
        let keys = weeks.indices.map { offset in
            let (previous, next) = neighbours(offset)
            return context.fingerprints.report(reports[offset], previous: previous, next: next, rows: &rows)
        }
        try context.render(weeks.indices.map { offset in
            let report = reports[offset]
            let (previous, next) = neighbours(offset)
            return SitePage(path: "reports/\(weeks[offset]).html", template: "report", title: "Week \(weeks[offset])", section: "reports",
                            fingerprint: keys[offset]) {
                PageView(values: try views.report(report, previous: previous, next: next), note: report.headline)
            }
        })
        let summaries = context.reportSummaries
        try context.render(SitePage(path: "reports/index.html", template: "reports", title: "Weekly reports", section: "reports",
                                          fingerprint: context.wholeRegister) { views.reportList(summaries) })
    }

    static let renderDashboard = BuildStep(name: "Rendering the dashboard") { context in
        let (views, summaries) = (context.views, context.reportSummaries)
        try context.render(SitePage(path: "index.html", template: "home", title: context.options.siteTitle, section: "home",
                                          fingerprint: context.wholeRegister) { views.home(reports: summaries) })
    }

    static let renderRisks = BuildStep(name: "Rendering risk pages") { context in
        let (views, analysis) = (context.views, context.analysis)
        // Fingerprinted by what each page shows, not by the whole register: a changed log
        // re-renders the pages of its own risks (and the lists when a standing changed).
        let lists = context.fingerprints.riskLists(analysis.riskStatuses)
        var pages = views.riskLists().map { list in
            SitePage(path: "risks/\(list.file)", template: "risks", title: list.title, section: "risks", fingerprint: lists) {
                views.values(list)
            }
        }
        let openByDrill = Set(analysis.openActions().map(\.drill.key))
        pages += analysis.riskStatuses.map { status in
            let linked = status.record.drills.compactMap { analysis.drillsByNumber[$0] }
            let fingerprint = context.fingerprints.risk(status, linked: linked, openFollowUps: linked.contains { openByDrill.contains($0.key) },
                                                        asOf: context.options.asOf)
            return SitePage(path: "risks/\(status.risk.id).html", template: "risk", title: "\(status.risk.id) — \(status.risk.title)",
                            section: "risks", fingerprint: fingerprint) { try views.risk(status) }
        }
        // A risk with more drills than the list limit lists its newest on its page and the
        // older ones on pages of their own (see `RiskDrillParts`).
        for status in analysis.riskStatuses {
            let parts = views.riskDrillParts(status)
            guard let numbers = parts.parts else { continue }
            try requireListTemplates(context, ["risk-drills"], because: "risk \(status.risk.id) has more than \(context.options.listPageLimit) drills")
            for part in numbers {
                pages.append(SitePage(path: parts.path(of: part), template: "risk-drills",
                                      title: "\(status.risk.id) — \(status.risk.title): \(parts.rangeText(of: part))", section: "risks",
                                      fingerprint: context.fingerprints.riskDrillsPart(status, parts: parts, part: part)) {
                    views.riskDrillsPart(status, parts: parts, part: part)
                })
            }
        }
        try context.render(pages)
    }

    static let renderDrills = BuildStep(name: "Rendering drill pages") { context in
        let views = context.views
        // Pages are made in key order (logs are read by key range); previous/next follow the
        // records' dates (undated last), so a page links to the records before and after it.
        let ordered = context.snapshot.drills
        let chronological = ordered.sorted { ($0.day?.ordinal ?? Int32.max, $0.key) < ($1.day?.ordinal ?? Int32.max, $1.key) }
        let place = Dictionary(uniqueKeysWithValues: chronological.enumerated().map { ($1.key, $0) })
        @Sendable func neighbours(_ offset: Int) -> (previous: RegisterSnapshot.DrillRecord?, next: RegisterSnapshot.DrillRecord?) {
            guard let index = place[ordered[offset].key] else { return (nil, nil) }
            return (index > 0 ? chronological[index - 1] : nil, index + 1 < chronological.count ? chronological[index + 1] : nil)
        }
        // With the register's change log, the records nobody changed since the previous build
        // (nor their neighbours, see `ChangedRecordPages`) keep their page and JSON file as the
        // previous manifest lists them, without being fingerprinted again.
        var carried = [(page: PageManifest.Entry, json: PageManifest.Entry)?](repeating: nil, count: ordered.count)
        if let changes = context.changedSincePreviousBuild,
            let compare = ChangedRecordPages.keys(changes: changes, chronological: chronological, place: place)
        {
            for offset in ordered.indices where !compare.contains(ordered[offset].key) {
                let id = ordered[offset].drill.id
                if let page = try context.carriable("drills/\(id).html"), let json = try context.carriable("api/" + ExportIndex.path(of: id)) {
                    carried[offset] = (page, json)
                }
            }
        }
        // The others' fingerprints, and whether each one's JSON file can be carried over, on
        // all cores: without the change log, on a one-file change this is most of the step.
        let (fingerprints, asOf, renderer) = (context.fingerprints, context.options.asOf, context.renderer)
        let compared = ordered.indices.filter { carried[$0] == nil }
        var checked = [DrillKeys?](repeating: nil, count: ordered.count)
        let keys = try ParallelWork.map(compared, chunk: 256) { offset -> DrillKeys in
            let (previous, next) = neighbours(offset)
            let record = ordered[offset]
            let json = fingerprints.recordJSON(record), jsonPath = "api/" + ExportIndex.path(of: record.drill.id)
            return DrillKeys(page: fingerprints.drill(record, previous: previous, next: next, asOf: asOf), json: json,
                             keepJSON: try renderer.canKeep(jsonPath, fingerprint: json))
        }
        for (offset, key) in zip(compared, keys) { checked[offset] = key }
        context.recordsCompared += compared.count
        for batch in ordered.indices.chunks(ofCount: drillBatch) {
            let pages = batch.compactMap { offset in checked[offset].map { (offset, $0) } }
            // Details (logs, numbers, findings) are read for the records whose page or JSON file
            // must be made: as the renderer decides, so a page the manifest lists but someone
            // deleted is made whole again.
            let stale = try pages.filter { offset, keys in
                try !renderer.canKeep("drills/\(ordered[offset].drill.id).html", fingerprint: keys.page) || !keys.keepJSON
            }
            let details: [Int: RegisterSnapshot.RecordDetails] =
                if let source = context.details, let first = stale.first, let last = stale.last {
                    try source.range(ordered[first.0].key, ordered[last.0].key)
                } else { [:] }
            @Sendable func full(_ record: RegisterSnapshot.DrillRecord) -> RegisterSnapshot.DrillRecord {
                details[record.key].map(record.filled) ?? record
            }
            try context.render(pages.map { offset, keys in
                let record = ordered[offset]
                let (previous, next) = neighbours(offset)
                return SitePage(path: "drills/\(record.drill.id).html", template: "drill",
                                title: record.displayName, section: "drills",
                                fingerprint: keys.page) {
                    views.drill(full(record), previous: previous, next: next)
                }
            })
            for offset in batch {
                let record = ordered[offset], path = "api/" + ExportIndex.path(of: record.drill.id)
                if let (page, json) = carried[offset] {
                    context.carry("drills/\(record.drill.id).html", page, page: true)
                    context.carry(path, json, page: false)
                    continue
                }
                guard let keys = checked[offset] else { continue }
                if keys.keepJSON {
                    context.kept(path, fingerprint: keys.json)
                    continue
                }
                context.manifest[path] = PageManifest.Entry(fingerprint: keys.json)
                try context.write(path, try ExportIndex.json(record: ExportDocument.record(full(record))))
            }
        }
    }

    /// A drill page's and its JSON file's fingerprints, and whether the JSON file is carried over.
    private struct DrillKeys: Sendable {
        var page: String
        var json: String
        var keepJSON: Bool
    }

    static let writeFeedsAndData = BuildStep(name: "Writing feed, data and sitemap") { context in
        for (name, data) in context.templates.assets.sorted(by: { $0.key < $1.key }) { try context.write(name, data) }
        let (snapshot, options, weeks, details) = (context.snapshot, context.options, context.reportWeeks, context.details)
        let whole = context.wholeRegister
        // The index is streamed into its file: for 50,000 records it is 19 MB.
        let index = "api/index.json", indexFingerprint = context.fingerprints.exportIndex()
        if try !context.keepFile(index, fingerprint: indexFingerprint) {
            context.manifest[index] = PageManifest.Entry(fingerprint: indexFingerprint)
            try context.write(index) { write in
                try withoutActuallyEscaping(write) { try ExportIndex.write(snapshot: snapshot, to: $0) }
            }
        }
        var files: [(String, String, () throws -> [UInt8])] = []
        // Only with a base URL (they need absolute URLs). Without one they are simply not made:
        // a file the new site does not list is not carried over, so copies an earlier build wrote go too.
        if let base = Feeds.base(options) {
            files += [
                (Feeds.feedPath, whole, {
                    // The register was read without summaries: the feed's are fetched, one record at a time.
                    Array(try Feeds.atom(snapshot: snapshot, options: options, base: base) { record in
                        guard let details else { return record.drill.summary }
                        return try details.range(record.key, record.key)[record.key]?.summary ?? record.drill.summary
                    }.utf8)
                }),
                (Feeds.sitemapPath, whole, { [views = context.views] in
                    Array(Feeds.sitemap(snapshot: snapshot, base: base, reportWeeks: weeks.map(\.description),
                                        listPages: listPagePaths(views, limit: options.listPageLimit)).utf8)
                }),
            ]
        }
        for (path, fingerprint, make) in files where try !context.keepFile(path, fingerprint: fingerprint) {
            context.manifest[path] = PageManifest.Entry(fingerprint: fingerprint)
            try context.write(path, try make())
        }
    }

    static let swapIn = BuildStep(name: "Swapping in the new site") { context in
        let stamp = context.stamp
        try context.writer.commit(files: context.manifest.paths, unchanged: context.unchangedFiles, previousFiles: context.previousFiles,
                                  manifest: context.manifest.bytes(like: context.renderer.previous),
                                  stamp: stamp.map { Data($0.text.utf8) })
    }
}
