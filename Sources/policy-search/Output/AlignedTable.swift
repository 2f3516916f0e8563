/// Rows of cells laid out in columns for a terminal, Chinese characters
/// counted double wide (``DisplayWidth``): text columns padded on the right,
/// the others (numbers) on the left, two spaces between columns.
struct AlignedTable {
    /// The columns whose cells are text, aligned left.
    var leftAligned: Set<Int>
    var rows: [[String]] = []

    init(leftAligned: Set<Int>, header: [String]) {
        self.leftAligned = leftAligned
        rows = [header]
    }

    mutating func append(_ row: [String]) { rows.append(row) }

    /// The table, a line per row; no trailing spaces after a last text column.
    var text: String {
        let columns = rows.map(\.count).max() ?? 0
        let widths = (0..<columns).map { column in rows.map { column < $0.count ? DisplayWidth.of($0[column]) : 0 }.max() ?? 0 }
        return rows.map { cells in
            cells.enumerated().map { column, cell in
                let pad = String(repeating: " ", count: widths[column] - DisplayWidth.of(cell))
                if !leftAligned.contains(column) { return pad + cell }
                return column == cells.count - 1 ? cell : cell + pad
            }.joined(separator: "  ")
        }.joined(separator: "\n") + "\n"
    }
}
