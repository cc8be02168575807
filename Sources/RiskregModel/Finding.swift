/// One finding of a drill: a title and its body rendered to HTML by cmark.
package struct Finding: Sendable, Equatable {
    package var title: String
    package var html: String
    package var line: Int

    package init(title: String, html: String, line: Int) {
        self.title = title
        self.html = html
        self.line = line
    }
}
