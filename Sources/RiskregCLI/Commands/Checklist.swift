import ArgumentParser
import Foundation
import RiskregImport
import RiskregMarkdown
import RiskregModel
import RiskregReport
import RiskregSite
import RiskregStore

struct Checklist: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Each drill's lockstep checklist and action items with done/open state and completion.")

    @OptionGroup var options: RegisterOptions
    @Option(help: "Only this record: a drill number, an id or a unique id prefix.", completion: Completions.records) var drill: String?
    @Flag(help: "Only open items (and drills that have some).") var open = false
    @Flag(help: "Print JSON.") var json = false

    func run() async throws {
        let snapshot = try options.openStore().snapshot(includeHTML: false)
        var drills = snapshot.drills
        if let drill {
            drills = [try options.record(drill, in: snapshot)]
        }
        struct Entry: Encodable {
            var drill: String
            var number: Int?
            var title: String
            var checklistDone: Int
            var checklistTotal: Int
            var actionsDone: Int
            var actionsTotal: Int
            var items: [Item]
        }
        struct Item: Encodable {
            var number: Int
            var kind: String
            var text: String
            var done: Bool
            var line: Int
        }
        var entries: [Entry] = []
        for record in drills {
            let numbered = ChecklistEditor.numbered(record.items.map(\.item))
            let shown = numbered.filter { !open || !$0.item.done }
            if open && shown.isEmpty { continue }
            let checklist = record.checklist, actions = record.actions
            entries.append(Entry(
                drill: record.drill.id, number: record.drill.number, title: record.drill.title,
                checklistDone: checklist.count(where: \.done), checklistTotal: checklist.count,
                actionsDone: actions.count(where: \.done), actionsTotal: actions.count,
                items: shown.map { Item(number: $0.number, kind: $0.item.kind.rawValue, text: $0.item.text, done: $0.item.done, line: $0.item.line) }))
        }
        if json {
            print(try Terminal.json(entries))
            return
        }
        let bareTitles = Dictionary(drills.map { ($0.drill.id, $0.drill.bareTitle) }, uniquingKeysWith: { first, _ in first })
        for entry in entries {
            print("\(entry.number.map { "Drill \(TextFormat.drillNumber($0))" } ?? entry.drill)  \(entry.checklistDone)/\(entry.checklistTotal) checklist  \(entry.actionsDone)/\(entry.actionsTotal) actions  \(bareTitles[entry.drill] ?? entry.title)")
            var kind = ""
            for item in entry.items {
                if item.kind != kind {
                    kind = item.kind
                    print("  \(kind == "checklist" ? "lockstep checklist" : "action items")")
                }
                print("    \(String(item.number).padding(toLength: 3, withPad: " ", startingAt: 0)) [\(item.done ? "x" : " ")] \(item.text)")
            }
        }
        if entries.isEmpty { print(open ? "No open items." : "No drills.") }
    }
}
