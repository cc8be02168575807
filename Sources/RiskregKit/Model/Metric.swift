/// One headline number: the name and value as written, plus the leading number and unit.
struct Metric: Sendable, Equatable, Codable {
    var name: String
    var value: String
    var number: Double?
    var unit: String?
    var line: Int
}
