import ArgumentParser
import Foundation
import RiskregImport
import RiskregModel

/// Shared by `tick` and `untick`: edit the box in the write-up, then re-import that file.
struct TickArguments: ParsableArguments {
    @OptionGroup var options: RegisterOptions
    @Argument(help: "The record: a drill number, an id, or a unique id prefix.", completion: Completions.records) var drill: String
    @Argument(help: "The item: its number in `riskreg checklist --drill ID`, or a unique text prefix.") var item: String

    func apply(done: Bool) throws {
        var ticker = ChecklistTicker(databasePath: options.databasePath, today: Clock.today())
        ticker.base = try options.repositoryRoot()
        let outcome = try ticker.set(record: drill, item: item, done: done)
        if outcome.changed {
            print("\(done ? "ticked" : "unticked") \(outcome.recordName) item \(outcome.number): \(outcome.item.text)  (\(outcome.path):\(outcome.item.line))")
        } else {
            print("\(outcome.recordName) item \(outcome.number) was already \(done ? "done" : "open"): \(outcome.item.text)")
        }
    }
}

struct Tick: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mark an item done by editing its [ ] box in the write-up, then re-import it.",
        discussion: "Only the box character changes; every other byte of the file stays as it was. A linked file is edited where it really is, only inside the repository.")

    @OptionGroup var arguments: TickArguments

    func run() async throws { try arguments.apply(done: true) }
}

struct Untick: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Mark an item open again by editing its [x] box in the write-up, then re-import it.")

    @OptionGroup var arguments: TickArguments

    func run() async throws { try arguments.apply(done: false) }
}
