import Foundation
import Testing

@testable import RiskregImport
@testable import RiskregMarkdown
@testable import RiskregModel

/// The scanners answer from UTF-8 bytes where the bytes settle the question and fall back to
/// Swift's Character rules otherwise. These tests hold them to the Character-based versions
/// (`ReferenceScan`) on random text built from the characters that make Characters differ from
/// bytes: combining and prepended marks, joiners, variation selectors, CR LF, the Kelvin sign,
/// dotted capital I, final sigma, non-ASCII digits, done symbols and dashes.
@Suite struct TextFastPathTests {
    static let pieces: [String] = [
        "a", "B", "k", "K", "x", "é", "7", "0", ",", ".", ":", "/", "//", "://", "-", "—", "–", "--", " — ", " ", "  ", "\t", "\n",
        "\r\n", "\r", "(", ")", "[", "]", "[x]", "@", "#", "%", "µ", "~", "≈", "−", "|", "\u{301}", "\u{600}", "\u{200D}",
        "\u{FE0F}", "\u{212A}", "\u{130}", "Σ", "٣", "½", "\u{A0}", "\u{2003}", "’", "…", "•", "✅", "✔", "✔️", "☑", "☑️", "👩‍💻",
        "🇺🇸", "가", "ﬁ", "Finding", "finding ", "FINDING", "Done:", "DONE", "DONE:", "(done)", "(Completed)", "(complete)",
        "[ALICE, BOB]", "[ ]", "[x] ", "[X]\u{301}", "12,755", "48.34s", "1m15s", "2 min", "drill", "Game day", "post-mortem", "RCA", "docs/a.md",
        "s3://b/k", "https://x.y", "a.txt", "Owner", "due", "production", "staging", "recover", "register",
        "_", "@ops/db.", "@a-b_c", "aborted", "plan", "Completed", "scheduled", "abort",
    ]

    /// Random strings of 0–7 pieces, the same for every run.
    static func samples(_ count: Int = 6000) -> [String] {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        return (0..<count).map { _ in (0..<(next() % 8)).map { _ in pieces[next() % pieces.count] }.joined() }
    }

    @Test func scannersAgreeWithTheCharacterBasedOnes() {
        for text in Self.samples() {
            let number = TextScan.leadingNumber(text), reference = ReferenceScan.leadingNumber(text)
            #expect(number?.number == reference?.number && number?.unit == reference?.unit, "leadingNumber \(text.debugDescription)")
            let pair = TextScan.keyValue(text), referencePair = ReferenceScan.keyValue(text)
            #expect(pair?.key == referencePair?.key && pair?.value == referencePair?.value, "keyValue \(text.debugDescription)")
            #expect(TextScan.isPathLike(text) == ReferenceScan.isPathLike(text), "isPathLike \(text.debugDescription)")
            let cleaned = ActionItemParser.clean(text), referenceCleaned = ReferenceScan.clean(text)
            #expect(cleaned.text == referenceCleaned.text && cleaned.done == referenceCleaned.done && cleaned.owner == referenceCleaned.owner,
                    "clean \(text.debugDescription)")
            #expect(FindingParser.cleanTitle(text) == ReferenceScan.cleanTitle(text), "cleanTitle \(text.debugDescription)")
            #expect(RecordKind(words: text) == ReferenceScan.recordKind(words: text), "RecordKind \(text.debugDescription)")
            #expect(TaskItem.key(for: text) == ReferenceScan.key(for: text), "key \(text.debugDescription)")
            if text.utf8.allSatisfy({ $0 < 0x80 }) {
                #expect(TextScan.normalizedHeading(text) == TextScan.normalizedUnicodeHeading(text), "normalizedHeading \(text.debugDescription)")
            }
            #expect(TextScan.firstOwner(in: text) == ReferenceScan.owners(in: text).first, "firstOwner \(text.debugDescription)")
            #expect(RecordParser.titleStatus(text) == ReferenceScan.titleStatus(text), "titleStatus \(text.debugDescription)")
            #expect(ActionItemParser.startsWithBox(text) == (text.count >= 3 && ["[ ]", "[x]", "[X]"].contains(String(text.prefix(3)))),
                    "startsWithBox \(text.debugDescription)")
        }
    }

    @Test func byteSplitsAgreeWithSplittingCharactersOrScalars() {
        for text in Self.samples() {
            // Lines: split at every "\n" scalar; where no "\r" precedes one, exactly what
            // Character splitting gives.
            let lines = TextScan.lines(text).map(String.init)
            let scalarLines = text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false)
                .map { String(String.UnicodeScalarView($0)) }
            #expect(lines == scalarLines, "lines \(text.debugDescription)")
            if !text.contains("\r") {
                #expect(lines == text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), "lines \(text.debugDescription)")
            }
            for maxSplits in 0...2 {
                let limited = TextScan.lines(text, maxSplits: maxSplits).map(String.init)
                let reference = text.unicodeScalars.split(separator: "\n", maxSplits: maxSplits, omittingEmptySubsequences: false)
                    .map { String(String.UnicodeScalarView($0)) }
                #expect(limited == reference, "lines(maxSplits: \(maxSplits)) \(text.debugDescription)")
            }
            for separator in [" ", "/", "\n"] {
                #expect(text.splitOnASCII(UInt8(ascii: Unicode.Scalar(separator)!)) == text.split(separator: Character(separator)),
                        "splitOnASCII \(separator.debugDescription) \(text.debugDescription)")
            }
            let path = text.replacingOccurrences(of: "\n", with: "")
            let reference = path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == "." || $0 == ".." || $0.isEmpty }
            #expect(SourceFiles.hasDotOrEmptyComponent(path) == reference, "hasDotOrEmptyComponent \(path.debugDescription)")
        }
        for path in ["a/./b", "a/../b", "./a", "a/..", "a//b", "a/...", ".../a", ".a/b.", "a/b", "", "/", "a/"] {
            let reference = path.split(separator: "/", omittingEmptySubsequences: false).contains { $0 == "." || $0 == ".." || $0.isEmpty }
            #expect(SourceFiles.hasDotOrEmptyComponent(path) == reference, "hasDotOrEmptyComponent \(path.debugDescription)")
        }
    }

    @Test func byteAnswersAgreeWithStringOperations() {
        for text in Self.samples() {
            let sub = Substring(text)
            #expect(TextScan.hasASCIIPrefix(sub, "Done:") == text.hasPrefix("Done:"), "\(text.debugDescription)")
            #expect(TextScan.lowercasedHasASCIIPrefix(sub, "finding") == text.lowercased().hasPrefix("finding"), "\(text.debugDescription)")
            #expect(TextScan.hasASCIISuffix(sub, "]") == text.hasSuffix("]"), "\(text.debugDescription)")
            #expect(TextScan.lowercasedHasASCIISuffix(sub, "(done)") == text.lowercased().hasSuffix("(done)"), "\(text.debugDescription)")
            for needle: StaticString in ["://", "production", "recover"] {
                if let answer = TextScan.containsASCII(text, needle) {
                    #expect(answer == text.contains(needle.description), "\(text.debugDescription) \(needle)")
                }
            }
        }
    }

    @Test func pathNamesAgreeWithFoundation() {
        // Paths as the importer makes them: no empty components (Foundation's own slash
        // compressing traps on some of those).
        let paths = ["register/logs/2026-05-08-drill-04.md", "a.md", "/x.md", "logs/.md", "logs/..", "a/b/c.tar.gz", "x/y.", "ab",
                     "PM2023-001 - Total node failure.md", "a/b/", "/", "", "é/ü.md", "a/b\r.md", "reg/.hidden/x.md"]
        for path in paths + Self.samples(2000).map({ $0 + ".md" }).filter({ !$0.contains("//") }) {
            let names = RecordParser.pathNames(path)
            let fileName = (path as NSString).lastPathComponent
            #expect(names.fileName == fileName, "\(path.debugDescription)")
            #expect(names.stem == (fileName as NSString).deletingPathExtension, "\(path.debugDescription)")
            #expect(names.folder == (path as NSString).deletingLastPathComponent, "\(path.debugDescription)")
        }
    }

    /// What the fast paths assume of the scalars they read as whole Characters.
    @Test func standalonePunctuationAndInertSymbolsAreWhatTheySay() {
        for value in UInt32(0x80)...UInt32(0x1FFFF) {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let text = String(scalar)
            if StandalonePunctuation.contains(value) {
                let char = Character(scalar)
                #expect(!char.isLetter && !char.isNumber && !char.isWhitespace && text.lowercased() == text, "\(value)")
                #expect(("a" + text + "a").count == 3 && (text + text).count == 2 && (text + "—" + text).count == 3, "\(value)")
            }
            if TaskItem.isInertSymbol(value) {
                #expect(!scalar.properties.isAlphabetic && scalar.properties.lowercaseMapping == text, "\(value)")
            }
        }
    }
}
