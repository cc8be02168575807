import CFormatting
import Foundation
import RiskregModel
import RiskregReport

/// Inline SVG charts made at build time: no JavaScript, no external files. Colours come from
/// CSS classes so light and dark themes both work. All text is escaped here, by `HTMLText.escape`.
package enum Charts {
    private static func number(_ value: Double) -> String {
        if abs(value) < 1e15 && value == value.rounded() { return String(Int(value)) }
        // C's `%.1f`: the same text as Foundation's `String(format:)`, without its object
        // formatter (a chart has dozens of coordinates, a large register thousands of charts),
        // and called directly rather than through a `CVarArg` list.
        let text = withUnsafeTemporaryAllocation(of: CChar.self, capacity: 32) { buffer -> String? in
            let count = riskreg_format_tenths(value, buffer.baseAddress, buffer.count)
            guard count > 0, count < buffer.count else { return nil }
            return String(decoding: UnsafeRawBufferPointer(start: buffer.baseAddress, count: Int(count)), as: UTF8.self)
        }
        return text ?? String(format: "%.1f", value)
    }

    /// The score bands the heat map and the score badges colour by (score = likelihood × impact).
    package static let scoreBands: [(level: String, name: String, range: String)] = [
        ("low", "low", "1–4"), ("med", "medium", "5–9"), ("high", "high", "10–14"), ("crit", "critical", "15–25"),
    ]

    /// A likelihood × impact grid; each cell shows its count, names its risks on hover (`<title>`)
    /// and links to them. A legend under the grid says what the colours and numbers mean.
    package static func heatMap(cells: [String: (count: Int, href: String, ids: [String])]) -> String {
        let size = 56, left = 40, top = 8
        let gridBottom = top + size * 5
        let width = left + size * 5 + 8, height = gridBottom + 128
        let total = cells.values.reduce(0) { $0 + $1.count }
        let description = "Colour: score band, likelihood × impact (low 1–4, medium 5–9, high 10–14, critical 15–25). "
            + "Number: how many of the \(total) risks with both values are in the cell; select a cell to list them."
        var svg = "<svg class=\"chart heatmap\" viewBox=\"0 0 \(width) \(height)\" aria-labelledby=\"heat-title\" aria-describedby=\"heat-desc\">"
        svg += "<title id=\"heat-title\">Risks by likelihood and impact</title><desc id=\"heat-desc\">\(HTMLText.escape(description))</desc>"
        for likelihood in 1...5 {
            for impact in 1...5 {
                let x = left + (impact - 1) * size
                let y = top + (5 - likelihood) * size
                let score = likelihood * impact
                let level = score >= 15 ? "crit" : score >= 10 ? "high" : score >= 5 ? "med" : "low"
                let place = "Likelihood \(likelihood) × impact \(impact) (score \(score))"
                let rect = "<rect x=\"\(x + 1)\" y=\"\(y + 1)\" width=\"\(size - 2)\" height=\"\(size - 2)\" rx=\"4\" class=\"heat-\(level)\"/>"
                if let cell = cells["\(likelihood)-\(impact)"], cell.count > 0 {
                    let label = HTMLText.escape("\(place): \(cell.ids.joined(separator: ", "))")
                    svg += "<a href=\"\(HTMLText.escape(cell.href))\" aria-label=\"\(label)\"><title>\(label)</title>\(rect)"
                    svg += "<text x=\"\(x + size / 2)\" y=\"\(y + size / 2 + 6)\" class=\"heat-count\">\(cell.count)</text></a>"
                } else {
                    svg += "<g><title>\(place): no risks</title>\(rect)</g>"
                }
            }
        }
        for n in 1...5 {
            svg += "<text x=\"\(left - 8)\" y=\"\(top + (5 - n) * size + size / 2 + 4)\" class=\"axis end\">\(n)</text>"
            svg += "<text x=\"\(left + (n - 1) * size + size / 2)\" y=\"\(gridBottom + 16)\" class=\"axis\">\(n)</text>"
        }
        svg += "<text x=\"\(left + size * 5 / 2)\" y=\"\(gridBottom + 34)\" class=\"axis-label\">impact →</text>"
        svg += "<text x=\"12\" y=\"\(top + size * 5 / 2)\" class=\"axis-label\" transform=\"rotate(-90 12 \(top + size * 5 / 2))\">likelihood →</text>"
        // Legend: the four score bands in two rows, then what a number means.
        let legendTop = gridBottom + 48
        svg += "<g class=\"legend\">"
        for (offset, band) in scoreBands.enumerated() {
            let x = left + (offset % 2) * (size * 5 / 2), y = legendTop + (offset / 2) * 20
            svg += "<rect x=\"\(x)\" y=\"\(y)\" width=\"14\" height=\"14\" rx=\"3\" class=\"heat-\(band.level)\"/>"
            svg += "<text x=\"\(x + 20)\" y=\"\(y + 11)\" class=\"legend-text\">score \(band.range): \(band.name)</text>"
        }
        svg += "<text x=\"\(left)\" y=\"\(legendTop + 56)\" class=\"legend-text\">Score = likelihood × impact.</text>"
        svg += "<text x=\"\(left)\" y=\"\(legendTop + 74)\" class=\"legend-text\">Number in a cell = how many risks.</text>"
        return svg + "</g></svg>"
    }

    /// A completion bar: `done` of `total`. Bars of up to `drawnBars` steps are drawn once (every
    /// drill row and page shows two).
    package static func completionBar(done: Int, total: Int) -> String {
        if total >= 0, total < drawnBars.count, done >= 0, done <= total { return drawnBars[total][done] }
        return drawBar(done: done, total: total)
    }

    private static let drawnBars: [[String]] = (0...24).map { total in (0...total).map { drawBar(done: $0, total: total) } }

    private static func drawBar(done: Int, total: Int) -> String {
        let width = 120
        let filled = total == 0 ? 0 : Int((Double(done) / Double(total) * Double(width)).rounded())
        let label = "\(done) of \(total) done"
        return "<svg class=\"chart bar\" width=\"\(width)\" height=\"10\" viewBox=\"0 0 \(width) 10\" role=\"img\" aria-label=\"\(label)\"><title>\(label)</title>"
            + "<rect width=\"\(width)\" height=\"10\" rx=\"5\" class=\"bar-track\"/>"
            + (filled > 0 ? "<rect width=\"\(filled)\" height=\"10\" rx=\"5\" class=\"bar-fill\"/>" : "") + "</svg>"
    }

    /// Grid values from 0 up to at least `maximum`: at most about five steps, each the first of
    /// `steps` (ascending) that is large enough.
    static func gridValues(upTo maximum: Double, steps: [Double]) -> [Double] {
        let step = steps.first { maximum / $0 <= 5 } ?? (steps.last ?? 1) * ((maximum / 5 / (steps.last ?? 1)).rounded(.up))
        let top = max(step, (maximum / step).rounded(.up) * step)
        return stride(from: 0.0, through: top + step / 2, by: step).map { $0 }
    }

    /// 1, 2, 5 × 10ⁿ: steps for counts.
    private static let countSteps: [Double] = (0...12).flatMap { power in [1.0, 2, 5].map { $0 * pow(10, Double(power)) } }
    /// Seconds that read well as durations.
    private static let durationSteps: [Double] = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 10800, 21600, 43200, 86400,
                                                  172_800, 432_000, 864_000, 2_592_000, 8_640_000, 31_536_000]

    /// Open action items at the end of each week: a line over labelled week ticks (every week
    /// when they fit, else every second, fourth… week), with horizontal grid lines.
    package static func burnDown(_ series: [(week: ISOWeek, open: Int)]) -> String {
        guard let first = series.first, let last = series.last else { return "" }
        let width = 480, height = 230, left = 46, right = 14, top = 12, bottom = 58
        let plotBottom = height - bottom, plotWidth = width - left - right
        let grid = gridValues(upTo: Double(max(series.map(\.open).max() ?? 0, 1)), steps: countSteps)
        let maxValue = grid.last ?? 1
        let stepX = series.count > 1 ? Double(plotWidth) / Double(series.count - 1) : 0
        func x(_ offset: Int) -> Double { series.count > 1 ? Double(left) + stepX * Double(offset) : Double(left + plotWidth / 2) }
        func y(_ value: Double) -> Double { Double(top) + Double(plotBottom - top) * (1 - value / maxValue) }
        let label = "Open action items at the end of each week, \(first.week) to \(last.week): \(first.open) then \(last.open)"
        let description = series.count <= 60
            ? series.map { "\($0.week): \($0.open)" }.joined(separator: ", ")
            : "Highest \(series.map(\.open).max() ?? 0), lowest \(series.map(\.open).min() ?? 0)."
        var svg = "<svg class=\"chart burndown\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"burn-title\" aria-describedby=\"burn-desc\">"
        svg += "<title id=\"burn-title\">\(HTMLText.escape(label))</title><desc id=\"burn-desc\">\(HTMLText.escape(description))</desc>"
        for value in grid {
            svg += "<line x1=\"\(left)\" y1=\"\(number(y(value)))\" x2=\"\(width - right)\" y2=\"\(number(y(value)))\" class=\"grid\(value == 0 ? " base" : "")\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(number(y(value) + 4))\" class=\"axis end\">\(number(value))</text>"
        }
        // At most about eight week labels; each labelled week gets a tick.
        let every = [1, 2, 4, 8, 13, 26, 52].first { (series.count + $0 - 1) / $0 <= 8 } ?? 52
        var previousYear: Int?
        for (offset, entry) in series.enumerated() where offset % every == 0 {
            let tickX = number(x(offset))
            svg += "<line x1=\"\(tickX)\" y1=\"\(plotBottom)\" x2=\"\(tickX)\" y2=\"\(plotBottom + 4)\" class=\"tick\"/>"
            svg += "<text x=\"\(tickX)\" y=\"\(plotBottom + 17)\" class=\"axis\">W\(entry.week.week < 10 ? "0" : "")\(entry.week.week)</text>"
            if entry.week.year != previousYear {
                svg += "<text x=\"\(tickX)\" y=\"\(plotBottom + 30)\" class=\"axis\">\(entry.week.year)</text>"
                previousYear = entry.week.year
            }
        }
        let points = series.enumerated().map { "\(number(x($0.offset))),\(number(y(Double($0.element.open))))" }
        if series.count > 1 {
            svg += "<polyline points=\"\(points.joined(separator: " "))\" class=\"line\"/>"
        }
        if series.count <= 30 {
            for (offset, entry) in series.enumerated() {
                svg += "<circle cx=\"\(number(x(offset)))\" cy=\"\(number(y(Double(entry.open))))\" r=\"\(offset == series.count - 1 ? 4 : 2.5)\" class=\"dot\"/>"
            }
        }
        svg += "<text x=\"\(left + plotWidth / 2)\" y=\"\(height - 6)\" class=\"axis-label\">ISO week (value at its Sunday)</text>"
        svg += "<text x=\"12\" y=\"\((top + plotBottom) / 2)\" class=\"axis-label\" transform=\"rotate(-90 12 \((top + plotBottom) / 2))\">open items</text>"
        return svg + "</svg>"
    }

    /// Recorded recovery per drill against the expected recovery line, with duration grid lines.
    /// Needs two points or more: one point is no trend (the risk page says so in words).
    package static func recoveryTrend(points: [(label: String, seconds: Double)], expected: Double?) -> String {
        guard points.count > 1 else { return "" }
        let width = 470, height = 214, left = 78, right = 16, top = 12, bottom = 64
        let plotBottom = height - bottom
        let grid = gridValues(upTo: max(points.map(\.seconds).max() ?? 1, expected ?? 0, 1), steps: durationSteps)
        let maxValue = grid.last ?? 1
        let stepX = Double(width - left - right - 30) / Double(points.count - 1)
        func y(_ value: Double) -> Double { Double(top) + Double(plotBottom - top) * (1 - value / maxValue) }
        let label = "Recorded recovery per drill" + (expected.map { " against the expected \(TextFormat.duration($0))" } ?? "")
        let description = points.map { "\($0.label) \(TextFormat.duration($0.seconds))" }.joined(separator: ", ")
            + (expected.map { "; expected \(TextFormat.duration($0)); red dots are slower than expected" } ?? "")
        var svg = "<svg class=\"chart trend\" viewBox=\"0 0 \(width) \(height)\" role=\"img\" aria-labelledby=\"trend-title\" aria-describedby=\"trend-desc\">"
        svg += "<title id=\"trend-title\">\(HTMLText.escape(label))</title><desc id=\"trend-desc\">\(HTMLText.escape(description))</desc>"
        for value in grid {
            svg += "<line x1=\"\(left)\" y1=\"\(number(y(value)))\" x2=\"\(width - right)\" y2=\"\(number(y(value)))\" class=\"grid\(value == 0 ? " base" : "")\"/>"
            svg += "<text x=\"\(left - 6)\" y=\"\(number(y(value) + 4))\" class=\"axis end\">\(value == 0 ? "0" : TextFormat.duration(value))</text>"
        }
        if let expected {
            svg += "<line x1=\"\(left)\" y1=\"\(number(y(expected)))\" x2=\"\(width - right)\" y2=\"\(number(y(expected)))\" class=\"expected\"/>"
        }
        let coords = points.indices.map { (Double(left + 15) + stepX * Double($0), y(points[$0].seconds)) }
        let anySlow = expected.map { limit in points.contains { $0.seconds > limit } } ?? false
        svg += "<polyline points=\"\(coords.map { "\(number($0.0)),\(number($0.1))" }.joined(separator: " "))\" class=\"line\"/>"
        for (offset, point) in points.enumerated() {
            let slow = expected.map { point.seconds > $0 } ?? false
            svg += "<circle cx=\"\(number(coords[offset].0))\" cy=\"\(number(coords[offset].1))\" r=\"4\" class=\"dot\(slow ? " slow" : "")\"><title>\(HTMLText.escape("\(point.label): \(TextFormat.duration(point.seconds))"))</title></circle>"
            svg += "<text x=\"\(number(coords[offset].0))\" y=\"\(plotBottom + 17)\" class=\"axis\">\(HTMLText.escape(point.label))</text>"
        }
        svg += "<text x=\"\((left + width - right) / 2)\" y=\"\(plotBottom + 36)\" class=\"axis-label\">drill, oldest first</text>"
        // Legend under the axis, where no point can cover it: the dashed line, then the red dots.
        if let expected {
            let row = height - 6
            svg += "<line x1=\"\(left)\" y1=\"\(row - 4)\" x2=\"\(left + 22)\" y2=\"\(row - 4)\" class=\"expected\"/>"
            svg += "<text x=\"\(left + 28)\" y=\"\(row)\" class=\"axis start\">expected \(TextFormat.duration(expected))</text>"
            if anySlow {
                let x = left + 150
                svg += "<circle cx=\"\(x + 4)\" cy=\"\(row - 4)\" r=\"4\" class=\"dot slow\"/>"
                svg += "<text x=\"\(x + 14)\" y=\"\(row)\" class=\"axis start\">slower than expected</text>"
            }
        }
        svg += "<text x=\"12\" y=\"\((top + plotBottom) / 2)\" class=\"axis-label\" transform=\"rotate(-90 12 \((top + plotBottom) / 2))\">recovery</text>"
        return svg + "</svg>"
    }
}
