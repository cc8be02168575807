import CMallocTuning
import Dispatch
import Foundation
import RiskregModel
import RiskregReport
import Synchronization

/// `riskreg build`: renders a register snapshot to a static site as a list of named steps over
/// one `BuildContext` (see `BuildStep.stages`).
///
/// Pages are rendered on all cores. Drill pages carry a fingerprint of everything they show
/// (ship log hash, neighbours, links, templates, options) in `.riskreg-pages`; a page whose
/// fingerprint is unchanged is carried over from the previous site without rendering.
package struct SiteBuilder {
    package static let requiredTemplates = ["layout", "home", "risks", "risk", "drills", "drill", "items", "reports", "report"]

    package var options: SiteOptions
    /// Supplies what the snapshot was read without (logs, headline numbers, findings), where pages show them.
    package var details: RegisterSnapshot.DetailSource?
    /// Called with "[3/9] Rendering drill pages" style progress lines.
    package var log: (String) -> Void = { _ in }
    /// Set by a command that exits right after the build: what the build made is then kept
    /// until the process ends instead of being freed (`KeptUntilExit`).
    package var keepsWorkUntilExit = false

    package init(options: SiteOptions) {
        self.options = options
    }

    package struct Result {
        package var pages: Int
        package var rendered: Int
        package var written: Int
        package var unchanged: Int
        /// Records whose pages were fingerprinted; the rest were carried over because the
        /// register's change log says nothing they show changed.
        package var recordsCompared = 0
    }

    /// What a whole site is made from: the register's generation (which changes with every
    /// write), the day, every option that shows on a page, the templates and riskreg's page
    /// logic. A site whose manifest names the same key is up to date.
    package static func buildKey(generation: Int, options: SiteOptions, templatesDigest: String) -> String {
        let output = URL(fileURLWithPath: options.output).standardizedFileURL.path
        let root = URL(fileURLWithPath: options.repositoryRoot).standardizedFileURL.path
        let parts = ["site-\(PageFingerprints.renderVersion)", "generation \(generation)", options.asOf.iso, output, root, templatesDigest,
                     options.baseURL ?? "-", options.repoURL ?? "-", options.stamp ?? "-", options.siteTitle,
                     "list pages of \(options.listPageLimit)"]
        return ContentHash.hex(Array(parts.joined(separator: "\u{0}").utf8))
    }

    /// The previous build's result when the site at `options.output` was made from exactly
    /// these inputs (see `buildKey`) and still has every file its manifest lists; nil when it
    /// must be built. Reads only the manifest, the templates and the folder's listing, so a
    /// build with nothing to do does not read the register.
    package func upToDate(generation: Int?) throws -> Result? {
        guard let generation, !options.force, options.stamp == nil else { return nil }
        let output = URL(fileURLWithPath: options.output).standardizedFileURL
        let manager = FileManager.default
        guard !manager.fileExists(atPath: output.appendingPathComponent(PageManifest.pendingName).path),
            let stamp = SiteStamp(parsing: manager.contents(atPath: output.appendingPathComponent(SiteStamp.fileName).path))
        else { return nil }
        let templates = try TemplateSet(directory: options.templates, required: Self.requiredTemplates)
        guard stamp.key == Self.buildKey(generation: generation, options: options, templatesDigest: templates.digest),
            let data = manager.contents(atPath: output.appendingPathComponent(PageManifest.fileName).path)
        else { return nil }
        let manifest = PageManifest(parsing: data)
        guard !manifest.isEmpty else { return nil }
        let listing = SiteListing(folder: output.path)
        guard manifest.paths.allSatisfy(listing.contains) else { return nil }
        // Nothing to build, but what a killed build left beside the site still goes.
        SiteWriter.removeAbandonedStaging(beside: output)
        return Result(pages: stamp.pages, rendered: 0, written: 0, unchanged: manifest.count)
    }

    /// The point of the register's change log the site at `options.output` was built at
    /// (`SiteStamp.mark`): read the changes since it with the snapshot, for `build`.
    package func previousMark() -> RecordChanges.Mark? {
        guard !options.force else { return nil }
        let path = URL(fileURLWithPath: options.output).appendingPathComponent(SiteStamp.fileName).path
        return SiteStamp(parsing: FileManager.default.contents(atPath: path))?.mark
    }

    /// Renders the site; `reportWeeks` get one report page each. On failure the staging folder
    /// is removed and the previous site is left as it was. `generation` is the register's (see
    /// `buildKey`), read before `snapshot`; `changes` the change log since `previousMark()`,
    /// read with `snapshot`.
    package func build(snapshot: RegisterSnapshot, reportWeeks: [ISOWeek] = [], generation: Int? = nil,
                       changes: RecordChanges = .unknown) throws -> Result {
        try SiteOutputGuard(protectedPaths: options.protectedPaths).check(URL(fileURLWithPath: options.output))
        let stages = BuildStep.stages
        let total = stages.joined().count + 1
        // The first step makes the context the others run over.
        log("[1/\(total)] Loading templates and opening the output folder")
        var context = try Self.perform("Loading templates and opening the output folder", output: options.output) {
            try BuildContext(snapshot: snapshot, options: options, reportWeeks: reportWeeks, generation: generation, changes: changes,
                             details: details)
        }
        var number = 2
        do {
            for stage in stages {
                for (offset, step) in stage.enumerated() { log("[\(number + offset)/\(total)] \(step.name)") }
                number += stage.count
                try Self.run(stage, on: &context)
            }
        } catch {
            context.writer.discard()
            throw error
        }
        if keepsWorkUntilExit {
            // Not the log source: the store behind it must close (and tidy its files) as usual.
            var kept = context
            kept.details = nil
            KeptUntilExit.keep(kept)
        }
        return Result(pages: context.pages, rendered: context.rendered, written: context.written, unchanged: context.unchanged,
                      recordsCompared: context.recordsCompared)
    }

    /// Runs a stage's steps beside each other: the first on this thread over `context`, the
    /// others over copies with no results, on one thread per core but one (and this thread
    /// once the first is done), each taking the next step not yet started, merged back in step order once all have finished. The first
    /// error in step order is thrown, after every step of the stage has stopped (none is left
    /// writing into the staging folder).
    ///
    /// Not a thread per step: the first step renders on every core already, and what running
    /// steps hold is in memory together. After each step the memory it freed goes back to the
    /// system (`malloc_trim`): its thread's malloc arena would otherwise keep it while the drill
    /// pages grow theirs. On two cores a cold build of 50,000 records peaked at 310 MB with
    /// every step at once, 303 MB one at a time, 287–291 MB with the trim.
    private static func run(_ stage: [BuildStep], on context: inout BuildContext) throws {
        let start = context.withoutResults
        let others = Array(stage.dropFirst())
        let queue = StepQueue(count: others.count)
        let threads = min(others.count, max(1, ProcessInfo.processInfo.activeProcessorCount - 1))
        @Sendable func takeTurns() {
            while let index = queue.next() {
                let step = others[index]
                queue.finish(index, Swift.Result {
                    var copy = start
                    try perform(step.name, output: start.options.output) { try step.run(&copy) }
                    return copy
                })
                _ = riskreg_release_free_memory()  // see above
            }
        }
        let workers = (0..<threads).map { _ in BackgroundWork { takeTurns() } }
        let first = Swift.Result { try perform(stage[0].name, output: context.options.output) { try stage[0].run(&context) } }
        // The first step done, this thread takes its turn at what is left: when the drill pages
        // are few (one log changed), the other steps are most of the stage.
        takeTurns()
        for worker in workers { worker.value() }
        try first.get()
        for result in queue.results { context.absorb(try result.get()) }
    }

    /// Runs one step (with `RISKREG_TIMINGS=1` printing its time and the peak memory so far)
    /// and makes any error a `SiteError` that names the step. Safe on any thread.
    private static func perform<T>(_ name: String, output: String, _ work: () throws -> T) throws -> T {
        let started = DispatchTime.now().uptimeNanoseconds
        defer {
            if ProcessInfo.processInfo.environment["RISKREG_TIMINGS"] == "1" {
                let ms = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
                let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
                let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }.map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "" } ?? ""
                FileHandle.standardError.write(Data("  \(name): \(String(format: "%.0f", ms)) ms, peak \((Int(peak) ?? 0) / 1024) MB\n".utf8))
            }
        }
        do {
            return try work()
        } catch var error as SiteError {
            error.step = name
            throw error
        } catch {
            throw SiteError(file: output, line: nil, reason: error.localizedDescription, step: name)
        }
    }
}

/// The steps of a stage still to start, and the results of those done: what the threads of
/// `SiteBuilder.run` share.
private final class StepQueue: Sendable {
    private let state: Mutex<(next: Int, results: [Swift.Result<BuildContext, any Error>?])>

    init(count: Int) {
        state = Mutex((next: 0, results: Array(repeating: nil, count: count)))
    }

    /// The next step to run, or nil when every one has started.
    func next() -> Int? {
        state.withLock { state in
            guard state.next < state.results.count else { return nil }
            defer { state.next += 1 }
            return state.next
        }
    }

    func finish(_ index: Int, _ result: sending Swift.Result<BuildContext, any Error>) {
        state.withLock { $0.results[index] = result }
    }

    /// Every step's result, in step order; call once every thread has finished.
    var results: [Swift.Result<BuildContext, any Error>] {
        state.withLock { $0.results.map { $0! } }
    }
}
