import ArgumentParser
import Foundation
import PolicySearch
import Rainbow

struct KWICCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "kwic",
        abstract: "Keyword in context: every occurrence of a query, aligned, with its document and line.",
        discussion: """
            One line per occurrence in every hit: the left context, the match and the right \
            context, aligned for Chinese text in a terminal. --sort left orders by the words before \
            the match (read backwards), --sort right by the match and the words after it. With -o, \
            the lines go to a file like `export`'s (csv, tsv, jsonl, md, xlsx). --words widens each \
            match to the whole words it touches, as the segmenter cuts them under the dictionaries \
            in force (交易 → 数据交易所 where that is a word), to see in what words a string is used.

            Examples:
              policy-search kwic 数据交易
              policy-search kwic 交易 --words --sort right
              policy-search kwic 工业大数据 --sort right --width 15
              policy-search kwic 数据交易 -o kwic.csv
            """
    )

    @Argument(parsing: .allUnrecognized, help: ArgumentHelp("The query.", valueName: "query"))
    var query: [String]

    @Option(name: .long, parsing: .unconditional, help: "Characters of context on each side (1...1000).")
    var width = 20

    @Option(name: .long, help: "rank, left or right.")
    var sort: Order = .rank

    @Flag(name: .long, help: "Widen each match to the whole words it touches (ICU under the dictionaries in force).")
    var words = false

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the lines to a file (csv, tsv, jsonl, md, xlsx).", valueName: "file"))
    var output: String?

    @Option(name: .long, help: "csv, tsv, jsonl, md or xlsx, for --output (default: from its extension).")
    var format: TableFormatArgument?

    @OptionGroup var source: SearchIndexOptions

    @OptionGroup(title: "Filters") var filters: FilterOptions

    @Option(name: .long, help: "Colour: auto, always or never.")
    var color: ColorChoice = .auto

    enum Order: String, ExpressibleByArgument, CaseIterable {
        case rank, left, right
    }

    func validate() throws {
        if !(1...1000).contains(width) { throw ValidationError("--width must be between 1 and 1000, not \(width)") }
        if let output { try OutputOptions(file: output, format: format).validate() }
    }

    func execute() throws {
        let parsed = try filters.query(try queryText(query))
        let index = try source.open()
        let order = ConcordanceLine.Order(rawValue: sort.rawValue)!
        let paths = PathDisplay(corpus: index.reader.manifest.corpus)
        if let output {
            let destination = OutputOptions(file: output, format: format)
            let tableFormat = try destination.tableFormat()
            func write(_ next: () throws -> ConcordanceLine?) throws -> Int {
                try withoutActuallyEscaping(next) { next in
                    try TableWriter.write(columns: ConcordanceLine.exportColumns, rows: { try next()?.exportRow(paths: paths) },
                                          format: tableFormat, to: output)
                }
            }
            let count: Int
            if order == .rank {
                // In rank order the lines go to the file as they are made.
                count = try index.withConcordance(of: parsed, width: width, widensToWords: words, write)
            } else {
                var sorted = try index.concordance(of: parsed, width: width, order: order, widensToWords: words).makeIterator()
                count = try write { sorted.next() }
            }
            destination.sayWritten(count, "line")
            return
        }
        let lines = try index.concordance(of: parsed, width: width, order: order, widensToWords: words)
        Rainbow.enabled = color.isEnabled
        func visible(_ text: String) -> String { TerminalText.visible(text) }
        let leftWidth = lines.map { DisplayWidth.of(visible($0.left)) }.max() ?? 0
        let matchWidth = lines.map { DisplayWidth.of(visible($0.match)) }.max() ?? 0
        var out = BufferedOutput()
        for line in lines {
            let left = visible(line.left), match = visible(line.match)
            let padded = String(repeating: " ", count: leftWidth - DisplayWidth.of(left)) + left
            let shown = match + String(repeating: " ", count: matchWidth - DisplayWidth.of(match))
            let page = line.hit.page.map { " (p. \($0))" } ?? ""
            let place = "\(visible(paths.show(line.hit.document.path))):\(line.hit.passage.line)\(page)"
            try out.write("\(padded) \(color.isEnabled ? shown.red.bold : shown) \(visible(line.right))  \(color.isEnabled ? place.cyan : place)\n")
        }
        if lines.isEmpty { try out.write("no passages match \(visible(parsed.description))\n") }
        try out.flush()
    }
}

extension OutputOptions {
    init(file: String, format: TableFormatArgument?) {
        self.init()
        self.file = file
        self.format = format
    }
}
