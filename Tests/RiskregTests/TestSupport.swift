import Foundation
import Testing

@testable import RiskregCLI
@testable import RiskregImport
@testable import RiskregMarkdown
@testable import RiskregModel
@testable import RiskregReport
@testable import RiskregSite
@testable import RiskregStore

/// Shared helpers: fixture folders, temporary folders, and running the built binary.
enum TestSupport {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// One folder per test process for every temporary folder, removed when the process exits.
    static let temporaryRoot: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("riskreg-tests-\(getpid())")
        try? FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        atexit {
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("riskreg-tests-\(getpid())")
            try? FileManager.default.removeItem(at: root)
        }
        return root
    }()

    /// Writes `drill-N.md` for each number into `folder` (made if missing), with `text(N)`.
    static func writeLogs(_ numbers: some Sequence<Int>, in folder: URL, text: (Int) -> String) throws {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for number in numbers {
            try text(number).write(to: folder.appendingPathComponent("drill-\(number).md"), atomically: false, encoding: .utf8)
        }
    }

    /// A new empty folder under this process's temporary root (removed at exit).
    static func temporaryFolder(_ name: String = "riskreg") throws -> URL {
        let url = temporaryRoot.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    /// Every regular file of a built site by its path in the site, but those named in
    /// `skipping` (the stamp names the output folder, so it differs between two sites).
    static func siteFiles(_ folder: URL, skipping: Set<String>) throws -> [String: Data] {
        var result: [String: Data] = [:]
        let base = folder.standardizedFileURL.path
        for case let url as URL in FileManager.default.enumerator(at: folder, includingPropertiesForKeys: nil) ?? FileManager.DirectoryEnumerator() {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let path = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            if skipping.contains(path) { continue }
            result[path] = try Data(contentsOf: url)
        }
        return result
    }

    /// Records an issue for every file an incremental build (`incremental`) lists differently
    /// from a fresh build of the same register (`fresh`), or holds with other bytes.
    static func expectSameSite(_ incremental: [String: Data], _ fresh: [String: Data], _ label: String = "",
                               sourceLocation: SourceLocation = #_sourceLocation) {
        let prefix = label.isEmpty ? "" : label + ": "
        #expect(incremental.keys.sorted() == fresh.keys.sorted(), "\(prefix)the same files", sourceLocation: sourceLocation)
        for (path, data) in fresh where incremental[path] != data {
            Issue.record("\(prefix)\(path) differs between the incremental and the fresh build", sourceLocation: sourceLocation)
        }
    }

    /// Copies a fixture folder into a fresh temp folder and returns the copy.
    static func copyFixture(_ name: String) throws -> URL {
        let folder = try temporaryFolder(name)
        let target = folder.appendingPathComponent(name)
        try FileManager.default.copyItem(at: fixtures.appendingPathComponent(name), to: target)
        return target
    }

    static func parse(_ markdown: String, path: String = "log.md") throws -> ParsedDocument {
        try DocumentParser().parse(path: path, data: Data(markdown.utf8))
    }

    static func drill(_ markdown: String, path: String = "log.md") throws -> Drill {
        guard case .shipLog(let drill, _) = try parse(markdown, path: path) else {
            Issue.record("expected a ship log")
            throw CancellationError()
        }
        return drill
    }

    static func exportJSON(_ database: String) throws -> String {
        String(decoding: try ExportDocument(snapshot: RegisterStore(path: database).snapshot()).json(), as: UTF8.self)
    }

    /// The built `riskreg` executable beside the test bundle.
    static var binary: URL {
        var candidates: [URL] = []
        let testBinary = URL(fileURLWithPath: CommandLine.arguments[0])
        var folder = testBinary.deletingLastPathComponent()
        for _ in 0..<4 {
            candidates.append(folder.appendingPathComponent("riskreg"))
            folder = folder.deletingLastPathComponent()
        }
        candidates.append(packageRoot.appendingPathComponent(".build/debug/riskreg"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) } ?? candidates.last!
    }

    struct Run {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// Runs the binary in `directory` and waits for it.
    @discardableResult
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Run {
        let process = try launch(arguments, in: directory, environment: environment)
        // Two readers: reading one pipe to its end while the child fills the other would deadlock.
        let errors = PipeReader(process.errPipe)
        let out = process.outPipe.fileHandleForReading.readDataToEndOfFile()
        let err = errors.wait()
        process.process.waitUntilExit()
        return Run(status: process.process.terminationStatus, stdout: String(decoding: out, as: UTF8.self),
                   stderr: String(decoding: err, as: UTF8.self))
    }

    struct Launched {
        var process: Process
        var outPipe: Pipe
        var errPipe: Pipe
    }

    static func launch(_ arguments: [String], in directory: URL, environment: [String: String] = [:]) throws -> Launched {
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["RISKREG_TODAY"] = "2026-05-20"
        for (key, value) in environment { env[key] = value }
        process.environment = env
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        return Launched(process: process, outPipe: out, errPipe: err)
    }

    /// Reads a pipe to its end on another thread.
    /// `@unchecked Sendable`: `data` is written once by the reader before `done` is signalled and
    /// read only after waiting on it.
    final class PipeReader: @unchecked Sendable {
        private var data = Data()
        private let done = DispatchSemaphore(value: 0)

        init(_ pipe: Pipe) {
            Thread.detachNewThread { [self] in
                data = pipe.fileHandleForReading.readDataToEndOfFile()
                done.signal()
            }
        }

        func wait() -> Data {
            done.wait()
            return data
        }
    }
}
