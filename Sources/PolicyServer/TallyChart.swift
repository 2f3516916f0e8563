import Foundation
import PolicySearch

/// The tally drawn as SVG by the server (no script, no library): bars of the
/// share of documents per group for one query, a heat map of groups × queries
/// for several. Every bar and cell links to the passages it counts.
enum TallyChart {
    /// The most groups a chart draws (the table lists them all).
    static let maximumGroups = 40

    /// A link to the hits of query `query` in row `row`, or nil (no group).
    typealias Link = (_ row: Tally.Row, _ query: Int) -> String?

    /// The groups a chart shows: those with the most documents, in the
    /// table's order.
    static func shownRows(_ tally: Tally) -> [Tally.Row] {
        guard tally.rows.count > maximumGroups else { return tally.rows }
        let kept = Set(tally.rows.enumerated().sorted { ($0.element.documents, -$0.offset) > ($1.element.documents, -$1.offset) }
            .prefix(maximumGroups).map(\.offset))
        return tally.rows.enumerated().filter { kept.contains($0.offset) }.map(\.element)
    }

    static func svg(_ tally: Tally, label: (String) -> String, link: Link) -> String {
        tally.queries.count == 1 ? bars(tally, label: label, link: link) : heatMap(tally, label: label, link: link)
    }

    /// One bar per group: its length the share of the group's documents with
    /// a hit, its label "documents / group (share)".
    static func bars(_ tally: Tally, label: (String) -> String, link: Link) -> String {
        let rows = shownRows(tally)
        let labelWidth = labelColumn(rows, label: label), barWidth = 420.0, rowHeight = 24.0, top = 26.0
        let width = labelWidth + barWidth + 130, height = top + rowHeight * Double(rows.count) + 8
        var svg = "<svg class=\"chart bars\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\" width=\"\(number(width))\" role=\"img\" aria-label=\"\(HTML.escape(tally.queries[0].description))：各组含命中文件的比例\">"
        svg += "<text class=\"axis\" x=\"\(number(labelWidth))\" y=\"16\">0%</text><text class=\"axis\" x=\"\(number(labelWidth + barWidth))\" y=\"16\" text-anchor=\"end\">100%</text>"
        for (i, row) in rows.enumerated() {
            let cell = row.cells[0]
            let share = Tally.share(cell, of: row)
            let y = top + rowHeight * Double(i)
            let length = max(share > 0 ? 2 : 0, barWidth * share)
            var item = "<text class=\"group\" x=\"\(number(labelWidth - 8))\" y=\"\(number(y + 16))\" text-anchor=\"end\">\(HTML.escape(clipped(label(row.group), 12)))</text>"
            item += "<rect class=\"track\" x=\"\(number(labelWidth))\" y=\"\(number(y + 4))\" width=\"\(number(barWidth))\" height=\"\(number(rowHeight - 8))\"/>"
            item += "<rect class=\"bar\" x=\"\(number(labelWidth))\" y=\"\(number(y + 4))\" width=\"\(number(length))\" height=\"\(number(rowHeight - 8))\"/>"
            item += "<text class=\"value\" x=\"\(number(labelWidth + barWidth + 8))\" y=\"\(number(y + 16))\">\(cell.documents)/\(row.documents)（\(percent(share))）</text>"
            item += "<title>\(HTML.escape(label(row.group)))：\(cell.documents) / \(row.documents) 个文件，\(cell.passages) 条段落</title>"
            svg += wrap(item, link(row, 0))
        }
        return svg + "</svg>"
    }

    /// Groups × queries: a cell's shade is the share of the group's
    /// documents with a hit of the query, its text that share.
    static func heatMap(_ tally: Tally, label: (String) -> String, link: Link) -> String {
        let rows = shownRows(tally)
        let labelWidth = labelColumn(rows, label: label), cellWidth = 96.0, cellHeight = 26.0, top = 64.0
        let width = labelWidth + cellWidth * Double(tally.queries.count) + 8
        let height = top + cellHeight * Double(rows.count) + 8
        var svg = "<svg class=\"chart heat\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 \(number(width)) \(number(height))\" width=\"\(number(width))\" role=\"img\" aria-label=\"各组含命中文件的比例（热图）\">"
        for (j, query) in tally.queries.enumerated() {
            let x = labelWidth + cellWidth * (Double(j) + 0.5)
            svg += "<text class=\"query\" x=\"\(number(x))\" y=\"\(number(top - 10))\" text-anchor=\"middle\">\(HTML.escape(clipped(query.description, 7)))<title>\(HTML.escape(query.description))</title></text>"
        }
        // Shades are scaled to the highest share drawn: shares of a few per
        // cent would otherwise all look blank.
        let highest = highestShare(tally)
        for (i, row) in rows.enumerated() {
            let y = top + cellHeight * Double(i)
            svg += "<text class=\"group\" x=\"\(number(labelWidth - 8))\" y=\"\(number(y + 17))\" text-anchor=\"end\">\(HTML.escape(clipped(label(row.group), 12)))</text>"
            for (j, cell) in row.cells.enumerated() {
                let share = Tally.share(cell, of: row)
                let x = labelWidth + cellWidth * Double(j)
                var item = "<rect class=\"cell\" x=\"\(number(x + 1))\" y=\"\(number(y + 1))\" width=\"\(number(cellWidth - 2))\" height=\"\(number(cellHeight - 2))\" fill=\"\(shade(highest > 0 ? share / highest : 0))\"/>"
                item += "<text class=\"\(highest > 0 && share / highest > 0.55 ? "value light" : "value")\" x=\"\(number(x + cellWidth / 2))\" y=\"\(number(y + 17))\" text-anchor=\"middle\">\(cell.documents == 0 ? "·" : percent(share))</text>"
                item += "<title>\(HTML.escape(tally.queries[j].description)) · \(HTML.escape(label(row.group)))：\(cell.documents) / \(row.documents) 个文件，\(cell.passages) 条段落</title>"
                svg += wrap(item, link(row, j))
            }
        }
        return svg + "</svg>"
    }

    /// The width of the group labels' column: as wide as the longest label
    /// drawn (clipped at 12 characters, 13 px each), so that a narrow
    /// window's chart is not half blank margin.
    static func labelColumn(_ rows: [Tally.Row], label: (String) -> String) -> Double {
        let longest = rows.map { min(12, label($0.group).count) }.max() ?? 0
        return Double(max(2, longest)) * 13 + 16
    }

    /// From the page's background (0) to its accent colour (1).
    static func shade(_ share: Double) -> String {
        let low = (251.0, 250.0, 247.0), high = (163.0, 49.0, 31.0)
        let t = min(1, max(0, share))
        func mix(_ a: Double, _ b: Double) -> Int { Int((a + (b - a) * t).rounded()) }
        return String(format: "#%02x%02x%02x", mix(low.0, high.0), mix(low.1, high.1), mix(low.2, high.2))
    }

    /// A share as a whole per cent; one that rounds to 0 but is not, "<1%".
    static func percent(_ share: Double) -> String {
        share > 0 && share < 0.005 ? "<1%" : "\(Int((share * 100).rounded()))%"
    }

    /// The highest share among the cells a chart draws.
    static func highestShare(_ tally: Tally) -> Double {
        shownRows(tally).flatMap { row in row.cells.map { Tally.share($0, of: row) } }.max() ?? 0
    }

    private static func number(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    private static func clipped(_ text: String, _ count: Int) -> String {
        text.count > count ? String(text.prefix(count - 1)) + "…" : text
    }

    private static func wrap(_ item: String, _ link: String?) -> String {
        guard let link else { return "<g>" + item + "</g>" }
        return "<a href=\"\(HTML.escape(link))\">" + item + "</a>"
    }
}
