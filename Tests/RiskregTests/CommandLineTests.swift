import Foundation
import Testing

@testable import RiskregCLI
@testable import RiskregImport
@testable import RiskregMarkdown
@testable import RiskregModel
@testable import RiskregReport
@testable import RiskregSite
@testable import RiskregStore

/// End-to-end: the built binary in a temp folder, checking stdout, stderr and exit codes.
@Suite(.serialized) struct CommandLineTests {
    @Test func importPrintsOneLinePerFileAndExitsNonZeroOnRefusal() throws {
        let folder = try TestSupport.copyFixture("basic")
        let first = try TestSupport.run(["import", "."], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("imported  logs/drill-02.md (drill 2)"))
        #expect(first.stdout.contains("3 files: 3 imported, 0 updated, 0 unchanged, 0 refused, 0 missing, 0 pruned"))
        let again = try TestSupport.run(["import", ".", "--json"], in: folder)
        let json = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
        #expect((json?["summary"] as? [String: Int])?["unchanged"] == 3)

        try "---\ndrill: [\n---\n".write(to: folder.appendingPathComponent("logs/broken.md"), atomically: true, encoding: .utf8)
        let bad = try TestSupport.run(["import", ".", "--quiet"], in: folder)
        #expect(bad.status == 1)
        #expect(bad.stdout.contains("refused   logs/broken.md:2: broken front matter"))
        #expect(!bad.stdout.contains("unchanged "))
    }

    @Test func readBackCommands() throws {
        let folder = try TestSupport.copyFixture("basic")
        try TestSupport.run(["import", "."], in: folder)
        let drills = try TestSupport.run(["drills"], in: folder)
        #expect(drills.stdout.contains("04     2026-05-08  executed  A10"))
        let drill = try TestSupport.run(["drill", "4"], in: folder)
        #expect(drill.stdout.contains("Lockstep checklist (2/2 done)"))
        #expect(drill.stdout.contains("[ ] FIS hard-kill scenario @platform due 2026-06-30\n"), "a due date in the text is not repeated")
        #expect(drill.stdout.hasPrefix("Drill 04 — ECS task stop mid-SSE-stream\ndate 2026-05-08 · executed"), "\(drill.stdout)")
        let missing = try TestSupport.run(["drill", "99"], in: folder)
        #expect(missing.status != 0 && missing.stderr.contains("no drill 99 in the register (drills: 2, 4)"))
        let risk = try TestSupport.run(["risk", "A10", "--json"], in: folder)
        #expect(risk.stdout.contains("\"drills\" : [\n    \"4\"\n  ]"))
        let risks = try TestSupport.run(["risks"], in: folder)
        #expect(risks.stdout.contains("A11   R20       2     15"))
        let noDB = try TestSupport.run(["drills", "--db", "nowhere.db"], in: folder)
        #expect(noDB.status != 0 && noDB.stderr.contains("nowhere.db: no register here yet; run `riskreg import register/` first"))
        let wrongFlag = try TestSupport.run(["import", "--frobnicate"], in: folder)
        #expect(wrongFlag.status != 0 && wrongFlag.stderr.contains("Unknown option '--frobnicate'"))
        let noPath = try TestSupport.run(["import", "does-not-exist"], in: folder)
        #expect(noPath.status == 1 && noPath.stdout.contains("refused   does-not-exist: no such file or folder"))
    }

    /// `build --out` may only replace a folder riskreg made or an empty one (issue 7: data loss).
    /// An output folder that cannot be made (here under a file, which fails even for root) is one
    /// line naming the folder and the system's reason, and a non-zero exit with nothing written.
    @Test func anOutputFolderThatCannotBeMadeIsNamed() throws {
        let folder = try TestSupport.copyFixture("basic")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        try TestSupport.run(["import", "."], in: folder)
        try "not a folder\n".write(to: folder.appendingPathComponent("notes.txt"), atomically: true, encoding: .utf8)
        let run = try TestSupport.run(["build", "--out", "notes.txt/site", "-q"], in: folder)
        #expect(run.status != 0)
        #expect(run.stderr.contains("notes.txt/site: cannot create the output folder (Not a directory); pass --out with a folder you can write to"),
                "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1, "\(run.stderr)")
        #expect(try String(contentsOf: folder.appendingPathComponent("notes.txt"), encoding: .utf8) == "not a folder\n")
    }

    @Test func buildRefusesToReplaceFoldersItDidNotMake() throws {
        let folder = try TestSupport.copyFixture("basic")
        defer { try? FileManager.default.removeItem(at: folder.deletingLastPathComponent()) }
        let templates = TestSupport.packageRoot.appendingPathComponent("templates").path
        try FileManager.default.createDirectory(at: folder.appendingPathComponent(".git"), withIntermediateDirectories: true)
        try TestSupport.run(["import", "."], in: folder)
        let readme = folder.appendingPathComponent("README.md")
        try "# notes\n".write(to: readme, atomically: true, encoding: .utf8)
        let other = folder.appendingPathComponent("notes")
        try FileManager.default.createDirectory(at: other, withIntermediateDirectories: true)
        try "keep me".write(to: other.appendingPathComponent("a.txt"), atomically: true, encoding: .utf8)
        let dbFolder = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: dbFolder, withIntermediateDirectories: true)
        try TestSupport.run(["import", ".", "--db", "data/r.db"], in: folder)

        for (out, db, why) in [(".", "register/riskreg.db", "it holds the folder riskreg runs in"),
                               ("..", "register/riskreg.db", "it holds the folder riskreg runs in"),
                               ("data", "data/r.db", "it holds data/r.db, the register database"),
                               ("README.md", "register/riskreg.db", "it is a file, not a site folder"),
                               ("notes", "register/riskreg.db", "it is not empty and riskreg did not make it")] {
            let run = try TestSupport.run(["build", "--db", db, "--templates", templates, "--out", out], in: folder)
            #expect(run.status != 0, "--out \(out) was accepted")
            #expect(run.stderr.contains("refusing to replace this folder with the site: \(why)"), "\(out): \(run.stderr)")
        }
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent(".git").path))
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("data/r.db").path))
        #expect(try String(contentsOf: readme, encoding: .utf8) == "# notes\n")
        #expect(try String(contentsOf: other.appendingPathComponent("a.txt"), encoding: .utf8) == "keep me")

        // A git repository root elsewhere is refused too.
        let repo = try TestSupport.temporaryFolder("repo")
        defer { try? FileManager.default.removeItem(at: repo) }
        try FileManager.default.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
        let intoRepo = try TestSupport.run(["build", "--templates", templates, "--out", repo.path], in: folder)
        #expect(intoRepo.status != 0 && intoRepo.stderr.contains("it is the root of a git repository"))

        // An empty folder, then riskreg's own site, are fine.
        let empty = folder.appendingPathComponent("site")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        let first = try TestSupport.run(["build", "--templates", templates, "--out", "site"], in: folder)
        #expect(first.status == 0, "\(first.stderr)")
        let again = try TestSupport.run(["build", "--templates", templates, "--out", "site"], in: folder)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent("index.html").path))
    }

    /// Issue 7: files that are not markdown documents are refused by name, quickly, never read
    /// whole and never reported "unchanged"; deep nesting and alias bombs are refused.
    @Test func hostileFilesAreRefusedNotReadOrSkipped() throws {
        let folder = try TestSupport.temporaryFolder("hostile-files")
        let logs = folder.appendingPathComponent("logs")
        try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        try "# Drill 800 good\n\n## Summary\nfine\n".write(to: logs.appendingPathComponent("2026-11-10-drill-800-good.md"), atomically: true, encoding: .utf8)
        #expect(mkfifo(logs.appendingPathComponent("fifo.md").path, 0o644) == 0)
        #expect(symlink("/dev/zero", logs.appendingPathComponent("devzero.md").path) == 0)
        #expect(symlink("loop-b.md", logs.appendingPathComponent("loop-a.md").path) == 0)
        #expect(symlink("loop-a.md", logs.appendingPathComponent("loop-b.md").path) == 0)
        let sparse = logs.appendingPathComponent("huge.md")
        #expect(FileManager.default.createFile(atPath: sparse.path, contents: nil))
        #expect(truncate(sparse.path, 3 << 30) == 0)
        try ("# Drill 801 deep\n\n" + String(repeating: ">", count: 5000) + " x\n").write(to: logs.appendingPathComponent("deep.md"), atomically: true, encoding: .utf8)
        let bomb = "---\na: &a [x,x,x,x,x,x,x,x,x,x]\n" + (0..<8).map { i in
            let name = String(UnicodeScalar(UInt8(98 + i))), previous = String(UnicodeScalar(UInt8(97 + i)))
            return "\(name): &\(name) [" + Array(repeating: "*\(previous)", count: 10).joined(separator: ",") + "]\n"
        }.joined() + "---\n# Drill 802\n"
        try bomb.write(to: logs.appendingPathComponent("bomb.md"), atomically: true, encoding: .utf8)
        try "---\nrecovery: 99999999999999999999h\n---\n# Drill 803\n".write(to: logs.appendingPathComponent("huge-number.md"), atomically: true, encoding: .utf8)

        let started = Date()
        let run = try TestSupport.run(["import", "logs", "--db", "r.db"], in: folder)
        #expect(Date().timeIntervalSince(started) < 20)
        #expect(run.status == 1)
        #expect(run.stdout.contains("imported  logs/2026-11-10-drill-800-good.md (drill 800)"))
        for (name, reason) in [("fifo.md", "not a regular file"), ("devzero.md", "not a regular file"),
                               ("loop-a.md", "cannot be read"), ("huge.md", "over the 2097152-byte limit"),
                               ("deep.md", "nested more than 100 levels deep"), ("bomb.md", "expands to more than 10000 values"),
                               ("huge-number.md", "recovery '99999999999999999999h' is not a duration")] {
            #expect(run.stdout.contains("refused   logs/\(name)") && run.stdout.split(separator: "\n").contains { $0.contains("logs/\(name)") && $0.contains(reason) },
                    "\(name): \(run.stdout)")
        }
        #expect(!run.stdout.contains("unchanged "))
        // A control character in a file name cannot forge an output line.
        try "# Drill 804\n\n## Summary\nx\n".write(to: logs.appendingPathComponent("evil\nrefused   forged.md"), atomically: true, encoding: .utf8)
        let again = try TestSupport.run(["import", "logs", "--db", "r.db"], in: folder)
        #expect(!again.stdout.split(separator: "\n").contains { $0.hasPrefix("refused   forged.md") })
        #expect(again.stdout.contains("evil\\nrefused   forged.md"))
    }

    /// Issue 7: a dangerous --base-url / --repo-url never reaches the feed, sitemap or pages.
    @Test func buildRefusesURLsThatAreNotWebURLs() throws {
        let folder = try TestSupport.copyFixture("basic")
        try TestSupport.run(["import", "."], in: folder)
        let templates = TestSupport.packageRoot.appendingPathComponent("templates").path
        for (flag, value) in [("--base-url", "javascript:alert(1)"), ("--base-url", " JaVaScRiPt:alert(1)//"), ("--base-url", "not a url"),
                              ("--repo-url", "javascript:x"), ("--base-url", "https://x.example/\"><script>")] {
            let run = try TestSupport.run(["build", "--templates", templates, "--out", "site", flag, value], in: folder)
            #expect(run.status == 64 && run.stderr.contains("must be an absolute http:// or https:// URL"), "\(flag) \(value): \(run.stderr)")
        }
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("site").path))
        let good = try TestSupport.run(["build", "--templates", templates, "--out", "site", "--base-url", "https://sre.example.com/risks/"], in: folder)
        #expect(good.status == 0, "\(good.stderr)")
    }

    /// Without --base-url the feed and sitemap (which need absolute URLs) are not written, one
    /// note says so, and a later build without it removes the copies an earlier one wrote.
    @Test func buildWithoutABaseURLWritesNoFeedAndSaysSo() throws {
        let folder = try TestSupport.copyFixture("basic")
        try TestSupport.run(["import", "."], in: folder)
        let templates = TestSupport.packageRoot.appendingPathComponent("templates").path
        let site = folder.appendingPathComponent("site")
        func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: site.appendingPathComponent(name).path) }
        let withURL = try TestSupport.run(["build", "--templates", templates, "--out", "site", "--base-url", "https://sre.example.com/risks/"], in: folder)
        #expect(withURL.status == 0, "\(withURL.stderr)")
        #expect(!withURL.stdout.contains("note:"))
        #expect(exists("feed.xml") && exists("sitemap.xml"))
        let feed = try String(contentsOf: site.appendingPathComponent("feed.xml"), encoding: .utf8)
        #expect(feed.contains("<id>https://sre.example.com/risks/feed.xml</id>"))

        let without = try TestSupport.run(["build", "--templates", templates, "--out", "site"], in: folder)
        #expect(without.status == 0, "\(without.stderr)")
        let notes = without.stdout.split(separator: "\n").filter { $0.hasPrefix("note:") }
        #expect(notes == ["note: feed.xml and sitemap.xml not written: they need absolute URLs; pass --base-url https://… to make them"])
        #expect(!exists("feed.xml") && !exists("sitemap.xml"))
        #expect(exists("index.html") && exists("api/index.json"))
    }

    /// A page the previous build made and someone deleted is made again whole: with its log,
    /// headline numbers and findings, which the build reads only for pages it must make.
    @Test func aDeletedPageIsMadeAgainWhole() throws {
        let folder = try TestSupport.copyFixture("basic")
        try TestSupport.run(["import", "."], in: folder)
        let templates = TestSupport.packageRoot.appendingPathComponent("templates").path
        let page = folder.appendingPathComponent("site/drills/4.html")
        #expect(try TestSupport.run(["build", "--templates", templates, "--out", "site", "-q"], in: folder).status == 0)
        let original = try Data(contentsOf: page)
        #expect(String(decoding: original, as: UTF8.self).contains("Stream duration"))
        try FileManager.default.removeItem(at: page)
        let again = try TestSupport.run(["build", "--templates", templates, "--out", "site"], in: folder)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stdout.contains("(1 rendered)"), "\(again.stdout)")
        #expect(try Data(contentsOf: page) == original)
    }

    /// `export -o` streams into a temporary sibling and renames it: the same bytes as standard
    /// output, nothing left beside the file, and a write that fails half-way (here the file
    /// size limit, with its signal ignored) leaves the previous export as it was.
    @Test func exportReplacesItsFileWholeOrNotAtAll() throws {
        let folder = try TestSupport.copyFixture("basic")
        try TestSupport.run(["import", "."], in: folder)
        let exports = folder.appendingPathComponent("exports")
        try FileManager.default.createDirectory(at: exports, withIntermediateDirectories: true)
        let stdout = try TestSupport.run(["export"], in: folder)
        #expect(stdout.status == 0 && stdout.stdout.hasSuffix("}\n") && stdout.stdout.utf8.count > 4096)
        let previous = Data("previous export\n".utf8)
        let file = exports.appendingPathComponent("register.json")
        try previous.write(to: file)

        // 4 KB allowed: the export fails in the middle of writing (EFBIG, not a kill).
        let limited = Process()
        limited.executableURL = URL(fileURLWithPath: "/bin/sh")
        limited.arguments = ["-c", "trap '' XFSZ; ulimit -f 8; exec \"$0\" export -o exports/register.json", TestSupport.binary.path]
        limited.currentDirectoryURL = folder
        let errors = Pipe()
        limited.standardError = errors
        try limited.run()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        limited.waitUntilExit()
        #expect(limited.terminationStatus == 1, "\(message)")
        #expect(message.contains("exports/register.json: cannot write (File too large)"), "\(message)")
        #expect(try Data(contentsOf: file) == previous)
        #expect(try FileManager.default.contentsOfDirectory(atPath: exports.path) == ["register.json"])

        let written = try TestSupport.run(["export", "-o", "exports/register.json"], in: folder)
        #expect(written.status == 0 && written.stdout.isEmpty, "\(written.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8) == stdout.stdout)
        #expect(try FileManager.default.contentsOfDirectory(atPath: exports.path) == ["register.json"])
    }

    /// Issue 9 (part): errors that say what and where, exit 1 for "cannot", and a version.
    @Test func loudErrorsForMissingThingsAndBadValues() throws {
        let folder = try TestSupport.copyFixture("basic")
        try TestSupport.run(["import", "."], in: folder)
        let noFolder = try TestSupport.run(["export", "-o", "/nonexistent-riskreg/x.json"], in: folder)
        #expect(noFolder.status == 1 && noFolder.stderr.contains("the folder /nonexistent-riskreg does not exist"))
        #expect(!FileManager.default.fileExists(atPath: "/nonexistent-riskreg"))
        let proc = try TestSupport.run(["export", "-o", "/proc/riskreg-x.json"], in: folder)
        #expect(proc.status == 1 && proc.stderr.contains("/proc/riskreg-x.json: cannot write (") && !proc.stderr.contains("NSCocoaErrorDomain"))
        let risk = try TestSupport.run(["risk", "Z99"], in: folder)
        #expect(risk.status == 1 && risk.stderr.contains("no risk Z99 in the register") && !risk.stderr.contains("Usage:"))
        let drill = try TestSupport.run(["drill", "99"], in: folder)
        #expect(drill.status == 1 && !drill.stderr.contains("Usage:"))
        let today = try TestSupport.run(["build", "--out", "site"], in: folder, environment: ["RISKREG_TODAY": "garbage"])
        #expect(today.status == 1 && today.stderr.contains("RISKREG_TODAY='garbage' is not a date"))
        let json = try TestSupport.run(["drill", "99", "--json"], in: folder)
        let error = try JSONSerialization.jsonObject(with: Data(json.stderr.utf8)) as? [String: String]
        #expect(json.status == 1 && error?["error"]?.hasPrefix("no drill 99 in the register") == true, "\(json.stderr)")
        let asOf = try TestSupport.run(["build", "--as-of", "yesterday"], in: folder)
        #expect(asOf.status == 64 && asOf.stderr.contains("Usage: riskreg build"), "\(asOf.stderr)")
        let range = try TestSupport.run(["report", "weekly", "--since", "2026-05-10", "--until", "2026-05-01"], in: folder)
        #expect(range.status == 64 && range.stderr.contains("is after --until") && range.stderr.contains("Usage: riskreg report weekly"), "\(range.stderr)")
        let version = try TestSupport.run(["--version"], in: folder)
        #expect(version.status == 0 && version.stdout.hasPrefix("riskreg ") && version.stdout.contains("schema \(Migrations.latest)"))
    }

    /// Kills imports at several moments; the database must hold exactly the before or after state.
    @Test func killedImportLeavesBeforeOrAfter() throws {
        let folder = try TestSupport.temporaryFolder("kill")
        try TestSupport.writeLogs(1...600, in: folder.appendingPathComponent("logs")) { number in
            """
            # Drill \(number) executed: generated
            ## Summary
            Run on 2026-05-01 for A10.
            ## Headline numbers
            - Duration: \(number)s
            ## Action items
            - [ ] Follow up \(number) @sre
            - [x] Done thing \(number)
            """
        }
        // A committed "before" state with 1 drill.
        try "# Drill 9999 executed\n".write(to: folder.appendingPathComponent("first.md"), atomically: true, encoding: .utf8)
        #expect(try TestSupport.run(["import", "first.md", "--db", "r.db"], in: folder).status == 0)
        var outcomes = Set<Int>()
        for delay in [5_000, 40_000, 120_000, 250_000, 500_000] {
            let copy = folder.appendingPathComponent("copy-\(delay).db")
            try FileManager.default.copyItem(at: folder.appendingPathComponent("r.db"), to: copy)
            let launched = try TestSupport.launch(["import", "logs", "--db", copy.lastPathComponent, "--quiet"], in: folder)
            usleep(useconds_t(delay))
            kill(launched.process.processIdentifier, SIGKILL)
            launched.process.waitUntilExit()
            let store = try RegisterStore(path: copy.path)
            #expect(try store.database.scalarInt("SELECT count(*) FROM pragma_integrity_check WHERE integrity_check != 'ok'") == 0)
            let drills = try store.database.scalarInt("SELECT count(*) FROM drills") ?? -1
            let items = try store.database.scalarInt("SELECT count(*) FROM items") ?? -1
            #expect(drills == 1 || drills == 601, "drills: \(drills)")
            #expect(items == (drills == 1 ? 0 : 1200), "items: \(items)")
            outcomes.insert(drills)
        }
        // The "after" state the checks above accept is what a finished import gives.
        let finished = folder.appendingPathComponent("finished.db")
        try FileManager.default.copyItem(at: folder.appendingPathComponent("r.db"), to: finished)
        #expect(try TestSupport.run(["import", "logs", "--db", finished.lastPathComponent, "--quiet"], in: folder).status == 0)
        let store = try RegisterStore(path: finished.path)
        #expect(try store.database.scalarInt("SELECT count(*) FROM drills") == 601)
        #expect(try store.database.scalarInt("SELECT count(*) FROM items") == 1200)
        #expect(outcomes.isSubset(of: [1, 601]))
    }

    /// Kills builds at several moments. The site keeps the same files (no page appears or goes
    /// when only the templates change, so changed pages are renamed into place one by one):
    /// every page is whole, either its old bytes or its new ones, and every link still
    /// resolves. The next build finishes the job.
    @Test func killedBuildLeavesEveryPageWhole() throws {
        let folder = try TestSupport.temporaryFolder("killbuild")
        try TestSupport.writeLogs(1...400, in: folder.appendingPathComponent("logs")) { number in
            "# Drill \(number) executed\n\n## Summary\n\nOn 2026-05-0\(number % 9 + 1).\n\n## Action items\n\n- [ ] item \(number)\n"
        }
        #expect(try TestSupport.run(["import", "logs", "--db", "r.db", "-q"], in: folder).status == 0)
        let templates = TestSupport.packageRoot.appendingPathComponent("templates").path
        let old = try TestSupport.run(["build", "--db", "r.db", "--templates", templates, "--out", "site", "-q"], in: folder)
        #expect(old.status == 0)
        func snapshot() -> [String: Data] {
            var files: [String: Data] = [:]
            let site = folder.appendingPathComponent("site")
            let walker = FileManager.default.enumerator(atPath: site.path)
            while let path = walker?.nextObject() as? String {
                // The stamp and the journal come and go with a commit; the manifest changes.
                if [".riskreg-build", ".riskreg-pages.pending", ".riskreg-pages"].contains(path) { continue }
                var isDirectory: ObjCBool = false
                if FileManager.default.fileExists(atPath: site.appendingPathComponent(path).path, isDirectory: &isDirectory), !isDirectory.boolValue {
                    files[path] = FileManager.default.contents(atPath: site.appendingPathComponent(path).path)
                }
            }
            return files
        }
        let before = snapshot()
        // New templates make every page differ, so a half-swapped site would show.
        let changed = folder.appendingPathComponent("templates")
        try FileManager.default.copyItem(atPath: templates, toPath: changed.path)
        let layout = changed.appendingPathComponent("layout.mustache")
        try (String(contentsOf: layout, encoding: .utf8) + "<!-- v2 -->\n").write(to: layout, atomically: true, encoding: .utf8)
        for delay in [20_000, 80_000, 200_000, 400_000] {
            let launched = try TestSupport.launch(["build", "--db", "r.db", "--templates", changed.path, "--out", "site", "-q"], in: folder)
            usleep(useconds_t(delay))
            kill(launched.process.processIdentifier, SIGKILL)
            launched.process.waitUntilExit()
            let now = snapshot()
            #expect(now.keys.sorted() == before.keys.sorted(), "after \(delay)µs the site has other files")
            for (path, data) in now where path.hasSuffix(".html") && data != before[path] {
                // A changed page is the new one, whole.
                let text = String(decoding: data, as: UTF8.self)
                #expect(text.contains("<!-- v2 -->") && text.contains("</html>"), "after \(delay)µs \(path) is neither old nor new")
            }
        }
        #expect(try TestSupport.run(["build", "--db", "r.db", "--templates", changed.path, "--out", "site", "-q"], in: folder).status == 0)
        let finished = snapshot()
        #expect(finished.keys.sorted() == before.keys.sorted())
        let html = finished.filter { $0.key.hasSuffix(".html") }.values.map { String(decoding: $0, as: UTF8.self) }
        #expect(html.allSatisfy { $0.contains("<!-- v2 -->") }, "the build after the kills left old pages")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".building-") }.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("site/.riskreg-pages.pending").path))
    }

    @Test func concurrentImportsBothSucceed() throws {
        let folder = try TestSupport.temporaryFolder("concurrent")
        for (side, numbers) in [("a", 1...150), ("b", 1001...1150)] {
            try TestSupport.writeLogs(numbers, in: folder.appendingPathComponent(side)) { number in
                "# Drill \(number) executed\n\n## Action items\n\n- [ ] item \(number)\n"
            }
        }
        let a = try TestSupport.launch(["import", "a", "--db", "shared.db"], in: folder)
        let b = try TestSupport.launch(["import", "b", "--db", "shared.db"], in: folder)
        _ = a.outPipe.fileHandleForReading.readDataToEndOfFile()
        _ = b.outPipe.fileHandleForReading.readDataToEndOfFile()
        a.process.waitUntilExit()
        b.process.waitUntilExit()
        #expect(a.process.terminationStatus == 0)
        #expect(b.process.terminationStatus == 0)
        let store = try RegisterStore(path: folder.appendingPathComponent("shared.db").path)
        #expect(try store.database.scalarInt("SELECT count(*) FROM drills") == 300)
        #expect(try store.database.scalarInt("SELECT count(*) FROM items") == 300)
    }
}
