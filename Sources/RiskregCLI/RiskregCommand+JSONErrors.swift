import ArgumentParser
import Foundation
import RiskregModel

extension RiskregCommand {
    /// Runs the command line. With `--json`, a failure is reported on standard error as
    /// `{"error": "…"}` (same exit status), so scripts that read JSON read errors too.
    public static func mainReportingJSONErrors() async {
        do {
            var command = try parseAsRoot(nil)
            try checkEnvironment()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = exitCode(for: error)
            if CommandLine.arguments.dropFirst().contains("--json"), code != .success {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                let message = message(for: error).trimmingCharacters(in: .whitespacesAndNewlines)
                let data = (try? encoder.encode(["error": message])) ?? Data("{\"error\":\"unknown\"}".utf8)
                FileHandle.standardError.write(data + Data("\n".utf8))
                Foundation.exit(code.rawValue)
            }
            exit(withError: error)
        }
    }

    /// `RISKREG_TODAY` fixes "today" for every command; a value that is not a day is an error
    /// rather than silently ignored.
    static func checkEnvironment() throws {
        if let fixed = ProcessInfo.processInfo.environment["RISKREG_TODAY"], Day(fixed) == nil {
            throw CommandError("RISKREG_TODAY='\(fixed)' is not a date like 2026-05-08; fix or unset it")
        }
    }
}
