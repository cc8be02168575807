/// One finding of a drill: a title and its body rendered to HTML by cmark.
struct Finding: Sendable, Equatable {
    var title: String
    var html: String
    var line: Int
}
