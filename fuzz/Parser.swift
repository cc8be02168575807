import Foundation

// libFuzzer target over the document parser: bytes → DocumentParser().parse, the same call the
// importer makes for every markdown file. Compiled into one module with the RiskregModel and
// RiskregMarkdown sources (see build.sh), so `package` declarations are visible without imports.
//
// A thrown error is a correct answer to bad input; a trap, a crash, a sanitizer report, a hang
// (-timeout), a leak or runaway memory (-rss_limit_mb) is a bug.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Data(bytes: data, count: size)
    do {
        _ = try DocumentParser().parse(path: "fuzz.md", data: bytes)
    } catch {
        // Rejections (DocumentError) are expected.
    }
    return 0
}
