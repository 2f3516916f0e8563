import ArgumentParser
import Foundation
import PolicySearch

struct TallyCommand: ParsableCommand {
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

    @OptionGroup var location: IndexLocation

    @OptionGroup(title: "Filters") var filters: FilterOptions

    @Option(name: .long, help: ArgumentHelp("The corpus to index on first use.", valueName: "dir"))
    var corpus: String = "Corpus"

    @OptionGroup(title: "Dictionaries") var dictionaries: DictionaryOptions

    enum Grouping: String, ExpressibleByArgument, CaseIterable {
        case document, region, year, type, issuer, level
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv, json
    }

    func validate() throws {
        try rejectMistypedOptions(in: queries)
        if queries.isEmpty { throw fail(ValidationError("give at least one query to count")) }
    }

    func run() throws {
        do {
            let parsed = try queries.map { try filters.query($0) }
            let tally = try Tally(queries: parsed, by: Tally.Grouping(rawValue: by.rawValue)!,
                                  searcher: SearchCommand.openSearcher(location: location, corpus: corpus,
                                                                       dictionaries: dictionaries))
            var output = BufferedOutput()
            switch format {
            case .text: try output.write(Self.table(tally))
            case .json: try output.write(Self.json(tally))
            case .csv: try output.write(try Self.csv(tally))
            }
            try output.flush()
        } catch {
            throw fail(error)
        }
    }

    static func share(_ cell: Tally.Cell, of row: Tally.Row) -> Double {
        row.documents == 0 ? 0 : Double(cell.documents) / Double(row.documents)
    }

    /// A table aligned for a terminal, Chinese characters counted double wide.
    static func table(_ tally: Tally) -> String {
        var table = AlignedTable(leftAligned: [0], header: [tally.grouping.rawValue, "documents"] + tally.queries.map(\.description))
        for row in tally.rows + [tally.total] {
            table.append([row.group.isEmpty ? "(unknown)" : row.group, String(row.documents)] + row.cells.map { cell in
                "\(cell.documents) (\(String(format: "%.0f", 100 * share(cell, of: row))) %) \(cell.passages)p"
            })
        }
        return table.text
    }

    static func json(_ tally: Tally) -> String {
        func row(_ row: Tally.Row) -> String {
            var object = JSONLine()
            object.field("group", row.group)
            object.field("documents", row.documents)
            let cells = zip(tally.queries, row.cells).map { query, cell -> String in
                var item = JSONLine()
                item.field("query", query.description)
                item.field("documents", cell.documents)
                item.field("share", (share(cell, of: row) * 10000).rounded() / 10000)
                item.field("passages", cell.passages)
                return item.line
            }
            return String(object.line.dropLast()) + ",\"counts\":[" + cells.joined(separator: ",") + "]}"
        }
        var header = JSONLine()
        header.field("by", tally.grouping.rawValue)
        header.field("queries", tally.queries.map(\.description))
        return String(header.line.dropLast()) + ",\"groups\":[" + tally.rows.map(row).joined(separator: ",")
            + "],\"total\":" + row(tally.total) + "}\n"
    }

    static func csv(_ tally: Tally) throws -> String {
        let writer = DelimitedWriter(delimiter: 0x2C)
        var text = "\u{FEFF}" + writer.line([tally.grouping.rawValue, "documents"] + tally.queries.flatMap {
            ["\($0) documents", "\($0) share", "\($0) passages"]
        })
        for row in tally.rows + [tally.total] {
            text += writer.line([row.group, String(row.documents)] + row.cells.flatMap { cell in
                [String(cell.documents), String(format: "%.4f", share(cell, of: row)), String(cell.passages)]
            })
        }
        return text
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
