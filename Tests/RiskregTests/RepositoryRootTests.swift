import Foundation
import Testing

@testable import RiskregImport

/// Commands give the same answers from any folder of the repository: the root is found like
/// git finds its work tree (or given with `--root`), and paths are relative to it.
@Suite(.serialized) struct RepositoryRootTests {
    static let today = ["RISKREG_TODAY": "2026-05-20"]

    /// The `basic` fixture laid out as a repository: `.git`, `register/` with the documents.
    private func repository() throws -> URL {
        let folder = try TestSupport.temporaryFolder("repo")
        let fixture = try TestSupport.copyFixture("basic")
        try FileManager.default.moveItem(at: fixture, to: folder.appendingPathComponent("register"))
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        return folder
    }

    @Test func importFromASubfolderStoresTheSamePaths() throws {
        let repo = try repository()
        let fromRoot = try TestSupport.run(["import", "--json"], in: repo, environment: Self.today)
        #expect(fromRoot.status == 0, "\(fromRoot.stderr)")
        let paths = try #require(try JSONSerialization.jsonObject(with: Data(fromRoot.stdout.utf8)) as? [String: Any])["files"] as? [[String: Any]]
        #expect(paths?.compactMap { $0["path"] as? String }.allSatisfy { $0.hasPrefix("register/") } == true)

        // From deep inside: same database, same stored paths, nothing new.
        let inside = repo.appendingPathComponent("register/logs")
        let again = try TestSupport.run(["import", "."], in: inside, environment: Self.today)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("unchanged register/logs/drill-02.md"), "\(again.stdout)")
        #expect(again.stdout.contains("0 imported, 0 updated"), "\(again.stdout)")
        #expect(!FileManager.default.fileExists(atPath: inside.appendingPathComponent("register").path))

        let drills = try TestSupport.run(["drills"], in: inside, environment: Self.today)
        #expect(drills.status == 0 && drills.stdout.contains("2026-05-08"), "\(drills.stderr)")
        let verify = try TestSupport.run(["verify"], in: inside, environment: Self.today)
        #expect(verify.stdout.contains("checked under \(repo.resolvingSymlinksInPath().path)") || verify.stdout.contains("checked under \(repo.path)"), "\(verify.stdout)")

        // The site goes to the root's public/, not into the current folder.
        let templates = TestSupport.packageRoot.appendingPathComponent("templates").path
        let build = try TestSupport.run(["build", "--quiet", "--templates", templates], in: inside, environment: Self.today)
        #expect(build.status == 0, "\(build.stderr)")
        #expect(FileManager.default.fileExists(atPath: repo.appendingPathComponent("public/index.html").path))
        #expect(!FileManager.default.fileExists(atPath: inside.appendingPathComponent("public").path))
    }

    @Test func anExplicitRootMustBeAFolder() throws {
        let repo = try repository()
        let missing = try TestSupport.run(["verify", "--root", "/nonexistent"], in: repo)
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("/nonexistent: no such folder for --root"), "\(missing.stderr)")
        #expect(!missing.stderr.contains("USAGE") && !missing.stderr.contains("Usage"), "\(missing.stderr)")
        let file = try TestSupport.run(["drills", "--root", "register/register.md"], in: repo)
        #expect(file.status == 1 && file.stderr.contains("--root is not a folder"), "\(file.stderr)")
    }

    @Test func aMalformedTodayIsAnErrorForEveryCommand() throws {
        let repo = try repository()
        for arguments in [["import"], ["risks"], ["status"], ["report", "weekly"], ["tick", "4", "x"]] {
            let run = try TestSupport.run(arguments, in: repo, environment: ["RISKREG_TODAY": "garbage"])
            #expect(run.status == 1, "\(arguments)")
            #expect(run.stderr.contains("RISKREG_TODAY='garbage' is not a date like 2026-05-08"), "\(arguments): \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: repo.appendingPathComponent("register/riskreg.db").path))
    }

    @Test func discoveryStopsAtTheNearestMarker() throws {
        let repo = try repository()
        let deep = repo.appendingPathComponent("a/b")
        try FileManager.default.createDirectory(at: deep, withIntermediateDirectories: true)
        #expect(try RepositoryRoot.resolve(explicit: nil, from: deep.path) == repo.standardizedFileURL.path)
        let outside = try TestSupport.temporaryFolder("outside")
        #expect(try RepositoryRoot.resolve(explicit: nil, from: outside.path) == outside.standardizedFileURL.path)
    }
}
