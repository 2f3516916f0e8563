import ArgumentParser
import Foundation

import PolicySearch

struct SearchCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "search",
        abstract: "Find the passages that match a query, best first.",
        discussion: """
            Query syntax: parts separated by spaces must all occur in the passage; "…" is an exact \
            phrase (spaces included); -part excludes; A OR B takes either. Each part is matched \
            literally in the normalized text, so 交易 also finds 交易所. The index is built from \
            --corpus on first use. Exit status: 0 hits found, 1 no hits, 2 error.

            Examples:
              policy-search search 数据交易
              policy-search search 工业大数据 --all --format json > hits.jsonl
              policy-search search 大数据 交易所 -贵阳 --limit 5
              policy-search search 数据交易 OR 数据流通 --offset 10
            """
    )

    // `.allUnrecognized` so that an exclusion such as -试点 is part of the query,
    // not taken for an option.
    @Argument(parsing: .allUnrecognized,
              help: ArgumentHelp("The query (several arguments are joined by spaces).", valueName: "query"))
    var query: [String]

    @OptionGroup var source: SearchIndexOptions

    @OptionGroup(title: "Filters") var filters: FilterOptions

    @Option(name: [.short, .long], parsing: .unconditional, help: "Hits to show.")
    var limit: Int = 10

    @Option(name: .long, parsing: .unconditional, help: "Hits to skip first (for paging).")
    var offset: Int = 0

    @Flag(name: .long, help: "Show every hit (identical passages included, each on its own).")
    var all = false

    @Flag(name: .customLong("keep-identical"), help: "List identical passages on their own, not under the first of them.")
    var keepsIdentical = false

    @Flag(name: .customLong("by-document"), help: "One row per document: its number of hits and its best three passages.")
    var byDocument = false

    @Flag(name: .long, help: "Highlight the whole words a match touches (ICU under the dictionaries in force).")
    var words = false

    @Option(name: .long, help: "text, or json (one JSON object per hit and line).")
    var format: OutputFormat = .text

    @OptionGroup(title: "Ranking") var ranking: RankingOptions

    @Option(name: .long, help: "Colour: auto, always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more, not \(limit)") }
        if offset < 0 { throw ValidationError("--offset must be 0 or more, not \(offset)") }
    }

    func execute() throws {
        let parsed = try filters.query(try queryText(query))
        let index = try source.open()
        // Whether the corpus changed takes a stat of every file: find out on
        // another core while the search runs, and warn at the end.
        let changes = CorpusCheck(index: index)
        defer { changes.warnIfChanged() }
        // A page shows each text once; --all lists every passage.
        let options = HitOptions(search: SearchOptions(limit: all ? nil : limit, offset: offset, scoring: ranking.bm25,
                                                       collapsesIdentical: !all && !keepsIdentical),
                                 widensToWords: words)
        var printer = HitPrinter(format: format, colored: color.isEnabled, paths: PathDisplay(corpus: index.reader.manifest.corpus))
        if byDocument {
            let found = try index.documents(matching: parsed, offset: offset, limit: all ? .max : limit, scoring: ranking.bm25)
            try printer.documents(found, query: parsed, offset: offset)
            try printer.finish()
            if found.total == 0 {
                try printer.noHits(try index.search(parsed, HitOptions(search: SearchOptions(limit: 0))))
                throw ExitCode(1)
            }
            return
        }
        var page: SearchPage
        if all {
            // Every hit, printed as it is read: memory does not grow with them.
            page = try index.forEachHit(of: parsed, options, totals: { try printer.header($0, shown: $0.total) }) {
                try printer.print($0)
            }
        } else {
            page = try index.search(parsed, options)
            try printer.header(page, shown: page.hits.count)
            for hit in page.hits { try printer.print(hit) }
        }
        try printer.finish()
        if page.total == 0 {
            if all { page = try index.search(parsed, HitOptions(search: SearchOptions(limit: 0))) }
            try printer.noHits(page)
            throw ExitCode(1)
        }
    }
}

/// BM25's parameters as options.
struct RankingOptions: ParsableArguments {
    @Option(name: .long, parsing: .unconditional, help: "BM25 k1 (term frequency saturation, 0 or more).")
    var k1: Double = BM25.defaultK1

    @Option(name: .long, parsing: .unconditional, help: "BM25 b (passage length normalization, 0...1).")
    var b: Double = BM25.defaultB

    @Option(name: .long, parsing: .unconditional, help: "BM25 length floor: a passage of fewer words counts as this long (0 or more).")
    var minLength: Double = BM25.defaultMinimumLength

    func validate() throws {
        if !minLength.isFinite || minLength < 0 { throw ValidationError("--min-length must be a number of words, 0 or more, not \(minLength)") }
        if !k1.isFinite || k1 < 0 { throw ValidationError("--k1 must be a number, 0 or more, not \(k1)") }
        if !b.isFinite || !(0...1).contains(b) { throw ValidationError("--b must be between 0 and 1, not \(b)") }
    }

    var bm25: BM25 { BM25(k1: k1, b: b, minimumLength: minLength) }
}
