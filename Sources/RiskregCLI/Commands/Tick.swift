import ArgumentParser
import Foundation
import RiskregImport
import RiskregMarkdown
import RiskregModel
import RiskregReport
import RiskregSite
import RiskregStore

/// Shared by `tick` and `untick`: edit the box in the ship log, then re-import that file.
struct TickArguments: ParsableArguments {
    @OptionGroup var options: RegisterOptions
    @Argument(help: "The drill number.") var drill: Int
    @Argument(help: "The item: its number in `riskreg checklist --drill N`, or a unique text prefix.") var item: String

    func apply(done: Bool) throws {
        let store = try options.openStore()
        let snapshot = try store.snapshot(includeHTML: false)
        guard let record = snapshot.drill(drill) else {
            throw ValidationError("no drill \(drill) in the register (drills: \(snapshot.drills.map { String($0.drill.number) }.joined(separator: ", ")))")
        }
        let path = record.path
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ImportError(path: path, line: nil, reason: "ship log of drill \(drill) not found; run riskreg from the folder you imported from")
        }
        // Work from the file as it is now, not as last imported.
        guard case .shipLog(let parsed, _) = try DocumentParser().parse(path: path, data: data), parsed.number == drill else {
            throw ImportError(path: path, line: nil, reason: "no longer the ship log of drill \(drill); run riskreg import")
        }
        let candidates = ChecklistEditor.numbered(parsed.items)
        let match = try ChecklistEditor.find(item, in: candidates)
        let changed = try ChecklistEditor.set(match.item, done: done, path: path)
        var importer = Importer(databasePath: options.databasePath, today: Clock.today())
        importer.prune = false
        let report = try importer.run(paths: [path])
        if let refused = report.entries.first(where: { $0.outcome == .refused }) {
            throw ImportError(path: path, line: nil, reason: "edited, but the re-import was refused: \(refused.detail ?? "")")
        }
        let verb = done ? "ticked" : "unticked"
        if changed {
            print("\(verb) drill \(TextFormat.drillNumber(drill)) item \(match.number): \(match.item.text)  (\(path):\(match.item.line))")
        } else {
            print("drill \(TextFormat.drillNumber(drill)) item \(match.number) was already \(done ? "done" : "open"): \(match.item.text)")
        }
    }
}

struct Tick: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mark an item done by editing its [ ] box in the ship log, then re-import it.",
        discussion: "Only the box character changes; every other byte of the file stays as it was.")

    @OptionGroup var arguments: TickArguments

    func run() async throws { try arguments.apply(done: true) }
}

struct Untick: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mark an item open again by editing its [x] box in the ship log, then re-import it.")

    @OptionGroup var arguments: TickArguments

    func run() async throws { try arguments.apply(done: false) }
}
