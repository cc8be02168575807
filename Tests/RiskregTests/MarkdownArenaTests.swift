import CCmark
import Foundation
import Testing

@testable import RiskregMarkdown

/// cmark allocating from one arena per document (`CMarkdownArena`) renders exactly what it
/// renders with its own allocator: every fixture, documents whose buffers outgrow the arena's
/// blocks, and a document parsed while another one's tree is alive.
@Suite struct MarkdownArenaTests {
    /// cmark's HTML with its default allocator (malloc and free per node).
    func cmarkHTML(_ markdown: String) -> String {
        var markdown = markdown
        return markdown.withUTF8 { bytes in
            bytes.withMemoryRebound(to: CChar.self) { chars in
                guard let html = cmark_markdown_to_html(chars.baseAddress, chars.count, CMARK_OPT_DEFAULT) else { return "" }
                defer { free(html) }
                return String(cString: html)
            }
        }
    }

    func arenaHTML(_ markdown: String) throws -> String {
        try MarkdownTree.parse(markdown, path: "test.md") { $0.renderHTML() }
    }

    @Test func everyFixtureRendersAsWithCmarksOwnAllocator() throws {
        let root = TestSupport.fixtures
        let files = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil)?
            .compactMap { $0 as? URL }.filter { $0.pathExtension == "md" } ?? []
        var compared = 0
        for file in files {
            let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
            // Documents nested too deep are refused before anything is rendered.
            guard let html = try? arenaHTML(text) else { continue }
            #expect(html == cmarkHTML(text), "\(file.path)")
            compared += 1
        }
        #expect(compared > 50)
    }

    @Test func buffersThatOutgrowABlockKeepTheirBytes() throws {
        // One code block of 3 MB (a buffer grown far past the first 64 KB block and moved between
        // blocks), 20,000 list items (nodes over many blocks) and a 300 KB paragraph line.
        let code = (0..<60_000).map { "line \($0) of a long log: \(String(repeating: "x", count: 30))" }.joined(separator: "\n")
        let items = (0..<20_000).map { "- [ ] item \($0) with `code` and *emphasis*" }.joined(separator: "\n")
        let line = (0..<30_000).map { "word\($0)" }.joined(separator: " ")
        for markdown in ["# Big\n\n```\n\(code)\n```\n", items + "\n", line + "\n", "# Mixed\n\n\(line)\n\n\(items)\n\n```\n\(code)\n```\n"] {
            let html = try arenaHTML(markdown)
            #expect(html == cmarkHTML(markdown))
            #expect(html.utf8.count > markdown.utf8.count / 2)
        }
    }

    @Test func aDocumentParsedDuringAnothersParseLeavesBothWhole() throws {
        let outer = "# Outer\n\n- [x] done\n- [ ] open\n\n> quoted **text**\n"
        let inner = "## Inner\n\nA [link](https://example.com) and `code`.\n"
        let (outerHTML, innerHTML) = try MarkdownTree.parse(outer, path: "outer.md") { tree in
            let innerHTML = try MarkdownTree.parse(inner, path: "inner.md") { $0.renderHTML() }
            // The outer tree renders after the inner one's arena is gone.
            return (tree.renderHTML(), innerHTML)
        }
        #expect(outerHTML == cmarkHTML(outer))
        #expect(innerHTML == cmarkHTML(inner))
    }

    @Test func anArenaTakesMemoryInFewLargeBlocks() throws {
        let arena = try #require(MarkdownArena())
        #expect(arena.reserved == 0)
        let allocator = arena.allocator
        arena.use {
            for size in 1...2_000 {
                let pointer = allocator.pointee.calloc(1, size)
                #expect(pointer != nil)
            }
        }
        // 2 MB asked for in 2,000 allocations: a handful of blocks, each at least 64 KB.
        #expect(arena.reserved >= 2_001_000 && arena.reserved < 4_500_000)
    }

    @Test func freedSmallAllocationsAreReusedZeroedAndLargeOnesAreMallocs() throws {
        let arena = try #require(MarkdownArena())
        let memory = arena.allocator.pointee
        arena.use {
            // A freed small allocation comes back for the next one of its size, cleared by calloc.
            let first = memory.calloc(1, 100)!.assumingMemoryBound(to: UInt8.self)
            first.update(repeating: 0xAB, count: 100)
            memory.free(first)
            let again = memory.calloc(1, 100)!.assumingMemoryBound(to: UInt8.self)
            #expect(again == first)
            #expect(UnsafeBufferPointer(start: again, count: 100).allSatisfy { $0 == 0 })
            // Growing keeps the bytes, in place or moved.
            again.update(repeating: 7, count: 100)
            let grown = memory.realloc(again, 5_000)!.assumingMemoryBound(to: UInt8.self)
            #expect(UnsafeBufferPointer(start: grown, count: 100).allSatisfy { $0 == 7 })
            // Large allocations take no room in the blocks and keep their bytes through realloc.
            let before = arena.reserved
            let large = memory.calloc(1, 64 * 1024)!.assumingMemoryBound(to: UInt8.self)
            large.update(repeating: 9, count: 64 * 1024)
            let larger = memory.realloc(large, 4 * 1024 * 1024)!.assumingMemoryBound(to: UInt8.self)
            #expect(UnsafeBufferPointer(start: larger, count: 64 * 1024).allSatisfy { $0 == 9 })
            memory.free(larger)
            #expect(arena.reserved == before)
        }
    }
}
