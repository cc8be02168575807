import RiskregModel

/// The weekly report as GitHub-flavoured markdown that also pastes cleanly into chat.
package struct ReportMarkdown {
    /// `@owner` handles as written; `false` puts each in a code span, so pasting the report into
    /// a GitHub issue or PR does not notify real users.
    package var mentions = true
    /// The published site (`--base-url`): drills, risks and the week link to their pages.
    package var siteURL: String?

    package init(mentions: Bool = true, siteURL: String? = nil) {
        self.mentions = mentions
        self.siteURL = siteURL.map { $0.hasSuffix("/") ? $0 : $0 + "/" }
    }

    /// Register text goes into markdown as written, but `<` and table pipes are neutralised,
    /// and without `mentions` every `@handle` becomes a code span.
    package func text(_ value: String) -> String {
        let flat = value.replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: "\n", with: " ")
        return mentions ? flat : Self.quotingMentions(flat)
    }

    package func cell(_ value: String) -> String {
        text(value).replacingOccurrences(of: "|", with: "\\|")
    }

    /// A record's name, linked to its page on the site when the site's URL is known.
    package func drillName(_ record: RegisterSnapshot.DrillRecord) -> String {
        link(text(TextFormat.drillName(record.drill)), "drills/\(record.drill.id).html")
    }

    /// `label` as a markdown link to `path` under the site, or as it is without a site.
    package func link(_ label: String, _ path: String) -> String {
        guard let siteURL else { return label }
        let escaped = label.replacingOccurrences(of: "[", with: "\\[").replacingOccurrences(of: "]", with: "\\]")
        return "[\(escaped)](\(siteURL)\(path))"
    }

    /// `@sre` → `` `@sre` `` wherever a handle starts a word (not inside an e-mail address).
    package static func quotingMentions(_ text: String) -> String {
        var out = ""
        var previous: Character = " "
        var index = text.startIndex
        while index < text.endIndex {
            let character = text[index]
            if character == "@", previous.isWhitespace || "([{".contains(previous) {
                var end = text.index(after: index)
                while end < text.endIndex, text[end].isLetter || text[end].isNumber || "-_/".contains(text[end]) { end = text.index(after: end) }
                if end > text.index(after: index) {
                    out += "`" + text[index..<end] + "`"
                    previous = text[text.index(before: end)]
                    index = end
                    continue
                }
            }
            out.append(character)
            previous = character
            index = text.index(after: index)
        }
        return out
    }

    package func render(_ report: WeeklyReport) -> String {
        let title = ISOWeek(report.week) == nil ? report.week : link(report.week, "reports/\(report.week).html")
        var out = "# Drill programme report — \(title)\n\n"
        out += "_\(report.since.iso) to \(report.until.iso)_\n\n"
        out += "**\(report.headline)**\n\n"

        out += "## Drills\n\n"
        if report.executed.isEmpty && report.planned.isEmpty && report.aborted.isEmpty { out += "No drills this week.\n\n" }
        for record in report.executed {
            let drill = record.drill
            out += "### ✅ \(drillName(record))\n\n"
            var facts = ["executed \(drill.date ?? "undated")"]
            if let environment = drill.environment { facts.append(text(environment)) }
            if !record.risks.isEmpty { facts.append("risks " + record.risks.joined(separator: ", ")) }
            if let recovery = drill.recoverySeconds { facts.append("recovery \(TextFormat.duration(recovery))") }
            out += facts.joined(separator: " · ") + "\n\n"
            if !drill.metrics.isEmpty {
                out += "| Headline number | Value |\n|---|---|\n"
                for metric in drill.metrics { out += "| \(cell(metric.name)) | \(cell(metric.value)) |\n" }
                out += "\n"
            }
            if !drill.findings.isEmpty {
                out += "Findings:\n\n"
                for (offset, finding) in drill.findings.enumerated() { out += "\(offset + 1). \(text(finding.title))\n" }
                out += "\n"
            }
        }
        if !report.planned.isEmpty {
            out += "**Planned:**\n\n" + report.planned.map { "- 🗓 \(drillName($0)) (\($0.drill.date ?? "undated"))" }.joined(separator: "\n") + "\n\n"
        }
        if !report.aborted.isEmpty {
            out += "**Aborted:**\n\n" + report.aborted.map { "- ⛔ \(drillName($0)) (\($0.drill.date ?? "undated"))" }.joined(separator: "\n") + "\n\n"
        }
        if !report.incidents.isEmpty {
            out += "## Incidents\n\n"
            for record in report.incidents {
                var facts = [record.drill.date ?? "undated", record.drill.status.rawValue]
                if !record.risks.isEmpty { facts.append("risks " + record.risks.joined(separator: ", ")) }
                if let recovery = record.drill.recoverySeconds { facts.append("recovery \(TextFormat.duration(recovery))") }
                if !record.actions.isEmpty { facts.append("\(report.doneCount(record.actions))/\(record.actions.count) actions done") }
                out += "- 🔥 \(drillName(record)) — \(facts.joined(separator: " · "))\n"
            }
            out += "\n"
        }

        out += "## Action items\n\n"
        // Boxes as they stood at the end of the range (`WeeklyReport.isDone`).
        func itemLine(_ record: RegisterSnapshot.ItemRecord, drill: RegisterSnapshot.DrillRecord, extra: [String]) -> String {
            let facts = [link(text(TextFormat.shortName(drill.drill)), "drills/\(drill.drill.id).html")] + extra
            return "- [\(report.isDone(record) ? "x" : " ")] \(text(record.text)) — \(facts.joined(separator: " · "))"
        }
        out += "**Opened (\(report.opened.count)):**\n\n"
        out += report.opened.isEmpty ? "None.\n\n" : report.opened.map { itemLine($0.record, drill: $0.drill, extra: [$0.day]) }.joined(separator: "\n") + "\n\n"
        out += "**Closed (\(report.closed.count)):**\n\n"
        out += report.closed.isEmpty ? "None.\n\n" : report.closed.map { itemLine($0.record, drill: $0.drill, extra: [$0.day]) }.joined(separator: "\n") + "\n\n"
        out += "**Open at the end of the week (\(report.counts.openActions), \(report.counts.overdueActions) overdue):**\n\n"
        if report.open.isEmpty {
            out += "None.\n\n"
        } else {
            out += "| Owner | Open | Overdue | Oldest |\n|---|---:|---:|---|\n"
            for owner in report.owners { out += "| \(cell(owner.owner)) | \(owner.open) | \(owner.overdue) | \(TextFormat.days(owner.oldestDays)) |\n" }
            out += "\n"
            for item in report.open.prefix(WeeklyReport.listLimit) {
                var extra: [String] = []
                if item.isOverdue, let due = item.due { extra.append("**overdue since \(due)**") } else if let due = item.due { extra.append("due \(due)") }
                if let age = item.ageDays { extra.append("open \(TextFormat.days(age))") }
                out += itemLine(item.record, drill: item.drill, extra: extra) + "\n"
            }
            if report.counts.openActions > WeeklyReport.listLimit {
                out += "- …and \(report.counts.openActions - WeeklyReport.listLimit) more open items (newer, not overdue); see `riskreg checklist --open`\n"
            }
            out += "\n"
        }

        out += "## Lockstep checklists\n\n"
        if report.incompleteChecklists.isEmpty {
            out += "Every executed drill's checklist is complete.\n\n"
        } else {
            for entry in report.incompleteChecklists.prefix(WeeklyReport.listLimit) {
                let done = entry.drill.checklist.count - entry.missing.count
                out += "- \(drillName(entry.drill)): \(done)/\(entry.drill.checklist.count) — missing:\n"
                for item in entry.missing { out += "  - [ ] \(text(item.text))\n" }
            }
            if report.counts.incompleteChecklists > WeeklyReport.listLimit {
                out += "- …and \(report.counts.incompleteChecklists - WeeklyReport.listLimit) more drills with incomplete checklists; see `riskreg checklist --open`\n"
            }
            out += "\n"
        }

        out += "## Risk posture\n\n"
        func riskLine(_ status: RegisterAnalysis.RiskStatus, _ detail: String) -> String {
            "- **\(link(status.risk.id, "risks/\(status.risk.id).html"))** \(text(status.risk.title)) — \(detail)"
        }
        out += "**Top-ranked risks never drilled:**\n\n"
        out += report.neverDrilled.isEmpty ? "None.\n\n" : report.neverDrilled.prefix(WeeklyReport.topUntested).map {
            riskLine($0, "\($0.risk.registerID) rank \($0.risk.rank.map(String.init) ?? "—"), score \($0.risk.score.map(String.init) ?? "—")")
        }.joined(separator: "\n") + "\n\n"
        out += "**Overdue for their drill cadence:**\n\n"
        out += report.overdueRisks.isEmpty ? "None.\n\n" : report.overdueRisks.map {
            riskLine($0, "last drilled \($0.lastDrilled?.iso ?? "never"), every \($0.risk.drillEveryDays ?? 0) days, due \($0.nextDueText)")
        }.joined(separator: "\n") + "\n\n"
        out += "**Recovery slower than expected:**\n\n"
        out += report.slowRecovery.isEmpty ? "None.\n\n" : report.slowRecovery.map {
            riskLine($0, "recorded \(TextFormat.duration($0.recordedRecovery!.seconds)) in \(text(TextFormat.inlineName($0.recordedRecovery!.name))), expected \($0.expectedRecoveryText ?? "—")")
        }.joined(separator: "\n") + "\n\n"
        out += "**Changes since the previous week:**\n\n"
        out += report.changes.isEmpty ? "None.\n" : report.changes.map { "- \(text($0))" }.joined(separator: "\n") + "\n"
        return out
    }
}
