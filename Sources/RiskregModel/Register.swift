/// A register document: an id (`R20`), a title, and its risks in document order.
package struct Register: Sendable, Equatable {
    package var id: String
    package var title: String
    package var path: String
    package var risks: [Risk]

    package init(id: String, title: String, path: String, risks: [Risk]) {
        self.id = id
        self.title = title
        self.path = path
        self.risks = risks
    }
}
