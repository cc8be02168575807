import Yams

/// The front matter keys riskreg reads. Every value is read as the text the author wrote (a
/// number `04` or `4`, a date `2026-05-08`), never through YAML's own int or timestamp types,
/// so the parsers check it strictly. Other keys are ignored.
package struct FrontMatterFields: Decodable, Sendable {
    package var id: String?
    package var drill: String?
    package var date: String?
    package var title: String?
    package var status: String?
    package var kind: String?
    package var environment: String?
    package var register: String?
    package var recovery: String?
    /// `risks: [A10, A11]` or `risks: A10, A11`.
    package var risks: [String] = []

    package init() {}

    /// A key whose value has the wrong shape (a list where one value belongs, …).
    package struct Problem: Error {
        var key: String
        var line: Int?
        var message: String
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    package init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        func text(_ name: String) throws -> String? {
            let key = Key(stringValue: name)
            guard container.contains(key), try !container.decodeNil(forKey: key) else { return nil }
            do {
                // YAML escapes (`"\a"`) can produce control characters the document itself had not.
                let value = DocumentParser.withoutControlCharacters(try container.decode(String.self, forKey: key))
                let trimmed = value.trimmingCharacters(in: .whitespaces)
                return trimmed.isEmpty ? nil : trimmed
            } catch {
                throw Problem(key: name, line: nil, message: "must be a single value, not a list or mapping")
            }
        }
        id = try text("id")
        drill = try text("drill")
        date = try text("date")
        title = try text("title")
        status = try text("status")
        kind = try text("kind")
        environment = try text("environment") ?? text("env")
        register = try text("register")
        recovery = try text("recovery")
        let risksKey = Key(stringValue: "risks")
        if container.contains(risksKey), try !container.decodeNil(forKey: risksKey) {
            if let list = try? container.decode([String].self, forKey: risksKey) {
                risks = list
            } else if let single = try? container.decode(String.self, forKey: risksKey) {
                risks = single.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
            } else {
                throw Problem(key: "risks", line: nil, message: "must be a list of risk ids like [A10, A11]")
            }
        }
        risks = risks.map { DocumentParser.withoutControlCharacters($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}
