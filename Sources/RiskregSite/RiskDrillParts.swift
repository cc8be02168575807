import RiskregModel

/// A risk's drills as its pages list them, oldest first. Up to `limit` (the list page limit),
/// the risk's page lists them all, as it always did. Over it, the risk's page lists the newest
/// `limit`, and the older ones are cut into parts of `limit` drills each, counted from the
/// oldest, with a page of their own (`risks/A10-drills-1.html`, `risks/A10-drills-2.html`, …),
/// so that no risk page grows with the register (a risk of a 100,000-record register links
/// 11,000 drills: one page of 6 MB).
///
/// Counted from the oldest, a new drill changes two pages: the risk's page (its newest drills)
/// and the last part (the drill that left the risk's page). Incidents are not cut: a risk
/// materialises rarely.
package struct RiskDrillParts: Sendable {
    package let riskID: String
    /// Every drill of the risk (records of kind `.drill`), oldest first.
    package let drills: [RegisterSnapshot.DrillRecord]
    package let limit: Int

    package init(riskID: String, drills: [RegisterSnapshot.DrillRecord], limit: Int) {
        self.riskID = riskID
        self.drills = drills
        self.limit = max(1, limit)
    }

    /// Whether the risk has more drills than its page lists.
    package var isCut: Bool { drills.count > limit }

    /// The drills the risk's own page lists: the newest `limit`, oldest first.
    package var newest: ArraySlice<RegisterSnapshot.DrillRecord> { drills.suffix(limit) }

    /// How many drills are only on the parts.
    package var olderCount: Int { max(0, drills.count - limit) }

    /// How many part pages there are (0 when the risk's page lists every drill).
    package var partCount: Int { (olderCount + limit - 1) / limit }

    /// The part pages' numbers, 1 (the oldest drills) to `partCount`.
    package var parts: ClosedRange<Int>? { partCount > 0 ? 1...partCount : nil }

    /// Where part `part` starts and ends in `drills`.
    package func range(of part: Int) -> Range<Int> {
        let start = (part - 1) * limit
        return start..<min(start + limit, olderCount)
    }

    /// The drills of part `part`, oldest first.
    package func drills(of part: Int) -> ArraySlice<RegisterSnapshot.DrillRecord> { drills[range(of: part)] }

    /// `risks/A10-drills-2.html`.
    package func path(of part: Int) -> String { "risks/\(riskID)-drills-\(part).html" }

    /// "1,001–2,000" (or "5" for a part of one drill): which drills part `part` lists, counted
    /// from the oldest.
    package func numbers(of part: Int) -> String {
        let range = range(of: part)
        return range.count == 1 ? Self.grouped(range.upperBound) : "\(Self.grouped(range.lowerBound + 1))–\(Self.grouped(range.upperBound))"
    }

    /// "drills 1,001–2,000", or "drill 5".
    package func rangeText(of part: Int) -> String {
        (range(of: part).count == 1 ? "drill " : "drills ") + numbers(of: part)
    }

    /// "Drills 1,001–2,000 of 11,111": a part page's heading.
    package func heading(of part: Int) -> String {
        let text = rangeText(of: part)
        return text.prefix(1).uppercased() + text.dropFirst() + " of \(Self.grouped(drills.count))"
    }

    /// 11111 as "11,111".
    package static func grouped(_ number: Int) -> String {
        let digits = String(number.magnitude)
        var result = ""
        for (offset, digit) in digits.enumerated() {
            if offset > 0, (digits.count - offset) % 3 == 0 { result.append(",") }
            result.append(digit)
        }
        return number < 0 ? "-" + result : result
    }
}
