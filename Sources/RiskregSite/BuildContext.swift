import Foundation
import RiskregModel
import RiskregReport

/// Everything one site build works with: its inputs, what loading made (templates, the staging
/// writer, views, fingerprints), and what the steps have produced so far (the manifest, the
/// files, counts). Made by the first step, "Loading templates and opening the output folder";
/// every later step gets it `inout`, so a step's inputs and results are visible in one place.
///
/// Steps that run beside each other (see `BuildStep.stages`) each get a copy with no results
/// yet (`withoutResults`); their results are merged back in step order (`absorb`).
struct BuildContext: Sendable {
    let snapshot: RegisterSnapshot
    let options: SiteOptions
    /// Weeks that get a report page, oldest first.
    let reportWeeks: [ISOWeek]
    /// Supplies what the snapshot was read without (logs, headline numbers, findings), where pages show them.
    /// The views have it too; setting it sets theirs.
    var details: RegisterSnapshot.DetailSource? {
        didSet { views.details = details }
    }

    let templates: TemplateSet
    let writer: SiteWriter
    private(set) var views: SiteViews
    let fingerprints: PageFingerprints
    /// The fingerprint of pages that summarise the whole register (made on another thread
    /// from the start of the build: a pass over every record and item).
    var wholeRegister: String { wholeRegisterWork.value() }
    private let wholeRegisterWork: BackgroundWork<String>
    /// Renders pages against the previous build's manifest.
    let renderer: PageRenderer
    /// What the whole site is made from (`SiteBuilder.buildKey`); nil when unknown.
    let buildKey: String?
    /// The register's change log as this build read it (its point goes into the new stamp).
    let changes: RecordChanges
    /// The records changed since the previous build, when the previous site was made at the
    /// log's point `changes` starts from, with the same `PageFingerprints.recordPages`: only
    /// their pages (and their neighbours') are compared. Nil: every record's are.
    let changedSincePreviousBuild: [RecordChanges.Change]?
    /// The list months those changes touch (`ChangedRecordPages.months`); nil: every month
    /// page is compared.
    let changedMonths: Set<String>?

    /// Every report week's report, oldest first, computed on another thread from the start of
    /// the build (a pure function of the analysis) while the first steps run.
    let weeklyReports: BackgroundWork<[WeeklyReport]>
    /// One per report page, oldest first (waits for `weeklyReports`).
    var reportSummaries: [ReportSummary] { weeklyReports.value().map(ReportSummary.init) }
    /// This build's manifest, written by "Swapping in the new site".
    var manifest = PageManifest()
    /// The files of the new site (every path `manifest` lists) whose bytes the previous site
    /// has already, for `SiteWriter.commit`: the others were written. Only these, not every
    /// file with its outcome: a cold build of 100,000 records has none, where the table of
    /// 200,000 outcomes was 13 MB at its peak.
    var unchangedFiles: Set<String> = []
    /// The previous site's manifest, for the files it lists; nil when it has none.
    let previousFiles: PageManifest?
    var pages = 0
    var rendered = 0
    var written = 0
    var unchanged = 0
    /// Records whose page and JSON file were fingerprinted (the others were carried over on
    /// the change log's word, see `ChangedRecordPages`).
    var recordsCompared = 0

    var analysis: RegisterAnalysis { views.analysis }

    /// Loads the templates and opens the staging folder: the work of the first step.
    init(snapshot: RegisterSnapshot, options: SiteOptions, reportWeeks: [ISOWeek], generation: Int?, changes: RecordChanges,
         details: RegisterSnapshot.DetailSource?) throws {
        self.snapshot = snapshot
        self.options = options
        self.reportWeeks = reportWeeks
        self.details = details
        let templates = try TemplateSet(directory: options.templates, required: SiteBuilder.requiredTemplates)
        self.templates = templates
        buildKey = generation.map { SiteBuilder.buildKey(generation: $0, options: options, templatesDigest: templates.digest) }
        writer = try SiteWriter(output: URL(fileURLWithPath: options.output))
        var views = SiteViews(analysis: RegisterAnalysis(snapshot: snapshot, asOf: options.asOf), options: options,
                              hasReports: !reportWeeks.isEmpty)
        weeklyReports = BackgroundWork { [analysis = views.analysis] in WeeklyReportPass.reports(analysis: analysis, weeks: reportWeeks) }
        var previous = PageManifest(parsing: writer.previous(PageManifest.fileName))
        if let journal = writer.previous(PageManifest.pendingName) { previous.distrust(journal: journal) }
        previousFiles = previous.isEmpty ? nil : previous
        // The renderer's views make only the layout: no detail source (which holds the store).
        renderer = PageRenderer(templates: templates, writer: writer, views: views, previous: options.force ? PageManifest() : previous)
        views.details = details
        self.views = views
        fingerprints = PageFingerprints(snapshot: snapshot, templatesDigest: templates.digest, options: options,
                                        hasReports: !reportWeeks.isEmpty, repositoryLinkBase: views.repositoryLinkBase)
        wholeRegisterWork = BackgroundWork { [fingerprints] in fingerprints.wholeRegister(asOf: options.asOf, reportWeeks: reportWeeks) }
        self.changes = changes
        // Read under the output lock: a build that finished after the caller read the stamp
        // for `changes.after` has left another mark, and then every page is compared.
        let stamp = SiteStamp(parsing: writer.previous(SiteStamp.fileName))
        if !options.force, let stamp, let mark = stamp.mark, mark == changes.after,
            stamp.recordPages == fingerprints.recordPages(asOf: options.asOf)
        {
            changedSincePreviousBuild = changes.since
        } else {
            changedSincePreviousBuild = nil
        }
        changedMonths = changedSincePreviousBuild.flatMap { ChangedRecordPages.months(changes: $0, records: snapshot.drills) }
    }

    /// The stamp this build leaves (see `SiteStamp`); nil when the register's generation is unknown.
    var stamp: SiteStamp? {
        buildKey.map { key in
            SiteStamp(key: key, pages: pages, recordPages: changes.mark.map { _ in fingerprints.recordPages(asOf: options.asOf) },
                      mark: changes.mark)
        }
    }

    /// The same inputs with no results: what a step running beside others starts from.
    var withoutResults: BuildContext {
        var copy = self
        copy.manifest = PageManifest()
        copy.unchangedFiles = []
        (copy.pages, copy.rendered, copy.written, copy.unchanged, copy.recordsCompared) = (0, 0, 0, 0, 0)
        return copy
    }

    /// Takes in what a step that ran on a copy (`withoutResults`) made.
    mutating func absorb(_ other: BuildContext) {
        // `other`'s outcome wins for the files both list, as its manifest entries do.
        if manifest.isEmpty {
            unchangedFiles = other.unchangedFiles
        } else {
            for path in other.manifest.paths {
                if other.unchangedFiles.contains(path) { unchangedFiles.insert(path) } else { unchangedFiles.remove(path) }
            }
        }
        manifest.merge(other.manifest)
        pages += other.pages
        rendered += other.rendered
        written += other.written
        unchanged += other.unchanged
        recordsCompared += other.recordsCompared
    }

    /// Renders `pages` in parallel and records what became of them; outcomes in page order.
    @discardableResult
    mutating func render(_ pages: [SitePage]) throws -> [PageOutcome] {
        let outcomes = try renderer.render(pages)
        for outcome in outcomes {
            let path = held(outcome.path)
            manifest[path] = PageManifest.Entry(fingerprint: outcome.fingerprint ?? "", note: outcome.note)
            set(path, outcome.write)
            self.pages += 1
            if outcome.rendered { rendered += 1 }
            count(outcome.write)
        }
        return outcomes
    }

    mutating func render(_ page: SitePage) throws {
        try render([page])
    }

    /// Writes a file that is not a page (stylesheet, feed, data), counting what happened.
    mutating func write(_ path: String, _ data: some ContiguousBytes) throws {
        record(path, try writer.write(path, data))
    }

    mutating func write(_ path: String, _ text: String) throws {
        record(path, try writer.write(path, text))
    }

    /// Streams a file (see `SiteWriter.write(_:streaming:)`).
    mutating func write(_ path: String, streaming body: (_ write: ([UInt8]) throws -> Void) throws -> Void) throws {
        record(path, try writer.write(path, streaming: body))
    }

    /// A file that is not a page: listed in the manifest (unfingerprinted unless the caller
    /// sets one) so the next build knows the site's files.
    private mutating func record(_ path: String, _ outcome: SiteWriter.Outcome) {
        let path = held(path)
        set(path, outcome)
        if !manifest.contains(path) { manifest[path] = PageManifest.Entry(fingerprint: "") }
        count(outcome)
    }

    /// Carries a non-page file over when its fingerprint is unchanged; false when it must be made.
    mutating func keepFile(_ path: String, fingerprint: String) throws -> Bool {
        guard try renderer.canKeep(path, fingerprint: fingerprint) else { return false }
        kept(path, fingerprint: fingerprint)
        return true
    }

    /// Records a non-page file the caller found it can keep (`PageRenderer.canKeep`), so it is
    /// carried over.
    mutating func kept(_ path: String, fingerprint: String) {
        let path = held(path)
        manifest[path] = PageManifest.Entry(fingerprint: fingerprint)
        unchangedFiles.insert(path)
        unchanged += 1
    }

    /// Notes what the write of `path` did (see `unchangedFiles`).
    private mutating func set(_ path: String, _ outcome: SiteWriter.Outcome) {
        switch outcome {
        case .unchanged: unchangedFiles.insert(path)
        case .written: if !unchangedFiles.isEmpty { unchangedFiles.remove(path) }
        }
    }

    /// Carries over a file the previous build made, as its manifest lists it (`entry`), when
    /// nothing it is made from changed (`ChangedRecordPages`).
    mutating func carry(_ path: String, _ entry: PageManifest.Entry, page: Bool) {
        let path = held(path)
        manifest[path] = entry
        unchangedFiles.insert(path)
        unchanged += 1
        if page { pages += 1 }
    }

    /// The previous manifest's entry for `path` when its file can be carried over as it is
    /// (made with a fingerprint, and still there).
    func carriable(_ path: String) throws -> PageManifest.Entry? {
        guard let entry = renderer.previous[path], try renderer.canKeep(path, fingerprint: entry.fingerprint) else { return nil }
        return entry
    }

    /// Carries a list month's page over, as the previous manifest lists it, when the change
    /// log says nothing on it changed (`ChangedRecordPages.isTouched`); false when it must be
    /// fingerprinted.
    mutating func carryMonth(_ path: String, previous: ListMonth?, next: ListMonth?) throws -> Bool {
        guard let changedMonths, !ChangedRecordPages.isTouched(previous: previous, next: next, by: changedMonths),
            let entry = try carriable(path)
        else { return false }
        carry(path, entry, page: true)
        return true
    }

    /// `path` as the previous manifest holds it, when it lists it (see `PageManifest.storedPath`):
    /// what the new manifest and `unchangedFiles` keep, so that a file carried over has one
    /// copy of its path in memory, not three.
    private func held(_ path: String) -> String {
        renderer.previous.storedPath(path) ?? path
    }

    private mutating func count(_ outcome: SiteWriter.Outcome) {
        switch outcome {
        case .written: written += 1
        case .unchanged: unchanged += 1
        }
    }
}
