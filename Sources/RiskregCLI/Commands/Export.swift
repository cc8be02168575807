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

    func run() async throws {
        let store = try options.openStore()
        let data = try ExportDocument(snapshot: store.snapshot(includeHTML: false)).json { try store.drillHTML(from: $0, through: $1) }
        if let out {
            try AtomicFile.write(data + Data("\n".utf8), to: out)
        } else {
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        }
    }
}
