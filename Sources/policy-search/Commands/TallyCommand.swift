import ArgumentParser
import Foundation
import PolicySearch

struct TallyCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "tally",
        abstract: "Count, for several queries, the matching documents and passages by region, year, type …",
        discussion: """
            Each argument is one query (quote a query of several words). For each group of \
            documents and each query: the documents with at least one hit, their share of the \
            group, and the passages. The last row counts all documents.

            Examples:
              policy-search tally 工业大数据 农业 数据交易 --by region
              policy-search tally "数据 安全" 数据交易 --by year --format csv > counts.csv
              policy-search tally 工业大数据 --by document --format json
            """
    )

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The queries, one an argument.", valueName: "query"))
    var queries: [String]

    @Option(name: .long, help: "document, region, year, type, issuer or level.")
    var by: Grouping = .region

    @Option(name: .long, help: "text, csv or json.")
    var format: Format = .text

    @Flag(name: .long, help: "Count documents that are copies of one text once (see documents --duplicates).")
    var distinctDocuments = false

    @OptionGroup var source: SearchIndexOptions

    @OptionGroup(title: "Filters") var filters: FilterOptions

    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        case document, region, year, type, issuer, level
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv, json
    }

    func validate() throws {
        if queries.filter({ $0 != "--" }).isEmpty { throw ValidationError("give at least one query to count") }
    }

    func execute() throws {
        let texts = queries.filter { $0 != "--" }
        if let option = texts.first(where: { $0.hasPrefix("--") && $0.count > 2 }) {
            throw ValidationError("unknown option '\(option)' (to count it, quote it: '\"\(option)\"')")
        }
        let parsed = try texts.map { try filters.query($0) }
        let tally = try source.open().tally(parsed, by: Tally.Grouping(rawValue: by.rawValue)!, countsCopiesOnce: distinctDocuments)
        if distinctDocuments, format == .text { note("policy-search: copies of one text counted once (documents --duplicates)") }
        var output = BufferedOutput()
        switch format {
        case .text: try output.write(TerminalText.visible(Self.table(tally)))
        case .json: try output.write(tally.json + "\n")
        case .csv:
            var sink = MemorySink()
            var rows = tally.tableRows.makeIterator()
            _ = try TableWriter.write(columns: tally.tableColumns, rows: { rows.next() }, format: .csv, to: &sink)
            try output.write(sink.text)
        }
        try output.flush()
    }

    /// A table aligned for a terminal, Chinese characters counted double wide.
    static func table(_ tally: Tally) -> String {
        var table = AlignedTable(leftAligned: [0], header: [tally.grouping.rawValue, "documents"] + tally.queries.map(\.description))
        for row in tally.rows + [tally.total] {
            table.append([row.group.isEmpty ? "(unknown)" : row.group, String(row.documents)] + row.cells.map { cell in
                "\(cell.documents) (\(String(format: "%.0f", 100 * Tally.share(cell, of: row))) %) \(cell.passages)p"
            })
        }
        return table.text
    }
}

/// Columns a string takes in a terminal: East Asian wide and full-width
/// characters take two.
enum DisplayWidth {
    static func of(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { width, scalar in
            switch scalar.value {
            case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
                 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
                return width + 2
            case 0x0300...0x036F, 0x200B...0x200F:
                return width
            default:
                return width + 1
            }
        }
    }
}
