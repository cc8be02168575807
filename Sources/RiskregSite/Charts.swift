import Foundation
import RiskregModel
import RiskregReport

/// Inline SVG charts made at build time: no JavaScript, no external files. Colours come from
/// CSS classes so light and dark themes both work. All text is escaped here, by `HTMLText.escape`.
package enum Charts {
    private static func number(_ value: Double) -> String {
        abs(value) < 1e15 && value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// A likelihood × impact grid; each cell shows its count and links to its risks.
    package static func heatMap(cells: [String: (count: Int, href: String, ids: [String])]) -> String {
        let size = 56, left = 34, top = 8
        var svg = "<svg class=\"chart heatmap\" viewBox=\"0 0 \(left + size * 5 + 8) \(top + size * 5 + 40)\" aria-labelledby=\"heat-title\">"
        svg += "<title id=\"heat-title\">Risks by likelihood and impact</title>"
        for likelihood in 1...5 {
            for impact in 1...5 {
                let x = left + (impact - 1) * size
                let y = top + (5 - likelihood) * size
                let score = likelihood * impact
                let level = score >= 15 ? "crit" : score >= 10 ? "high" : score >= 5 ? "med" : "low"
                let key = "\(likelihood)-\(impact)"
                let rect = "<rect x=\"\(x + 1)\" y=\"\(y + 1)\" width=\"\(size - 2)\" height=\"\(size - 2)\" rx=\"4\" class=\"heat-\(level)\"/>"
                if let cell = cells[key], cell.count > 0 {
                    let label = "Likelihood \(likelihood), impact \(impact): \(cell.ids.joined(separator: ", "))"
                    svg += "<a href=\"\(HTMLText.escape(cell.href))\" aria-label=\"\(HTMLText.escape(label))\"><title>\(HTMLText.escape(label))</title>\(rect)"
                    svg += "<text x=\"\(x + size / 2)\" y=\"\(y + size / 2 + 6)\" class=\"heat-count\">\(cell.count)</text></a>"
                } else {
                    svg += rect
                }
            }
        }
        for n in 1...5 {
            svg += "<text x=\"\(left - 10)\" y=\"\(top + (5 - n) * size + size / 2 + 4)\" class=\"axis\">\(n)</text>"
            svg += "<text x=\"\(left + (n - 1) * size + size / 2)\" y=\"\(top + 5 * size + 16)\" class=\"axis\">\(n)</text>"
        }
        svg += "<text x=\"\(left + size * 5 / 2)\" y=\"\(top + 5 * size + 34)\" class=\"axis-label\">impact →</text>"
        svg += "<text x=\"10\" y=\"\(top + size * 5 / 2)\" class=\"axis-label\" transform=\"rotate(-90 10 \(top + size * 5 / 2))\">likelihood →</text>"
        return svg + "</svg>"
    }

    /// A completion bar: `done` of `total`.
    package static func completionBar(done: Int, total: Int) -> String {
        let width = 120
        let filled = total == 0 ? 0 : Int((Double(done) / Double(total) * Double(width)).rounded())
        let label = "\(done) of \(total) done"
        return "<svg class=\"chart bar\" width=\"\(width)\" height=\"10\" viewBox=\"0 0 \(width) 10\" role=\"img\" aria-label=\"\(label)\"><title>\(label)</title>"
            + "<rect width=\"\(width)\" height=\"10\" rx=\"5\" class=\"bar-track\"/>"
            + (filled > 0 ? "<rect width=\"\(filled)\" height=\"10\" rx=\"5\" class=\"bar-fill\"/>" : "") + "</svg>"
    }

    /// Open action items at the end of each week.
    package static func burnDown(_ series: [(week: ISOWeek, open: Int)]) -> String {
        guard let first = series.first, let last = series.last else { return "" }
        let width = 560, height = 180, left = 34, bottom = 24, top = 10
        let maxOpen = max(series.map(\.open).max() ?? 1, 1)
        let stepX = series.count > 1 ? Double(width - left - 10) / Double(series.count - 1) : 0
        func y(_ value: Int) -> Double { Double(top) + Double(height - top - bottom) * (1 - Double(value) / Double(maxOpen)) }
        let points = series.enumerated().map { "\(number(Double(left) + stepX * Double($0.offset))),\(number(y($0.element.open)))" }
        let label = "Open action items per week, \(first.week) to \(last.week): from \(first.open) to \(last.open)"
        var svg = "<svg class=\"chart burndown\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTMLText.escape(label))\"><title>\(HTMLText.escape(label))</title>"
        svg += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - 10)\" y2=\"\(height - bottom)\" class=\"grid\"/>"
        svg += "<text x=\"\(left - 6)\" y=\"\(number(y(maxOpen)) )\" class=\"axis end\">\(maxOpen)</text>"
        svg += "<text x=\"\(left - 6)\" y=\"\(height - bottom)\" class=\"axis end\">0</text>"
        svg += "<polyline points=\"\(points.joined(separator: " "))\" class=\"line\"/>"
        for (offset, entry) in series.enumerated() where offset == 0 || offset == series.count - 1 || series.count <= 8 {
            let x = Double(left) + stepX * Double(offset)
            svg += "<circle cx=\"\(number(x))\" cy=\"\(number(y(entry.open)))\" r=\"3\" class=\"dot\"/>"
            let anchor = series.count > 1 && offset == series.count - 1 ? " end" : series.count > 1 && offset == 0 ? " start" : ""
            svg += "<text x=\"\(number(x))\" y=\"\(height - 6)\" class=\"axis\(anchor)\">\(entry.week.description.dropFirst(5))</text>"
        }
        return svg + "</svg>"
    }

    /// Recorded recovery per drill against the expected recovery line.
    package static func recoveryTrend(points: [(label: String, seconds: Double)], expected: Double?) -> String {
        guard !points.isEmpty else { return "" }
        let width = 420, height = 160, left = 44, bottom = 24, top = 12
        let maxValue = max(points.map(\.seconds).max() ?? 1, expected ?? 0, 1) * 1.15
        let stepX = points.count > 1 ? Double(width - left - 30) / Double(points.count - 1) : 0
        func y(_ value: Double) -> Double { Double(top) + Double(height - top - bottom) * (1 - value / maxValue) }
        let label = "Recorded recovery per drill: " + points.map { "\($0.label) \(TextFormat.duration($0.seconds))" }.joined(separator: ", ")
            + (expected.map { "; expected \(TextFormat.duration($0))" } ?? "")
        var svg = "<svg class=\"chart trend\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-label=\"\(HTMLText.escape(label))\"><title>\(HTMLText.escape(label))</title>"
        svg += "<line x1=\"\(left)\" y1=\"\(height - bottom)\" x2=\"\(width - 10)\" y2=\"\(height - bottom)\" class=\"grid\"/>"
        if let expected {
            svg += "<line x1=\"\(left)\" y1=\"\(number(y(expected)))\" x2=\"\(width - 10)\" y2=\"\(number(y(expected)))\" class=\"expected\"/>"
            svg += "<text x=\"\(left - 4)\" y=\"\(number(y(expected) + 4))\" class=\"axis end\">\(TextFormat.duration(expected))</text>"
        }
        let start = points.count > 1 ? Double(left + 10) : Double(left + width) / 2
        let coords = points.enumerated().map { (start + stepX * Double($0.offset), y($0.element.seconds)) }
        if coords.count > 1 {
            svg += "<polyline points=\"\(coords.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " "))\" class=\"line\"/>"
        }
        for (offset, point) in points.enumerated() {
            let slow = expected.map { point.seconds > $0 } ?? false
            svg += "<circle cx=\"\(number(coords[offset].0))\" cy=\"\(number(coords[offset].1))\" r=\"4\" class=\"dot\(slow ? " slow" : "")\"/>"
            svg += "<text x=\"\(number(coords[offset].0))\" y=\"\(height - 6)\" class=\"axis\">\(HTMLText.escape(point.label))</text>"
        }
        return svg + "</svg>"
    }
}
