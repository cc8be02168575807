import ArgumentParser
import Foundation

extension RiskregCommand {
    /// Runs the command line. With `--json`, a failure is reported on standard error as
    /// `{"error": "…"}` (same exit status), so scripts that read JSON read errors too.
    public static func mainReportingJSONErrors() async {
        do {
            var command = try parseAsRoot(nil)
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
}
