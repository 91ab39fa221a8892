/// Inline SVG charts for the HTML reports: plain markup, no scripts, every number also in a
/// table beside the chart. Text is escaped; sizes are fixed so the same data gives the same bytes.
enum SVGChart {
    /// Approximate width of a character of the 12 px system font, for laying out labels.
    static let characterWidth = 6.6

    /// A coordinate or size with at most one decimal.
    static func n(_ value: Double) -> String {
        NorwegianNumber.decimal((value * 10).rounded() / 10, separator: ".")
    }

    /// Colour of a share from 0 to 1 on a light-to-dark blue scale.
    static func shade(_ share: Double) -> String {
        let stops: [(Double, (Double, Double, Double))] = [(0, (238, 243, 250)), (0.5, (108, 155, 210)), (1, (18, 58, 115))]
        let share = min(1, max(0, share))
        let upper = stops.firstIndex { $0.0 >= share } ?? stops.count - 1
        let lower = max(0, upper - 1)
        let span = stops[upper].0 - stops[lower].0
        let t = span == 0 ? 0 : (share - stops[lower].0) / span
        func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * t).rounded()) }
        let (a, b) = (stops[lower].1, stops[upper].1)
        return hex(mix(a.0, b.0), mix(a.1, b.1), mix(a.2, b.2))
    }

    static func hex(_ r: Int, _ g: Int, _ b: Int) -> String {
        "#" + [r, g, b].map { value in
            let text = String(value, radix: 16)
            return text.count == 1 ? "0" + text : text
        }.joined()
    }

    /// Series colours (Okabe–Ito, readable for colour-blind readers); after eight they repeat dashed.
    static let palette = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#8C6D31"]

    static func label(_ text: String, limit: Int) -> String {
        text.count <= limit ? text : String(text.prefix(limit - 1)) + "…"
    }

    struct HeatCell {
        var with: Int
        var total: Int
        var asked: Bool
        var title: String
    }

    /// Rows (themes) × columns (questions): each cell shaded by the share, with `with/total`
    /// written in it and a ring where the question itself raises the theme.
    static func heatMap(rows: [String], columns: [String], ariaLabel: String, cell: (Int, Int) -> HeatCell) -> String {
        let labelWidth = min(300, Double((rows.map(\.count).max() ?? 10) + 2) * characterWidth)
        let cellWidth = 62.0, cellHeight = 28.0, top = 34.0
        let width = max(570, labelWidth + Double(columns.count) * cellWidth + 8)
        let height = top + Double(rows.count) * cellHeight + 44
        var out = "<svg class=\"diagram\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
        out += "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(ariaLabel))\">\n"
        for (index, column) in columns.enumerated() {
            let x = labelWidth + (Double(index) + 0.5) * cellWidth
            out += "<text x=\"\(n(x))\" y=\"\(n(top - 10))\" text-anchor=\"middle\" class=\"akse\">\(HTMLText.escape(column))</text>\n"
        }
        for (rowIndex, row) in rows.enumerated() {
            let y = top + Double(rowIndex) * cellHeight
            out += "<text x=\"\(n(labelWidth - 8))\" y=\"\(n(y + cellHeight / 2 + 4))\" text-anchor=\"end\">\(HTMLText.escape(label(row, limit: 44)))</text>\n"
            for columnIndex in columns.indices {
                let value = cell(rowIndex, columnIndex)
                let x = labelWidth + Double(columnIndex) * cellWidth
                let share = value.total == 0 ? 0 : Double(value.with) / Double(value.total)
                let fill = value.total == 0 ? "#f4f4f4" : shade(share)
                out += "<g><title>\(HTMLText.escape(value.title))</title>"
                out += "<rect x=\"\(n(x + 1))\" y=\"\(n(y + 1))\" width=\"\(n(cellWidth - 2))\" height=\"\(n(cellHeight - 2))\" rx=\"3\" fill=\"\(fill)\""
                out += value.asked ? " stroke=\"#c2410c\" stroke-width=\"2\"/>" : "/>"
                let text = value.total == 0 ? "–" : "\(value.with)/\(value.total)"
                let ink = share > 0.55 ? "#ffffff" : "#1b2733"
                out += "<text x=\"\(n(x + cellWidth / 2))\" y=\"\(n(y + cellHeight / 2 + 4))\" text-anchor=\"middle\" fill=\"\(ink)\" class=\"tall\">\(text)</text></g>\n"
            }
        }
        // Legend, left-aligned under the cells: the colour scale and the ring.
        let legendY = top + Double(rows.count) * cellHeight + 14
        out += "<defs><linearGradient id=\"skala\" x1=\"0\" x2=\"1\" y1=\"0\" y2=\"0\">"
        out += "<stop offset=\"0\" stop-color=\"\(shade(0))\"/><stop offset=\"0.5\" stop-color=\"\(shade(0.5))\"/><stop offset=\"1\" stop-color=\"\(shade(1))\"/>"
        out += "</linearGradient></defs>\n"
        out += "<text x=\"4\" y=\"\(n(legendY + 11))\" class=\"akse\">Andel som tar opp temaet: 0 %</text>\n"
        out += "<rect x=\"196\" y=\"\(n(legendY))\" width=\"100\" height=\"14\" fill=\"url(#skala)\"/>\n"
        out += "<text x=\"302\" y=\"\(n(legendY + 11))\" class=\"akse\">100 %</text>\n"
        out += "<rect x=\"348\" y=\"\(n(legendY))\" width=\"20\" height=\"14\" rx=\"3\" fill=\"#ffffff\" stroke=\"#c2410c\" stroke-width=\"2\"/>\n"
        out += "<text x=\"374\" y=\"\(n(legendY + 11))\" class=\"akse\">spørsmålet selv tar opp temaet</text>\n"
        return out + "</svg>"
    }

    struct Bar {
        var label: String
        var with: Int
        var total: Int
        var title: String
    }

    /// Horizontal bars: the share of each item, with `with/total (share %)` after the bar.
    static func bars(_ bars: [Bar], ariaLabel: String, barWidth: Double = 420) -> String {
        let labelWidth = min(300, Double((bars.map(\.label.count).max() ?? 10) + 2) * characterWidth)
        let rowHeight = 24.0, top = 8.0
        let width = labelWidth + barWidth + 130
        let height = top + Double(bars.count) * rowHeight + 26
        var out = "<svg class=\"diagram\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
        out += "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(ariaLabel))\">\n"
        for tick in [0, 25, 50, 75, 100] {
            let x = labelWidth + barWidth * Double(tick) / 100
            out += "<line x1=\"\(n(x))\" x2=\"\(n(x))\" y1=\"\(n(top))\" y2=\"\(n(height - 20))\" class=\"rutenett\"/>"
            out += "<text x=\"\(n(x))\" y=\"\(n(height - 6))\" text-anchor=\"middle\" class=\"akse\">\(tick) %</text>\n"
        }
        for (index, bar) in bars.enumerated() {
            let y = top + Double(index) * rowHeight
            let share = bar.total == 0 ? 0 : Double(bar.with) / Double(bar.total)
            out += "<g><title>\(HTMLText.escape(bar.title))</title>"
            out += "<text x=\"\(n(labelWidth - 8))\" y=\"\(n(y + 16))\" text-anchor=\"end\">\(HTMLText.escape(label(bar.label, limit: 44)))</text>"
            out += "<rect x=\"\(n(labelWidth))\" y=\"\(n(y + 4))\" width=\"\(n(max(share > 0 ? 2 : 0, barWidth * share)))\" height=\"16\" rx=\"2\" class=\"stolpe\"/>"
            let text = bar.total == 0 ? "–" : "\(bar.with)/\(bar.total) (\(NorwegianNumber.percent(bar.with, of: bar.total)) %)"
            out += "<text x=\"\(n(labelWidth + barWidth * share + 6))\" y=\"\(n(y + 16))\" class=\"tall\">\(text)</text></g>\n"
        }
        return out + "</svg>"
    }

    /// Small columns, one per question, for a theme.
    static func columns(_ bars: [Bar], asked: [Bool], ariaLabel: String) -> String {
        let columnWidth = 46.0, plotHeight = 70.0, top = 16.0
        let width = Double(bars.count) * columnWidth + 10
        let height = top + plotHeight + 22
        var out = "<svg class=\"diagram liten\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
        out += "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(ariaLabel))\">\n"
        out += "<line x1=\"5\" x2=\"\(n(width - 5))\" y1=\"\(n(top + plotHeight))\" y2=\"\(n(top + plotHeight))\" class=\"rutenett\"/>\n"
        for (index, bar) in bars.enumerated() {
            let x = 5 + Double(index) * columnWidth
            let share = bar.total == 0 ? 0 : Double(bar.with) / Double(bar.total)
            let barHeight = plotHeight * share
            out += "<g><title>\(HTMLText.escape(bar.title))</title>"
            out += "<rect x=\"\(n(x + 8))\" y=\"\(n(top + plotHeight - barHeight))\" width=\"\(n(columnWidth - 16))\" height=\"\(n(barHeight))\" class=\"stolpe\""
            out += index < asked.count && asked[index] ? " stroke=\"#c2410c\" stroke-width=\"2\"/>" : "/>"
            let text = bar.total == 0 ? "–" : "\(NorwegianNumber.percent(bar.with, of: bar.total).split(separator: ",").first!) %"
            out += "<text x=\"\(n(x + columnWidth / 2))\" y=\"\(n(top + plotHeight - barHeight - 4))\" text-anchor=\"middle\" class=\"akse\">\(text)</text>"
            out += "<text x=\"\(n(x + columnWidth / 2))\" y=\"\(n(height - 6))\" text-anchor=\"middle\" class=\"akse\">\(HTMLText.escape(bar.label))</text></g>\n"
        }
        return out + "</svg>"
    }

    struct Series {
        var label: String
        /// Per year: respondents with the theme and respondents answering; nil where none answered.
        var points: [Int: (with: Int, total: Int)]
        /// Years whose booklet questions raise the theme.
        var asked: Set<Int>
    }

    /// Lines over the years: the share per year, a gap where a year has no answers, filled
    /// markers for shares and hollow diamonds under the axis for years whose booklet raised the theme.
    static func trend(years: [Int], series: [Series], ariaLabel: String) -> String {
        let left = 56.0, plotWidth = 560.0, plotHeight = 240.0, top = 16.0
        let legendX = left + plotWidth + 40
        let legendWidth = min(300, Double((series.map(\.label.count).max() ?? 10) + 6) * characterWidth)
        let width = legendX + legendWidth
        let askedRowsTop = top + plotHeight + 34
        let height = max(askedRowsTop + 8, top + Double(series.count) * 22 + 10) + 20
        guard let first = years.first, let last = years.last else { return "" }
        func x(_ year: Int) -> Double {
            last == first ? left + plotWidth / 2 : left + 20 + (plotWidth - 40) * Double(year - first) / Double(last - first)
        }
        func y(_ share: Double) -> Double { top + plotHeight * (1 - share) }
        var out = "<svg class=\"diagram\" viewBox=\"0 0 \(n(width)) \(n(height))\" "
        out += "width=\"\(n(width))\" height=\"\(n(height))\" role=\"img\" aria-label=\"\(HTMLText.escape(ariaLabel))\">\n"
        for tick in [0, 25, 50, 75, 100] {
            let ty = y(Double(tick) / 100)
            out += "<line x1=\"\(n(left))\" x2=\"\(n(left + plotWidth))\" y1=\"\(n(ty))\" y2=\"\(n(ty))\" class=\"rutenett\"/>"
            out += "<text x=\"\(n(left - 8))\" y=\"\(n(ty + 4))\" text-anchor=\"end\" class=\"akse\">\(tick) %</text>\n"
        }
        for year in years {
            out += "<text x=\"\(n(x(year)))\" y=\"\(n(top + plotHeight + 18))\" text-anchor=\"middle\" class=\"akse\">\(year)</text>\n"
        }
        for (index, item) in series.enumerated() {
            let colour = palette[index % palette.count]
            let dash = index >= palette.count ? " stroke-dasharray=\"6 4\"" : ""
            // A line through consecutive years with answers; a year without answers breaks it.
            var segment: [String] = []
            func flush() {
                if segment.count > 1 {
                    out += "<polyline points=\"\(segment.joined(separator: " "))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"2\"\(dash)/>\n"
                }
                segment = []
            }
            for year in years {
                guard let point = item.points[year], point.total > 0 else { flush(); continue }
                segment.append("\(n(x(year))),\(n(y(Double(point.with) / Double(point.total))))")
            }
            flush()
            for year in years {
                guard let point = item.points[year], point.total > 0 else { continue }
                let share = Double(point.with) / Double(point.total)
                out += "<circle cx=\"\(n(x(year)))\" cy=\"\(n(y(share)))\" r=\"4.5\" fill=\"\(colour)\"><title>"
                out += HTMLText.escape("\(item.label) \(year): \(point.with) av \(point.total) (\(NorwegianNumber.percent(point.with, of: point.total)) %)")
                out += "</title></circle>\n"
            }
            for year in years where item.asked.contains(year) {
                let cx = x(year) + (Double(index) - Double(series.count - 1) / 2) * 7
                out += "<path d=\"M\(n(cx)) \(n(askedRowsTop - 4))l4 4l-4 4l-4 -4z\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"1.5\"><title>"
                out += HTMLText.escape("\(item.label): heftet \(year) spør om temaet") + "</title></path>\n"
            }
            let ly = top + Double(index) * 22
            out += "<line x1=\"\(n(legendX))\" x2=\"\(n(legendX + 22))\" y1=\"\(n(ly + 8))\" y2=\"\(n(ly + 8))\" stroke=\"\(colour)\" stroke-width=\"3\"\(dash)/>"
            out += "<text x=\"\(n(legendX + 30))\" y=\"\(n(ly + 12))\">\(HTMLText.escape(label(item.label, limit: 40)))</text>\n"
        }
        out += "<text x=\"\(n(left))\" y=\"\(n(askedRowsTop + 20))\" class=\"akse\">◇ under aksen: heftet det året spør om temaet</text>\n"
        return out + "</svg>"
    }
}
