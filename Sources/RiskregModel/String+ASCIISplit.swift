extension String {
    /// `split(separator:)` with an ASCII separator, empty pieces left out, on bytes when the
    /// text is ASCII: splitting a String walks Characters, and a build splits every item's
    /// references and every page's path. Other text is split by Characters, as before (a
    /// combining mark after the separator makes one Character with it, which does not split),
    /// and so is any text split at "\r" or "\n" ("\r\n" is one Character, even in ASCII).
    package func splitOnASCII(_ separator: UInt8) -> [Substring] {
        precondition(separator < 0x80, "the separator must be ASCII")
        let utf8 = self.utf8
        guard separator != 10, separator != 13, utf8.allSatisfy({ $0 < 0x80 }) else {
            return split(separator: Character(Unicode.Scalar(separator)))
        }
        return utf8.split(separator: separator).map { Substring($0) }
    }
}
