import ArgumentParser
import Foundation
import RiskregSite

struct Templates: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the templates built into riskreg, or copy them into a folder to customise.",
        discussion: "`riskreg build` uses templates/ in the repository root when there is one, else the built-in templates; --templates DIR picks another folder. A copy made here is where to start.")

    @Option(help: "Write the built-in templates and stylesheet into this folder (created if missing; existing files are kept unless --force).")
    var copy: String?
    @Flag(help: "With --copy, overwrite files that already exist.") var force = false

    func run() async throws {
        let files = TemplateSet.builtInFiles()
        guard let copy else {
            for file in files { print("\(file.name)  (\(file.data.count) bytes)") }
            return
        }
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: copy, isDirectory: &isDirectory), !isDirectory.boolValue {
            throw CommandError("\(copy): exists and is not a folder; pick a folder for --copy")
        }
        do {
            try FileManager.default.createDirectory(atPath: copy, withIntermediateDirectories: true)
        } catch {
            throw CommandError("\(copy): cannot create the folder (\(error.localizedDescription))")
        }
        var written = 0, kept = 0
        for file in files {
            let path = (copy as NSString).appendingPathComponent(file.name)
            if FileManager.default.fileExists(atPath: path) && !force {
                print("kept      \(path) (exists; --force overwrites)")
                kept += 1
                continue
            }
            try AtomicFile.write(file.data, to: path)
            print("written   \(path)")
            written += 1
        }
        print("\(written) written, \(kept) kept; build with: riskreg build --templates \(copy)")
    }
}
