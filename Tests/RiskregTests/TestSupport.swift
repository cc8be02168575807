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

    /// A new empty folder under the system temp folder.
    static func temporaryFolder(_ name: String = "riskreg") throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
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
        let out = process.outPipe.fileHandleForReading.readDataToEndOfFile()
        let err = process.errPipe.fileHandleForReading.readDataToEndOfFile()
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
}
