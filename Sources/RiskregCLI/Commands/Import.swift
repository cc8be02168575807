import ArgumentParser
import Foundation
import RiskregImport
import RiskregMarkdown
import RiskregModel
import RiskregReport
import RiskregSite
import RiskregStore

struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import register documents and ship logs (files or folders of *.md).",
        discussion: "Unchanged files are skipped by content hash; changed ones update their drill in place and items keep their history. The whole run is one transaction. A bad file is refused with a reason and the rest import; the exit status is then 1.")

    @OptionGroup var options: RegisterOptions
    @Argument(help: "Files or folders to import (default: register/ in the repository root).", completion: .file(extensions: ["md", "markdown"])) var paths: [String] = []
    @Flag(help: "Remove records whose file is gone or no longer reads as a record.") var prune = false
    @Flag(name: .shortAndLong, help: "Print only refusals, warnings and the summary.") var quiet = false
    @Flag(help: "Print the outcome as JSON.") var json = false

    func run() async throws {
        let root = try options.repositoryRoot()
        var importer = Importer(databasePath: options.databasePath, today: Clock.today(), prune: prune)
        // Paths are stored relative to the repository root, whichever folder this runs from.
        importer.base = root
        let arguments = paths.isEmpty ? [(root as NSString).appendingPathComponent("register")] : paths.map { RepositoryRoot.absolute($0) }
        if ProcessInfo.processInfo.environment["RISKREG_TIMINGS"] == "1" {
            importer.timings = { phase, seconds in
                let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
                let peak = status.split(separator: "\n").first { $0.hasPrefix("VmHWM") }
                    .map { $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "" } ?? ""
                FileHandle.standardError.write(Data("  \(phase): \(String(format: "%.0f", seconds * 1000)) ms, peak \((Int(peak) ?? 0) / 1024) MB\n".utf8))
            }
        }
        let showProgress = !json && !quiet && Terminal.stderrIsTerminal
        if showProgress {
            importer.progress = { done, total in
                if total >= 50 { Terminal.progressBar(done: done, total: total) }
            }
        }
        let report = try importer.run(paths: arguments)
        if json {
            print(try Terminal.json(JSONReport(report)))
        } else {
            for entry in report.entries {
                let interesting = entry.outcome == .refused || entry.outcome == .missing || !entry.warnings.isEmpty
                if quiet && !interesting { continue }
                // Control characters in a file name must not forge lines of this output.
                let path = Terminal.printable(entry.path)
                var line = entry.outcome.rawValue.padding(toLength: 10, withPad: " ", startingAt: 0)
                if entry.outcome == .refused, let detail = entry.detail {
                    line += Terminal.printable(detail.hasPrefix(entry.path) ? path + detail.dropFirst(entry.path.count) : "\(path): \(detail)")
                } else {
                    line += path
                    if let label = entry.label, entry.outcome != .unchanged { line += " (\(Terminal.printable(label)))" }
                    if let detail = entry.detail { line += ": \(Terminal.printable(detail))" }
                }
                print(line)
                for warning in entry.warnings { print("warning   \(path): \(Terminal.printable(warning))") }
            }
            if report.entries.isEmpty {
                print("no markdown files (*.md) found in \(arguments.map { SourceFiles.display($0) }.joined(separator: " ")); nothing to import")
            }
            for note in report.notes { print("note      \(Terminal.printable(note))") }
            print(report.summary)
        }
        if report.hasRefusals { throw ExitCode(1) }
    }

    private struct JSONReport: Encodable {
        var files: [File]
        var summary: [String: Int]

        struct File: Encodable {
            var path: String
            var outcome: String
            var detail: String?
            var record: String?
            var warnings: [String]
        }

        init(_ report: ImportReport) {
            files = report.entries.map { File(path: $0.path, outcome: $0.outcome.rawValue, detail: $0.detail, record: $0.label, warnings: $0.warnings) }
            summary = Dictionary(uniqueKeysWithValues: [ImportReport.Outcome.imported, .updated, .unchanged, .refused, .missing, .pruned, .skipped]
                .map { ($0.rawValue, report.count($0)) })
        }
    }
}
