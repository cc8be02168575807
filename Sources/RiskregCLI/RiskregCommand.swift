import ArgumentParser
import RiskregImport
import RiskregMarkdown
import RiskregModel
import RiskregReport
import RiskregSite
import RiskregStore

/// The `riskreg` command: a risk register and chaos-drill records kept in SQLite.
@available(macOS 10.15, macCatalyst 13, iOS 13, tvOS 13, watchOS 6, *)
public struct RiskregCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "riskreg",
        abstract: "Keep a risk register and chaos-drill ship logs; publish a site and weekly reports.",
        discussion: """
            Typical use, from any folder of the repository (see --root):
              riskreg import              import register/ into register/riskreg.db
              riskreg build               render the site into public/
              riskreg report weekly       this week's report as markdown
              riskreg status              where the register stands today
            """,
        version: "riskreg 0.3.0 (register schema \(Migrations.latest), reader \(DocumentParser.readerVersion), export riskreg/2)",
        subcommands: [
            Import.self, Explain.self, Drills.self, ShowDrill.self, Risks.self, ShowRisk.self, Export.self, Build.self, Templates.self, Report.self, Status.self, Checklist.self, Tick.self, Untick.self, Verify.self,
        ])

    public init() {}
}
