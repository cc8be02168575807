import SystemPackage

/// A relative path that cannot leave the folder it is resolved against: the one containment
/// check riskreg uses for artifact links, site files and repository paths (swift-system's
/// `FilePath` does the splitting).
///
/// Refused: empty, absolute, `~…`, `..` or `.` components, empty components (`a//b`, `a/`),
/// backslashes, colons (URL schemes, drive letters) and NUL.
package struct ContainedPath: Sendable, Equatable {
    /// The components, in order.
    package let components: [String]

    package init?(_ text: String) {
        // A byte scan: `String.contains(String)` goes through Foundation's search, and a build
        // checks every file of the site.
        guard !text.isEmpty, text.utf8.first != UInt8(ascii: "~"),
            !text.utf8.contains(where: { $0 == UInt8(ascii: "\\") || $0 == UInt8(ascii: ":") || $0 == 0 })
        else {
            return nil
        }
        let path = FilePath(text)
        guard path.isRelative else { return nil }
        let components = path.components.map(\.string)
        guard !components.isEmpty, !components.contains(where: { $0 == ".." || $0 == "." }),
            components.joined(separator: "/") == text
        else { return nil }
        self.components = components
    }

    /// The path as given (components joined by `/`).
    package var string: String { components.joined(separator: "/") }
}
