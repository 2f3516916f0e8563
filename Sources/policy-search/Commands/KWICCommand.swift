import ArgumentParser
import Foundation
import PolicySearch
import Rainbow

struct KWICCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kwic",
        abstract: "Keyword in context: every occurrence of a query, aligned, with its document and line.",
        discussion: """
            One line per occurrence in every hit: the left context, the match and the right \
            context, aligned for Chinese text in a terminal. --sort left orders by the words before \
            the match (read backwards), --sort right by the match and the words after it. With -o, \
            the lines go to a file like `export`'s (csv, tsv, jsonl, md). --words widens each \
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

    @Option(name: .long, help: "Characters of context on each side.")
    var width = 20

    @Option(name: .long, help: "rank, left or right.")
    var sort: Order = .rank

    @Flag(name: .long, help: "Widen each match to the whole words it touches (ICU under the dictionaries in force).")
    var words = false

    @Option(name: [.short, .customLong("output")], help: ArgumentHelp("Write the lines to a file (csv, tsv, jsonl, md).", valueName: "file"))
    var output: String?

    @Option(name: .long, help: "csv, tsv, jsonl or md, for --output (default: from its extension).")
    var format: ExportCommand.Format?

    @OptionGroup var location: IndexLocation

    @OptionGroup(title: "Filters") var filters: FilterOptions

    @Option(name: .long, help: ArgumentHelp("The corpus to index on first use.", valueName: "dir"))
    var corpus: String = "Corpus"

    @OptionGroup(title: "Dictionaries") var dictionaries: DictionaryOptions

    @Option(name: .long, help: "Colour: auto, always or never.")
    var color: ColorChoice = .auto

    enum Order: String, ExpressibleByArgument, CaseIterable {
        case rank, left, right
    }

    func validate() throws {
        try rejectMistypedOptions(in: query)
        if width < 1 { throw fail(ValidationError("--width must be 1 or more, not \(width)")) }
    }

    func run() throws {
        do {
            let parsed = try filters.query(query.joined(separator: " "))
            let searcher = try SearchCommand.openSearcher(location: location, corpus: corpus, dictionaries: dictionaries)
            let reader = searcher.reader
            let result = try searcher.search(parsed, options: SearchOptions(limit: nil))
            var lines: [ConcordanceLine] = []
            for hit in HitLoader(searcher: searcher).hits(of: result) {
                let hit = try hit.get()
                lines += ConcordanceLine.lines(of: words ? searcher.widenedToWords(hit) : hit, width: width)
            }
            lines = ConcordanceLine.sorted(lines, by: ConcordanceLine.Order(rawValue: sort.rawValue)!)
            let printer = HitPrinter(format: .text, colored: false, corpus: reader.manifest.corpus)
            if let output {
                let format = self.format ?? ExportCommand.Format(rawValue: (output as NSString).pathExtension.lowercased())
                guard let format else {
                    throw ValidationError("cannot tell the format of \(output) from its extension: give --format csv, tsv, jsonl or md")
                }
                var iterator = lines.makeIterator()
                let count = try ExportCommand.write(header: ["rank", "file", "line", "page", "title", "section", "left", "match", "right"], rows: {
                    guard let line = iterator.next() else { return nil }
                    return [String(line.rank), printer.displayPath(line.hit.document.path), String(line.hit.passage.line),
                            line.hit.page.map(String.init) ?? "", line.hit.document.title, line.hit.passage.section,
                            line.left, line.match, line.right]
                }, format: format, to: output)
                if output != "-" { note("policy-search: wrote \(count) line\(count == 1 ? "" : "s") to \(output)") }
                return
            }
            Rainbow.enabled = color.isEnabled
            let leftWidth = lines.map { DisplayWidth.of($0.left) }.max() ?? 0
            let matchWidth = lines.map { DisplayWidth.of($0.match) }.max() ?? 0
            var out = BufferedOutput()
            for line in lines {
                let left = String(repeating: " ", count: leftWidth - DisplayWidth.of(line.left)) + line.left
                let match = line.match + String(repeating: " ", count: matchWidth - DisplayWidth.of(line.match))
                let shown = color.isEnabled ? match.red.bold : match
                let page = line.hit.page.map { " (p. \($0))" } ?? ""
                let place = "\(printer.displayPath(line.hit.document.path)):\(line.hit.passage.line)\(page)"
                try out.write("\(left) \(shown) \(line.right)  \(color.isEnabled ? place.cyan : place)\n")
            }
            try out.flush()
            if lines.isEmpty { print("no passages match \(parsed)") }
        } catch {
            throw fail(error)
        }
    }
}
