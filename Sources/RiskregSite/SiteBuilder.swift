import Dispatch
import Foundation
import RiskregModel
import RiskregReport

/// `riskreg build`: renders a register snapshot to a static site as a list of named steps over
/// one `BuildContext` (see `BuildStep.site`).
///
/// Pages are rendered on all cores. Drill pages carry a fingerprint of everything they show
/// (ship log hash, neighbours, links, templates, options) in `.riskreg-pages`; a page whose
/// fingerprint is unchanged is carried over from the previous site without rendering.
package struct SiteBuilder {
    package static let requiredTemplates = ["layout", "home", "risks", "risk", "drills", "drill", "items", "reports", "report"]

    package var options: SiteOptions
    /// Supplies drills' rendered logs for `first...last` when the snapshot was read without them.
    package var htmlSource: ((_ first: Int, _ last: Int) throws -> [Int: String])?
    /// Called with "[3/8] Rendering drill pages" style progress lines.
    package var log: (String) -> Void = { _ in }

    package init(options: SiteOptions) {
        self.options = options
    }

    package struct Result {
        package var pages: Int
        package var rendered: Int
        package var written: Int
        package var unchanged: Int
    }

    /// Renders the site; `reportWeeks` get one report page each. On failure the staging folder
    /// is removed and the previous site is left as it was.
    package func build(snapshot: RegisterSnapshot, reportWeeks: [ISOWeek] = []) throws -> Result {
        try SiteOutputGuard(protectedPaths: options.protectedPaths).check(URL(fileURLWithPath: options.output))
        let steps = BuildStep.site
        let total = steps.count + 1
        // The first step makes the context the others run over.
        var context = try perform("Loading templates", number: 1, of: total) {
            try BuildContext(snapshot: snapshot, options: options, reportWeeks: reportWeeks, htmlSource: htmlSource)
        }
        do {
            for (offset, step) in steps.enumerated() {
                try perform(step.name, number: offset + 2, of: total) { try step.run(&context) }
            }
        } catch {
            context.writer.discard()
            throw error
        }
        return Result(pages: context.pages, rendered: context.rendered, written: context.written, unchanged: context.unchanged)
    }

    /// Runs one step: prints its progress line (and with `RISKREG_TIMINGS=1` its time and peak
    /// memory), and makes any error a `SiteError` that names the step.
    private func perform<T>(_ name: String, number: Int, of total: Int, _ work: () throws -> T) throws -> T {
        log("[\(number)/\(total)] \(name)")
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
            throw SiteError(file: options.output, line: nil, reason: error.localizedDescription, step: name)
        }
    }
}
