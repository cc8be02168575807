import ArgumentParser
import Foundation
import RiskregImport

struct Explain: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show what riskreg reads in one write-up and where each fact came from.",
        discussion: "Id, date, kind and title with their source (front matter, file name, title, which line); each section's heading and line; each item's kind, done, owner, due and line; headings it did not recognise; warnings. Reads the file only: the register is not touched.")

    @Argument(help: "The markdown file.", completion: .file(extensions: ["md", "markdown"])) var file: String
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let explanation = Explanation(path: file, display: file)
        if json {
            print(try Terminal.json(explanation))
        } else {
            for line in explanation.text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                print(Terminal.printable(String(line)))
            }
        }
        if explanation.outcome == "refused" { throw ExitCode(1) }
    }
}
