/// One headline number: the name and value as written, plus the leading number and unit.
package struct Metric: Sendable, Equatable, Codable {
    package var name: String
    package var value: String
    package var number: Double?
    package var unit: String?
    package var line: Int

    package init(name: String, value: String, number: Double?, unit: String?, line: Int) {
        self.name = name
        self.value = value
        self.number = number
        self.unit = unit
        self.line = line
    }
}
