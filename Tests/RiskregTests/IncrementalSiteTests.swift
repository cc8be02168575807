import Foundation
import Testing
@testable import RiskregSite
@testable import RiskregStore

/// Pages are carried over by what they show: after each edit an incremental build equals a
/// fresh one byte for byte, and an edit to one log re-renders only what shows it.
@Suite(.serialized) struct IncrementalSiteTests {
    static let today = ["RISKREG_TODAY": "2026-11-21"]

    /// A site's files but the manifest and the stamp (the stamp names the output folder).
    private func files(_ folder: URL) throws -> [String: Data] {
        try TestSupport.siteFiles(folder, skipping: [".riskreg-pages", ".riskreg-build"])
    }

    private func rendered(_ output: String) -> Int? {
        // "built 82 pages into site/ (37 rendered): …"
        guard let range = output.range(of: #"\((\d+) rendered\)"#, options: .regularExpression) else { return nil }
        return Int(output[range].dropFirst().prefix { $0.isNumber })
    }

    /// A manifest is written sorted by path. When the previous one was read sorted and lists
    /// the same paths, its order is reused (no sort); otherwise the paths are sorted.
    @Test func manifestsAreWrittenSortedWhetherOrNotThePreviousOrderIsReused() throws {
        let entries = Dictionary(uniqueKeysWithValues: ["drills/b.html", "api/x.json", "index.html", "drills/a.html"].map {
            ($0, PageManifest.Entry(fingerprint: "f-" + $0, note: $0 == "index.html" ? "a\tnote" : ""))
        })
        let manifest = PageManifest(entries: entries)
        let sorted = manifest.text
        #expect(sorted.split(separator: "\n").map { String($0.split(separator: "\t")[0]) } == entries.keys.sorted())
        #expect(sorted.contains("index.html\tf-index.html\ta note\n"))
        let previous = PageManifest(parsing: Data(sorted.utf8))
        #expect(String(decoding: manifest.bytes(like: previous), as: UTF8.self) == sorted)
        // Different paths, or a previous file out of order: sorted all the same.
        var more = manifest
        more["drills/c.html"] = PageManifest.Entry(fingerprint: "c")
        #expect(String(decoding: more.bytes(like: previous), as: UTF8.self) == more.text)
        #expect(more.text.contains("drills/b.html\tf-drills/b.html\t\ndrills/c.html\tc\t\n"))
        let shuffled = PageManifest(parsing: Data(sorted.split(separator: "\n").reversed().map { $0 + "\n" }.joined().utf8))
        #expect(shuffled.entries == previous.entries)
        #expect(String(decoding: manifest.bytes(like: shuffled), as: UTF8.self) == sorted)
    }

    /// `storedPath` gives a listed path as the manifest holds it, sharing its storage, so a
    /// build that carries files over keeps one copy of each path; nil for a path not listed.
    @Test func aStoredPathSharesTheManifestsCopy() throws {
        let manifest = PageManifest(parsing: Data("api/drills/12345.json\tfp\t\ndrills/12345.html\tfp2\t\n".utf8))
        func address(_ text: String) -> UnsafeRawPointer? {
            text.utf8.withContiguousStorageIfAvailable { UnsafeRawPointer($0.baseAddress) } ?? nil
        }
        let asked = "drills/" + String(12345) + ".html"
        let stored = try #require(manifest.storedPath(asked))
        #expect(stored == asked)
        #expect(address(stored) != nil && address(stored) != address(asked), "a path this long is stored apart")
        #expect(address(stored) == address(try #require(manifest.storedPath("drills/12345" + ".html"))), "the same copy each time")
        #expect(manifest.storedPath("drills/12346.html") == nil)
    }

    /// Merging manifests: the other's entry wins, its note (or its lack of one) with it; an
    /// entry set without a note drops the old note.
    @Test func mergedManifestsKeepTheNewerEntryWithItsNote() {
        var manifest = PageManifest(entries: [
            "reports/2026-W19.html": .init(fingerprint: "a", note: "2 drills"),
            "reports/2026-W20.html": .init(fingerprint: "b", note: "1 drill"),
            "index.html": .init(fingerprint: "c"),
        ])
        manifest.merge(PageManifest(entries: [
            "reports/2026-W19.html": .init(fingerprint: "a2"),
            "reports/2026-W21.html": .init(fingerprint: "d", note: "3 drills"),
        ]))
        #expect(manifest.entries == [
            "reports/2026-W19.html": .init(fingerprint: "a2"),
            "reports/2026-W20.html": .init(fingerprint: "b", note: "1 drill"),
            "reports/2026-W21.html": .init(fingerprint: "d", note: "3 drills"),
            "index.html": .init(fingerprint: "c"),
        ])
        manifest["reports/2026-W20.html"] = .init(fingerprint: "b2")
        manifest["index.html"] = nil
        #expect(manifest.count == 3 && manifest["reports/2026-W20.html"] == .init(fingerprint: "b2"))
        #expect(!manifest.text.contains("1 drill") && manifest.text.contains("reports/2026-W21.html\td\t3 drills\n"))
        #expect(manifest.isFresh("reports/2026-W19.html", "a2") && !manifest.isFresh("index.html", ""))
    }

    /// `--force` renders every page again, but a page whose bytes come out the same is compared
    /// with the file the output already has and left alone (same bytes, same mtime); a first
    /// build into an empty folder writes every file.
    @Test func aForcedRebuildWritesOnlyWhatChanged() throws {
        let folder = try TestSupport.copyFixture("figures")
        let templates = TestSupport.packageRoot.appendingPathComponent("templates").path
        func build(_ extra: [String] = []) throws -> String {
            let run = try TestSupport.run(["build", "--out", "site", "--templates", templates] + extra, in: folder, environment: Self.today)
            #expect(run.status == 0, "\(run.stderr)")
            return run.stdout
        }
        func counts(_ output: String) -> (pages: Int, written: Int, unchanged: Int)? {
            // "built 82 pages into site/ (82 rendered): 95 files written, 0 unchanged"
            let numbers = output.split(whereSeparator: { !$0.isNumber }).compactMap { Int($0) }
            guard output.contains("files written"), numbers.count >= 4 else { return nil }
            return (numbers[numbers.count - 4], numbers[numbers.count - 2], numbers[numbers.count - 1])
        }
        try TestSupport.run(["import", "."], in: folder, environment: Self.today)
        let first = try #require(counts(try build()))
        #expect(first.written > first.pages && first.unchanged == 0, "a first build writes every file: \(first)")
        let page = folder.appendingPathComponent("site/risks/F1.html").path
        let before = try FileManager.default.attributesOfItem(atPath: page)[.modificationDate] as? Date
        let bytes = try files(folder.appendingPathComponent("site"))

        let forced = try build(["--force"])
        #expect(rendered(forced) == first.pages, "\(forced)")
        let again = try #require(counts(forced))
        #expect(again.written == 0 && again.unchanged == first.written, "\(forced)")
        #expect(try FileManager.default.attributesOfItem(atPath: page)[.modificationDate] as? Date == before)
        #expect(try files(folder.appendingPathComponent("site")) == bytes)
    }

    /// A streamed file (`api/index.json`) is compared with the previous copy as it is written:
    /// carried over when every byte matches, written when it differs anywhere, ends early or
    /// goes on longer; and what is written is exactly what was streamed.
    @Test func aStreamedFileIsKeptOnlyWhenEveryByteMatches() throws {
        let output = try TestSupport.temporaryFolder().appendingPathComponent("site")
        let previous = Array(repeating: Array("0123456789abcdef\n".utf8), count: 100).joined()
        let first = try SiteWriter(output: output)
        #expect(try first.write("api/index.json", streaming: { try $0(Array(previous)) }) == .written)
        try first.commit(files: ["api/index.json"], unchanged: [], previousFiles: nil, manifest: [], stamp: nil)
        let path = output.appendingPathComponent("api/index.json").path

        func stream(_ bytes: [UInt8], chunk: Int) throws -> SiteWriter.Outcome {
            let writer = try SiteWriter(output: output)
            defer { writer.discard() }
            return try writer.write("api/index.json", streaming: { write in
                for start in stride(from: 0, to: bytes.count, by: chunk) { try write(Array(bytes[start..<min(bytes.count, start + chunk)])) }
            })
        }
        let same = Array(previous)
        var changedLate = same
        changedLate[same.count - 2] = UInt8(ascii: "x")
        #expect(try stream(same, chunk: 7) == .unchanged)
        #expect(try stream(same, chunk: same.count) == .unchanged)
        #expect(try stream(changedLate, chunk: 7) == .written)
        #expect(try stream(Array(same.dropLast()), chunk: 7) == .written)
        #expect(try stream(same + [10], chunk: 7) == .written)
        #expect(try stream([], chunk: 7) == .written)

        let writer = try SiteWriter(output: output)
        #expect(try writer.write("api/index.json", streaming: { try $0(Array(changedLate[..<500])); try $0(Array(changedLate[500...])) }) == .written)
        try writer.commit(files: ["api/index.json"], unchanged: [], previousFiles: PageManifest(entries: ["api/index.json": .init(fingerprint: "")]),
                             manifest: [], stamp: nil)
        #expect(FileManager.default.contents(atPath: path) == Data(changedLate))
    }

    @Test func everyEditGivesTheFreshSite() throws {
        let folder = try TestSupport.copyFixture("figures")
        let templates = TestSupport.packageRoot.appendingPathComponent("templates").path
        func build(_ out: String, _ extra: [String] = []) throws -> TestSupport.Run {
            let run = try TestSupport.run(["build", "--out", out, "--templates", templates, "--base-url", "https://example.org/r/"] + extra,
                                          in: folder, environment: Self.today)
            #expect(run.status == 0, "\(run.stderr)")
            return run
        }
        try TestSupport.run(["import", "."], in: folder, environment: Self.today)
        _ = try build("site")

        let log = folder.appendingPathComponent("logs/2026-11-10-drill-03-clean-rerun.md")
        let original = try String(contentsOf: log, encoding: .utf8)
        let edits: [(String, (String) -> String)] = [
            ("tick a checklist step", { $0.replacingOccurrences(of: "- [ ] Attach the dashboard screenshot", with: "- [x] Attach the dashboard screenshot") }),
            ("record a recovery time", { $0.replacingOccurrences(of: "## Checklist", with: "## Headline numbers\n\n- Recovery time: 45s\n\n## Checklist") }),
            ("abort the drill", { $0.replacingOccurrences(of: "status: executed", with: "status: aborted") }),
            ("move it to another risk", { $0.replacingOccurrences(of: "risks: [F5]", with: "risks: [F2]") }),
            ("back as it was", { _ in original }),
        ]
        var text = original
        for (name, edit) in edits {
            text = edit(text)
            try text.write(to: log, atomically: true, encoding: .utf8)
            try TestSupport.run(["import", "."], in: folder, environment: Self.today)
            let incremental = try build("site")
            try? FileManager.default.removeItem(at: folder.appendingPathComponent("fresh"))
            _ = try build("fresh")
            let a = try files(folder.appendingPathComponent("site")), b = try files(folder.appendingPathComponent("fresh"))
            TestSupport.expectSameSite(a, b, name)
            let count = try #require(rendered(incremental.stdout))
            let total = try #require(rendered(try build("fresh", ["--force"]).stdout))
            #expect(count < total, "\(name): \(count) of \(total) pages rendered")
        }

        // Ticking one step of drill 03 leaves the pages of risks it is not linked to alone.
        text = original.replacingOccurrences(of: "- [x] Announce the drill", with: "- [ ] Announce the drill")
        try text.write(to: log, atomically: true, encoding: .utf8)
        try TestSupport.run(["import", "."], in: folder, environment: Self.today)
        let before = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("site/risks/F1.html").path)[.modificationDate] as? Date
        let output = try build("site")
        let after = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("site/risks/F1.html").path)[.modificationDate] as? Date
        #expect(before == after)
        #expect((rendered(output.stdout) ?? 999) < 20, "\(output.stdout)")
    }

    /// A file read again because an older riskreg read it (`files.reader`) changes its record
    /// without changing its bytes: the pages made from the record are rendered again, not
    /// carried over by the file's unchanged hash.
    @Test func aBetterReadingReachesThePages() throws {
        let folder = try TestSupport.copyFixture("figures")
        let templates = TestSupport.packageRoot.appendingPathComponent("templates").path
        func build(_ out: String) throws {
            let run = try TestSupport.run(["build", "--out", out, "--templates", templates], in: folder, environment: Self.today)
            #expect(run.status == 0, "\(run.stderr)")
        }
        try TestSupport.run(["import", "."], in: folder, environment: Self.today)
        // As an older riskreg would have left drill 03: another reading, an older reader.
        let store = try RegisterStore(path: folder.appendingPathComponent("register/riskreg.db").path)
        try store.database.execute("""
            UPDATE drills SET html = '<p>an older reading</p>' WHERE author_number = 3;
            UPDATE files SET reader = 0 WHERE path LIKE '%drill-03%';
            """)
        try build("site")
        let page = folder.appendingPathComponent("site/drills/3.html")
        #expect(try String(contentsOf: page, encoding: .utf8).contains("an older reading"))

        let reimport = try TestSupport.run(["import", "."], in: folder, environment: Self.today)
        #expect(reimport.stdout.contains("read 1 unchanged file again"), "\(reimport.stdout)")
        try build("site")
        #expect(try !String(contentsOf: page, encoding: .utf8).contains("an older reading"))
        try build("fresh")
        TestSupport.expectSameSite(try files(folder.appendingPathComponent("site")), try files(folder.appendingPathComponent("fresh")), "read again")
    }

    /// Ticking a box today changes this week's report, not the old weeks that list the record
    /// (they show the box as it stood then): their fingerprints stay, and the site still equals
    /// a fresh build.
    @Test func tickingAnOldBoxLeavesOldReportsAlone() throws {
        let folder = try TestSupport.copyFixture("history")
        let templates = TestSupport.packageRoot.appendingPathComponent("templates").path
        let day = ["RISKREG_TODAY": "2026-05-20"]
        func build(_ out: String) throws {
            let run = try TestSupport.run(["build", "--out", out, "--templates", templates], in: folder, environment: day)
            #expect(run.status == 0, "\(run.stderr)")
        }
        func fingerprints() throws -> [String: String] {
            let manifest = PageManifest(parsing: try Data(contentsOf: folder.appendingPathComponent("site/.riskreg-pages")))
            return manifest.entries.filter { $0.key.hasPrefix("reports/20") }.mapValues(\.fingerprint)
        }
        try TestSupport.run(["import", "."], in: folder, environment: ["RISKREG_TODAY": "2026-05-06"])
        try build("site")
        let before = try fingerprints()
        #expect(before.keys.sorted() == ["reports/2026-W19.html", "reports/2026-W20.html", "reports/2026-W21.html"])

        // Drill 10 (W19) is listed with "Ship log reviewed" missing in every week since.
        let log = folder.appendingPathComponent("2026-05-05-drill-10-worker-crash.md")
        let text = try String(contentsOf: log, encoding: .utf8)
        try text.replacingOccurrences(of: "- [ ] Ship log reviewed", with: "- [x] Ship log reviewed").write(to: log, atomically: true, encoding: .utf8)
        try TestSupport.run(["import", "."], in: folder, environment: day)
        try build("site")
        let after = try fingerprints()
        // W19 lists the drill itself (its log, metrics and findings): made again, the step still missing then.
        #expect(after["reports/2026-W20.html"] == before["reports/2026-W20.html"])
        #expect(after["reports/2026-W21.html"] != before["reports/2026-W21.html"])
        let w19 = try String(contentsOf: folder.appendingPathComponent("site/reports/2026-W19.html"), encoding: .utf8)
        #expect(w19.contains("Ship log reviewed"))
        let w21 = try String(contentsOf: folder.appendingPathComponent("site/reports/2026-W21.html"), encoding: .utf8)
        #expect(w21.contains("Every executed drill’s checklist is complete.") || w21.contains("Every executed drill's checklist is complete."))

        try build("fresh")
        let a = try files(folder.appendingPathComponent("site")), b = try files(folder.appendingPathComponent("fresh"))
        TestSupport.expectSameSite(a, b)
    }

    /// What a build carries over is what the previous site holds as regular files: nested
    /// folders listed, links and folders not.
    @Test func theSiteListingHasRegularFilesOnly() throws {
        let folder = try TestSupport.temporaryFolder("listing")
        let manager = FileManager.default
        try manager.createDirectory(at: folder.appendingPathComponent("drills/deep"), withIntermediateDirectories: true)
        try Data("a".utf8).write(to: folder.appendingPathComponent("index.html"))
        try Data("b".utf8).write(to: folder.appendingPathComponent("drills/deep/04.html"))
        try Data("c".utf8).write(to: folder.appendingPathComponent(".riskreg-pages"))
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("drills/05.html").path, withDestinationPath: "deep/04.html")
        try manager.createSymbolicLink(atPath: folder.appendingPathComponent("linked").path, withDestinationPath: "drills")
        let listing = SiteListing(folder: folder.path)
        #expect(listing.count == 3)
        for path in ["index.html", "drills/deep/04.html", ".riskreg-pages"] { #expect(listing.contains(path), "\(path)") }
        for path in ["drills/05.html", "drills", "linked/deep/04.html", "drills/deep"] { #expect(!listing.contains(path), "\(path)") }
        #expect(SiteListing(folder: folder.appendingPathComponent("nowhere").path).count == 0)
    }

    private func inode(_ url: URL) throws -> Int {
        try #require(FileManager.default.attributesOfItem(atPath: url.path)[.systemFileNumber] as? Int)
    }

    /// A build with nothing new to show reads no register and renders nothing; a missing file
    /// or another day, option or template makes it build again.
    @Test func nothingToDoIsNoticedAndUndone() throws {
        let folder = try TestSupport.copyFixture("figures")
        let templates = TestSupport.packageRoot.appendingPathComponent("templates").path
        func build(_ extra: [String] = [], environment: [String: String] = Self.today) throws -> TestSupport.Run {
            let run = try TestSupport.run(["build", "--out", "site", "--templates", templates] + extra, in: folder, environment: environment)
            #expect(run.status == 0, "\(run.stderr)")
            return run
        }
        try TestSupport.run(["import", "."], in: folder, environment: Self.today)
        let first = try build()
        #expect(!first.stdout.contains("nothing to do"))
        func pages(_ output: String) -> Substring? {
            output.range(of: #"built \d+ pages"#, options: .regularExpression).map { output[$0] }
        }
        let again = try build()
        #expect(again.stdout.contains("nothing to do"), "\(again.stdout)")
        #expect(rendered(again.stdout) == 0)
        // The same page count as the build that made the site.
        #expect(pages(again.stdout) != nil && pages(again.stdout) == pages(first.stdout))

        // An import that changes nothing leaves the register's generation, so still nothing to do.
        try TestSupport.run(["import", "."], in: folder, environment: Self.today)
        #expect(try build().stdout.contains("nothing to do"))

        // A page removed by hand is made again.
        let page = folder.appendingPathComponent("site/drills/03.html")
        let exists = FileManager.default.fileExists(atPath: page.path)
        let victim = exists ? page : folder.appendingPathComponent("site/index.html")
        try FileManager.default.removeItem(at: victim)
        let repaired = try build()
        #expect(!repaired.stdout.contains("nothing to do"))
        #expect(FileManager.default.fileExists(atPath: victim.path))
        // So is one replaced by a link.
        try FileManager.default.removeItem(at: victim)
        try FileManager.default.createSymbolicLink(atPath: victim.path, withDestinationPath: "/dev/null")
        #expect(!(try build().stdout.contains("nothing to do")))
        #expect(try FileManager.default.attributesOfItem(atPath: victim.path)[.type] as? FileAttributeType == .typeRegular)

        // Another day, another option, --force: built again.
        #expect(!(try build(environment: ["RISKREG_TODAY": "2026-11-22"]).stdout.contains("nothing to do")))
        #expect(!(try build(["--repo-url", "https://example.org/repo/blob/main"]).stdout.contains("nothing to do")))
        #expect(!(try build(["--force"]).stdout.contains("nothing to do")))

        // A changed log: built again, and only its pages rendered.
        let log = folder.appendingPathComponent("logs/2026-11-10-drill-03-clean-rerun.md")
        let text = try String(contentsOf: log, encoding: .utf8)
        try text.replacingOccurrences(of: "- [ ] Attach the dashboard screenshot", with: "- [x] Attach the dashboard screenshot")
            .write(to: log, atomically: true, encoding: .utf8)
        try TestSupport.run(["import", "."], in: folder, environment: Self.today)
        let changed = try build()
        #expect(!changed.stdout.contains("nothing to do"))
        #expect((rendered(changed.stdout) ?? 0) > 0)
    }

    /// When no page appears or goes, changed files are renamed into place and the rest are not
    /// touched (same inode); when pages appear, the new site is swapped in whole. No staging
    /// folder or journal is left behind.
    @Test func changedFilesGoInPlaceAndNewPagesSwapIn() throws {
        let folder = try TestSupport.copyFixture("figures")
        let templates = TestSupport.packageRoot.appendingPathComponent("templates").path
        func build() throws {
            let run = try TestSupport.run(["build", "--out", "site", "--templates", templates], in: folder, environment: Self.today)
            #expect(run.status == 0, "\(run.stderr)")
        }
        try TestSupport.run(["import", "."], in: folder, environment: Self.today)
        try build()
        let site = folder.appendingPathComponent("site")
        let untouched = site.appendingPathComponent("style.css")
        let styleInode = try inode(untouched), siteInode = try inode(site)

        let log = folder.appendingPathComponent("logs/2026-11-10-drill-03-clean-rerun.md")
        let text = try String(contentsOf: log, encoding: .utf8)
        try text.replacingOccurrences(of: "- [ ] Attach the dashboard screenshot", with: "- [x] Attach the dashboard screenshot")
            .write(to: log, atomically: true, encoding: .utf8)
        try TestSupport.run(["import", "."], in: folder, environment: Self.today)
        try build()
        #expect(try inode(site) == siteInode, "the folder was swapped although no page appeared or went")
        #expect(try inode(untouched) == styleInode)

        // A new log adds a page: the new site is swapped in.
        try text.replacingOccurrences(of: "drill: 3", with: "drill: 93").replacingOccurrences(of: "Drill 03", with: "Drill 93").write(
            to: folder.appendingPathComponent("logs/2026-11-12-drill-93-another-rerun.md"), atomically: true, encoding: .utf8)
        try TestSupport.run(["import", "."], in: folder, environment: Self.today)
        try build()
        #expect(try inode(site) != siteInode)

        let leftovers = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.contains(".building-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent(".riskreg-pages.pending").path))
    }

    /// A build killed while renaming files into place leaves a journal naming them; the next
    /// build does not trust the manifest for those files (they may hold either build's bytes),
    /// so it makes them again even when the register went back to what the manifest describes.
    @Test func aJournalOfAKilledCommitIsNotTrusted() throws {
        let folder = try TestSupport.copyFixture("figures")
        let templates = TestSupport.packageRoot.appendingPathComponent("templates").path
        func build() throws -> TestSupport.Run {
            let run = try TestSupport.run(["build", "--out", "site", "--templates", templates], in: folder, environment: Self.today)
            #expect(run.status == 0, "\(run.stderr)")
            return run
        }
        try TestSupport.run(["import", "."], in: folder, environment: Self.today)
        _ = try build()
        let site = folder.appendingPathComponent("site")
        let page = site.appendingPathComponent("index.html")
        let good = try Data(contentsOf: page)
        // What a killed in-place commit leaves: a page with other bytes, and the journal.
        try Data("<!doctype html><title>half way</title>".utf8).write(to: page)
        try Data("index.html\n".utf8).write(to: site.appendingPathComponent(".riskreg-pages.pending"))
        let run = try build()
        #expect(!run.stdout.contains("nothing to do"))
        #expect(try Data(contentsOf: page) == good)
        #expect(!FileManager.default.fileExists(atPath: site.appendingPathComponent(".riskreg-pages.pending").path))
    }
}
