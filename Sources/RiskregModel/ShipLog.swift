/// What one imported markdown file turned out to be.
package enum ParsedDocument: Sendable {
    case register(Register)
    case shipLog(Drill, Reading)
    /// Not a record: no date, front matter, number or known section (a README, notes).
    case skipped(reason: String)
}

/// How a record was read: where each fact came from, what could not be read, and headings
/// riskreg did not recognise. `riskreg explain` prints it; the import prints the warnings.
package struct Reading: Sendable, Equatable {
    /// One fact and its source: `date` ← "file name", `section actions` ← heading at line 12.
    package struct Fact: Sendable, Equatable, Codable {
        package var field: String
        package var value: String
        package var source: String
        package var line: Int?

        package init(field: String, value: String, source: String, line: Int? = nil) {
            self.field = field
            self.value = value
            self.source = source
            self.line = line
        }
    }

    /// A heading riskreg did not recognise as a section, with its line.
    package struct Heading: Sendable, Equatable, Codable {
        package var text: String
        package var line: Int

        package init(text: String, line: Int) {
            self.text = text
            self.line = line
        }
    }

    package var facts: [Fact] = []
    package var warnings: [String] = []
    package var unrecognisedHeadings: [Heading] = []

    package init(facts: [Fact] = [], warnings: [String] = [], unrecognisedHeadings: [Heading] = []) {
        self.facts = facts
        self.warnings = warnings
        self.unrecognisedHeadings = unrecognisedHeadings
    }
}
