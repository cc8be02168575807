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
        if let components = Self.plainComponents(text) {
            self.components = components
            return
        }
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

    /// The components of a path made only of ASCII letters, digits, `-`, `_`, `.` and single
    /// `/` between components that are not `.` or `..` (what every page of a site is called):
    /// contained by construction, so `FilePath` need not parse it. Nil for anything else.
    private static func plainComponents(_ text: String) -> [String]? {
        var components: [String] = []
        var start = text.utf8.startIndex
        var dotsOnly = true
        var length = 0
        for index in text.utf8.indices {
            let byte = text.utf8[index]
            if byte == UInt8(ascii: "/") {
                guard length > 0, !(dotsOnly && length <= 2) else { return nil }
                components.append(String(text[start..<index]))
                start = text.utf8.index(after: index)
                dotsOnly = true
                length = 0
                continue
            }
            switch byte {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                UInt8(ascii: "-"), UInt8(ascii: "_"):
                dotsOnly = false
            case UInt8(ascii: "."):
                break
            default:
                return nil
            }
            length += 1
        }
        guard length > 0, !(dotsOnly && length <= 2) else { return nil }
        components.append(String(text[start...]))
        return components
    }

    /// The path as given (components joined by `/`).
    package var string: String { components.joined(separator: "/") }
}
