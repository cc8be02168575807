/// Punctuation that lets text be read scalar by scalar as if it were Characters: dashes,
/// quotation marks, bullets, the ellipsis and the like (U+2010–U+2027, U+2030–U+205E). Each is a
/// Character of its own whatever surrounds it (no combining, joining or prepending), is no
/// letter, digit or whitespace, and lowercases to itself. Text of ASCII (without CR) and these
/// has one Character per scalar, so a scanner may work on its scalars and give the answer the
/// Character-based code gives. Tests check these properties for every one of them.
package enum StandalonePunctuation {
    package static func contains(_ value: UInt32) -> Bool {
        (0x2010...0x2027).contains(value) || (0x2030...0x205E).contains(value)
    }
}
