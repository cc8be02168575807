/// A `- [ ]` / `- [x]` task item from a ship log's action items or lockstep checklist.
package struct TaskItem: Sendable, Equatable {
    package enum Kind: String, Sendable, Codable {
        case action, checklist
    }

    // Stored in this order, the narrow fields last and the column in four bytes: a register of
    // 50,000 records holds 300,000 items (88 bytes each instead of 104).
    package var text: String
    /// A path-like code span in the item, e.g. `docs/chaos-drills/results/04.txt`.
    package var artifact: String?
    /// `@name` without the `@`.
    package var owner: String?
    /// `due 2026-06-30`.
    package var due: String?
    /// `#221` style references, without the `#`.
    package var refs: [String]
    /// 1-based source line of the item (front matter included). Stored as it is read: sorts
    /// compare the lines of 100,000 items, and a getter made each comparison copy the item.
    package var line: Int
    private var storedBoxColumn: Int32
    package var kind: Kind
    package var done: Bool

    /// 1-based byte column of the `[` of its checkbox.
    package var boxColumn: Int {
        get { Int(storedBoxColumn) }
        set { storedBoxColumn = Int32(clamping: newValue) }
    }

    package init(kind: Kind, text: String, done: Bool, line: Int, boxColumn: Int, artifact: String?, owner: String?, due: String?, refs: [String]) {
        self.kind = kind
        self.text = text
        self.done = done
        self.line = line
        storedBoxColumn = Int32(clamping: boxColumn)
        self.artifact = artifact
        self.owner = owner
        self.due = due
        self.refs = refs
    }

    /// The identity used to follow an item across edits of its ship log.
    package var key: String { TaskItem.key(for: text) }

    package static func key(for text: String) -> String {
        // Fast path for ASCII with punctuation and symbols (dashes, quotes, ✅, emoji), which
        // lowercase to themselves and are no letters: the same result as the general path below.
        // Written straight into the key's storage: the key is never longer than the text.
        var inert = true
        let fast = String(unsafeUninitializedCapacity: text.utf8.count) { out in
            var count = 0
            var lastWasSpace = true
            for scalar in text.unicodeScalars {
                let value = scalar.value
                if value < 0x80 {
                    let byte = UInt8(value)
                    let lower = byte >= 65 && byte <= 90 ? byte + 32 : byte
                    if (lower >= 97 && lower <= 122) || (lower >= 48 && lower <= 57) {
                        out[count] = lower
                        count += 1
                        lastWasSpace = false
                        continue
                    }
                } else if !isInertSymbol(value) {
                    inert = false
                    return 0
                }
                if !lastWasSpace {
                    out[count] = 32
                    count += 1
                    lastWasSpace = true
                }
            }
            while count > 0, out[count - 1] == 32 { count -= 1 }
            return count
        }
        if inert { return fast }
        var key = ""
        var lastWasSpace = true
        for scalar in text.lowercased().unicodeScalars {
            if scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                key.unicodeScalars.append(scalar)
                lastWasSpace = false
            } else if !lastWasSpace {
                key += " "
                lastWasSpace = true
            }
        }
        while key.hasSuffix(" ") { key.removeLast() }
        return key
    }

    /// Scalars that are no letter or digit and lowercase to themselves: general punctuation
    /// (dashes, quotes, bullets), arrows, miscellaneous symbols and dingbats (✅ ✔ ☑),
    /// variation selectors and emoji. Tests check these properties for every one of them.
    package static func isInertSymbol(_ value: UInt32) -> Bool {
        (0x2000...0x206F).contains(value) || (0x2190...0x21FF).contains(value) || (0x2600...0x27BF).contains(value)
            || (0xFE00...0xFE0F).contains(value) || (0x1F300...0x1FAFF).contains(value)
    }
}
