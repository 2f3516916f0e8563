import Foundation

/// The JSON and rows of a ``Tally`` (`tally --format json|csv`, the web app's API).
extension Tally {
    /// A cell's documents as a share of its row's documents (0 for an empty group).
    public static func share(_ cell: Cell, of row: Row) -> Double {
        row.documents == 0 ? 0 : Double(cell.documents) / Double(row.documents)
    }

    /// `{"by", "queries", "groups": [{"group", "documents", "counts": [{"query", "documents", "share", "passages"}]}], "total"}`.
    public var json: String {
        func row(_ row: Row) -> String {
            var object = JSONLine()
            object.field("group", row.group)
            object.field("documents", row.documents)
            let cells = zip(queries, row.cells).map { query, cell -> String in
                var item = JSONLine()
                item.field("query", query.description)
                item.field("documents", cell.documents)
                item.field("share", (Self.share(cell, of: row) * 10000).rounded() / 10000)
                item.field("passages", cell.passages)
                return item.line
            }
            object.field("counts", json: "[" + cells.joined(separator: ",") + "]")
            return object.line
        }
        var object = JSONLine()
        object.field("by", grouping.rawValue)
        if countsCopiesOnce { object.field("copiesCountedOnce", json: "true") }
        object.field("queries", queries.map(\.description))
        object.field("groups", json: "[" + rows.map(row).joined(separator: ",") + "]")
        object.field("total", json: row(total))
        return object.line
    }

    /// The columns of the tally as a table: the group, its documents, then
    /// documents, share and passages of each query.
    public var tableColumns: [String] {
        [grouping.rawValue, "documents"] + queries.flatMap { ["\($0) documents", "\($0) share", "\($0) passages"] }
    }

    /// The rows under ``tableColumns``, the total last.
    public var tableRows: [[String]] {
        (rows + [total]).map { row in
            [row.group, String(row.documents)] + row.cells.flatMap { cell in
                [String(cell.documents), FixedDecimal.string(Self.share(cell, of: row), digits: 4), String(cell.passages)]
            }
        }
    }
}
