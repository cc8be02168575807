import Foundation
import Testing

/// `--generate-completion-script` works for every shell, and the scripts complete drill and risk
/// ids from the register (through `riskreg ---completion`, as the shells call it).
@Suite(.serialized) struct CompletionTests {
    @Test func scriptsForEveryShell() throws {
        let folder = try TestSupport.copyFixture("figures")
        for shell in ["bash", "zsh", "fish"] {
            let script = try TestSupport.run(["--generate-completion-script", shell], in: folder)
            #expect(script.status == 0, "\(shell): \(script.stderr)")
            #expect(script.stdout.contains("---completion drill"), "\(shell)")
            #expect(script.stdout.contains("---completion risk"), "\(shell)")
        }
    }

    @Test func idsComeFromTheRegister() throws {
        let folder = try TestSupport.copyFixture("figures")
        // Before any import: nothing to offer, and no error output.
        let empty = try TestSupport.run(["---completion", "drill", "--", "positional@0", "2", "0", "riskreg", "drill", ""], in: folder)
        #expect(empty.status == 0 && empty.stdout.isEmpty && empty.stderr.isEmpty, "\(empty.stderr)")

        try TestSupport.run(["import", "."], in: folder, environment: ["RISKREG_TODAY": "2026-11-21"])
        let drills = try TestSupport.run(["---completion", "drill", "--", "positional@0", "2", "0", "riskreg", "drill", ""], in: folder)
        #expect(drills.stdout.split(separator: "\n") == ["1", "3", "4", "5"], "\(drills.stdout)")
        let risks = try TestSupport.run(["---completion", "risk", "--", "positional@0", "2", "1", "riskreg", "risk", "f"], in: folder)
        #expect(risks.stdout.split(separator: "\n") == ["F1", "F2", "F3", "F4", "F5", "F6"], "\(risks.stdout)")
        let tick = try TestSupport.run(["---completion", "checklist", "--", "--drill", "3", "1", "riskreg", "checklist", "--drill", "3"], in: folder)
        #expect(tick.stdout.split(separator: "\n") == ["3"], "\(tick.stdout)")

        // Through bash itself, as a user's shell runs the script.
        guard FileManager.default.isExecutableFile(atPath: "/bin/bash") else { return }
        let binary = TestSupport.binary.path
        let line = "source <('\(binary)' --generate-completion-script bash); COMP_WORDS=('\(binary)' risk F); COMP_CWORD=2; "
            + "COMP_LINE=\"${COMP_WORDS[*]}\"; COMP_POINT=${#COMP_LINE}; _riskreg; printf '%s\\n' \"${COMPREPLY[@]}\""
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", line]
        process.currentDirectoryURL = folder
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(output.split(separator: "\n") == ["F1", "F2", "F3", "F4", "F5", "F6"], "\(output)")
    }
}
