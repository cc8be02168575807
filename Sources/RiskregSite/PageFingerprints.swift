import RiskregModel
import RiskregReport

/// Fingerprints of what a page shows, so an unchanged page is carried over without rendering.
/// A fingerprint must cover every input of its page: when in doubt, include more.
package struct PageFingerprints {
    /// The version of riskreg's page logic. Bump it with any change to what views put on a page,
    /// so sites built by an older riskreg are rendered again rather than carried over.
    package static let renderVersion = 3

    package let snapshot: RegisterSnapshot
    /// Templates, options and the register documents: shared by every page.
    package let shared: String

    package init(snapshot: RegisterSnapshot, templatesDigest: String, options: SiteOptions, hasReports: Bool, repositoryLinkBase: String?) {
        self.snapshot = snapshot
        let registers = snapshot.registers.map { "\($0.id)=\($0.sourceHash)" }.joined(separator: ",")
        shared = ["riskreg-render-\(Self.renderVersion)", templatesDigest, options.repoURL ?? "", options.baseURL ?? "", options.stamp ?? "", options.siteTitle,
                  String(hasReports), repositoryLinkBase ?? "", registers].joined(separator: "\u{1}")
    }

    private func hash(_ parts: [String]) -> String {
        ContentHash.hex(Array(([shared] + parts).joined(separator: "\u{0}").utf8))
    }

    /// Pages that summarise the whole register (dashboard, lists, risk pages, feed, data): a
    /// digest of every file's hash, every item event and the day. Unchanged only when nothing
    /// in the register changed.
    package func wholeRegister(asOf: Day, reportWeeks: [ISOWeek]) -> String {
        var parts: [String] = [asOf.iso, reportWeeks.map(\.description).joined(separator: ",")]
        parts.reserveCapacity(snapshot.drills.count + 2)
        for record in snapshot.drills {
            var line = "\(record.key):\(record.drill.id):\(record.path):\(record.sourceHash):\(record.risks.joined(separator: ",")):\(record.registers.joined(separator: ","))"
            for item in record.items {
                line += "|\(item.id)"
                for event in item.events { line += ",\(event.day)\(event.done ? "x" : "o")" }
            }
            parts.append(line)
        }
        return hash(["register"] + parts)
    }

    /// A drill page: its log, links and neighbours; the day only when open items have due dates.
    package func drill(_ record: RegisterSnapshot.DrillRecord, previous: RegisterSnapshot.DrillRecord?, next: RegisterSnapshot.DrillRecord?, asOf: Day) -> String {
        let dated = record.items.contains { !$0.item.done && $0.dueDay != nil }
        return hash(["drill", record.path, record.sourceHash, record.risks.joined(separator: ","), record.registers.joined(separator: ","),
                     previous.map { "\($0.drill.id) \($0.drill.title)" } ?? "", next.map { "\($0.drill.id) \($0.drill.title)" } ?? "",
                     dated ? asOf.iso : ""])
    }

    /// One fingerprint per week. A week's report reads only what is dated up to its last day
    /// (drills, item events) plus undated drills, so a running digest over everything in date
    /// order, cut at each week's end, covers it.
    package func reports(_ weeks: [ISOWeek], asOf: Day) -> [String] {
        var entries: [(Int, String)] = []
        var undated: [String] = []
        for record in snapshot.drills {
            let entry = "d\(record.key):\(record.sourceHash):\(record.path)"
            if let day = record.day { entries.append((day.ordinal, entry)) } else { undated.append(entry) }
            for item in record.items {
                for event in item.eventDays {
                    entries.append((event.day.ordinal, "e\(item.id):\(event.done):\(record.key):\(record.sourceHash)"))
                }
            }
        }
        entries.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var running = ContentHash.hex(Array(("undated:" + undated.joined(separator: ",")).utf8))
        var cursor = 0
        var result: [String] = []
        for (offset, week) in weeks.enumerated() {
            let until = min(week.sunday, asOf)
            var chunk = running
            while cursor < entries.count, entries[cursor].0 <= until.ordinal {
                chunk += "|" + entries[cursor].1
                cursor += 1
            }
            running = ContentHash.hex(Array(chunk.utf8))
            let previous = offset > 0 ? weeks[offset - 1].description : ""
            let next = offset + 1 < weeks.count ? weeks[offset + 1].description : ""
            result.append(hash(["report", week.description, until.iso, running, previous, next]))
        }
        return result
    }
}
