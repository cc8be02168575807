import ArgumentParser
import Foundation
import RiskregImport
import RiskregMarkdown
import RiskregModel
import RiskregReport
import RiskregSite
import RiskregStore

struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write the whole register as one JSON document (schema \(ExportDocument.schemaVersion), docs/export-schema.md).")

    @OptionGroup var options: RegisterOptions
    @Option(name: .shortAndLong, help: "Write to this file instead of standard output.") var out: String?

    /// Streams the document as records are encoded, so memory never holds all of it.
    func run() async throws {
        let store = try options.openStore()
        let snapshot = try store.snapshot(includeDetails: false)
        let details = { (first: Int, last: Int) in try store.recordDetails(from: first, through: last) }
        let newline: [UInt8] = [10]
        if let out {
            try AtomicFile.write(to: out) { write in
                // The document keeps the sink only while `ExportDocument.write` runs.
                try withoutActuallyEscaping(write) { try ExportDocument.write(snapshot: snapshot, details: details, to: $0) }
                try write(newline)
            }
        } else {
            let write = { (bytes: [UInt8]) in try AtomicFile.writeAll(bytes, to: STDOUT_FILENO, path: "standard output") }
            try ExportDocument.write(snapshot: snapshot, details: details, to: write)
            try write(newline)
        }
    }
}
