import ArgumentParser
import Foundation
import RiskregImport
import RiskregMarkdown
import RiskregModel
import RiskregReport
import RiskregSite
import RiskregStore

struct Verify: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check that every artifact a done checklist item claims exists under the repository root.",
        discussion: "Prints file:line: artifact missing: PATH for each one and exits 1. Run it in CI after riskreg import.")

    @OptionGroup var options: RegisterOptions

    func run() async throws {
        let resolvedRoot = try options.repositoryRoot()
        let snapshot = try options.openStore().snapshot(includeHTML: false)
        let (checked, problems, urls) = ArtifactVerifier(root: resolvedRoot).verifyAll(snapshot)
        for problem in problems { print(problem.description) }
        for url in urls { print("note: \(url.description)") }
        print("\(checked) artifact\(checked == 1 ? "" : "s") checked under \(resolvedRoot): \(problems.count) problem\(problems.count == 1 ? "" : "s")")
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
