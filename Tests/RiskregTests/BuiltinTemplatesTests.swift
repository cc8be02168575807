import Foundation
import Testing

@testable import RiskregSite

/// The templates and stylesheet are built into the binary: `riskreg build` works outside the
/// repository, `--templates` still overrides them, and `riskreg templates --copy` writes them out.
@Suite(.serialized) struct BuiltinTemplatesTests {
    @Test func builtInTemplatesAreTheRepositorysTemplates() throws {
        let folder = TestSupport.packageRoot.appendingPathComponent("templates").path
        let builtIn = try TemplateSet(directory: nil, required: SiteBuilder.requiredTemplates)
        let files = try TemplateSet(directory: folder, required: SiteBuilder.requiredTemplates)
        #expect(builtIn.digest == files.digest)
        #expect(builtIn.names == files.names && builtIn.assets == files.assets)
        #expect(builtIn.directory == TemplateSet.builtIn)
    }

    @Test func buildOutsideTheRepositoryAndCustomise() throws {
        let folder = try TestSupport.copyFixture("basic")
        let today = ["RISKREG_TODAY": "2026-05-20"]
        try TestSupport.run(["import", "."], in: folder, environment: today)
        // No templates/ here: the built-in ones, with the stylesheet.
        let build = try TestSupport.run(["build", "--out", "site", "--quiet"], in: folder, environment: today)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("site/index.html").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("site/style.css").path))
        let html = try TestSupport.run(["report", "weekly", "--week", "2026-W19", "--format", "html"], in: folder, environment: today)
        #expect(html.status == 0 && html.stdout.contains("<style>"), "\(html.stderr)")

        // A copy to customise, picked up from the repository root without --templates.
        let copy = try TestSupport.run(["templates", "--copy", "templates"], in: folder)
        #expect(copy.status == 0 && copy.stdout.contains("written   templates/layout.mustache"), "\(copy.stdout)\(copy.stderr)")
        let layout = folder.appendingPathComponent("templates/layout.mustache")
        try (try String(contentsOf: layout, encoding: .utf8)).replacingOccurrences(of: "</body>", with: "<!-- customised --></body>")
            .write(to: layout, atomically: true, encoding: .utf8)
        let again = try TestSupport.run(["templates", "--copy", "templates"], in: folder)
        #expect(again.stdout.contains("0 written"), "\(again.stdout)")
        #expect(try String(contentsOf: layout, encoding: .utf8).contains("<!-- customised -->"))
        try TestSupport.run(["build", "--out", "site", "--quiet"], in: folder, environment: today)
        #expect(try String(contentsOf: folder.appendingPathComponent("site/index.html"), encoding: .utf8).contains("<!-- customised -->"))

        let missing = try TestSupport.run(["build", "--out", "site", "--templates", "nowhere"], in: folder, environment: today)
        #expect(missing.status != 0 && missing.stderr.contains("nowhere"), "\(missing.stderr)")
    }
}
