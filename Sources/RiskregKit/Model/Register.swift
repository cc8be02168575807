/// A register document: an id (`R20`), a title, and its risks in document order.
struct Register: Sendable, Equatable {
    var id: String
    var title: String
    var path: String
    var risks: [Risk]
}
