import ArgumentParser
import Foundation
import PolicyAnalysis
import PolicyIndex
import PolicySearch

struct SearchCommand: ParsableCommand {
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

    @OptionGroup var location: IndexLocation

    @OptionGroup(title: "Dictionaries") var dictionaries: DictionaryOptions

    @OptionGroup(title: "Filters") var filters: FilterOptions

    @Option(name: .long, help: ArgumentHelp("The corpus to index on first use.", valueName: "dir"))
    var corpus: String = "Corpus"

    @Option(name: [.short, .long], help: "Hits to show.")
    var limit: Int = 10

    @Option(name: .long, help: "Hits to skip first (for paging).")
    var offset: Int = 0

    @Flag(name: .long, help: "Show every hit.")
    var all = false

    @Flag(name: .long, help: "Highlight the whole words a match touches (ICU under the dictionaries in force).")
    var words = false

    @Option(name: .long, help: "text, or json (one JSON object per hit and line).")
    var format: OutputFormat = .text

    @Option(name: .long, help: "BM25 k1 (term frequency saturation).")
    var k1: Double = BM25.defaultK1

    @Option(name: .long, help: "BM25 b (passage length normalization, 0...1).")
    var b: Double = BM25.defaultB

    @Option(name: .long, help: "Colour: auto, always or never.")
    var color: ColorChoice = .auto

    func validate() throws {
        try rejectMistypedOptions(in: query)
        if limit < 0 { throw ValidationError("--limit must be 0 or more, not \(limit)") }
        if offset < 0 { throw ValidationError("--offset must be 0 or more, not \(offset)") }
        if k1 < 0 { throw ValidationError("--k1 must be 0 or more, not \(k1)") }
        if !(0...1).contains(b) { throw ValidationError("--b must be between 0 and 1, not \(b)") }
    }

    func run() throws {
        let text = query.joined(separator: " ")
        let found: Int
        do {
            let parsed = try filters.query(text)
            let (reader, dictionary) = try Self.openOrBuild(location: location, corpus: corpus, dictionaries: dictionaries)
            // Whether the corpus changed takes a stat of every file: find out on
            // another core while the search runs, and warn at the end.
            let changes = CorpusCheck(reader: reader)
            defer { changes.warnIfChanged() }
            let searcher = try Searcher(reader: reader, dictionary: dictionary)
            let options = SearchOptions(limit: all ? nil : limit, offset: offset, scoring: BM25(k1: k1, b: b))
            let result = try searcher.search(parsed, options: options)
            let printer = HitPrinter(format: format, colored: color.isEnabled, corpus: reader.manifest.corpus)
            let widen = words
            let hits = HitLoader(searcher: searcher).hits(of: result).lazy.map { widen ? $0.map(searcher.widenedToWords) : $0 }
            try printer.print(result, hits: hits)
            if result.total == 0 {
                let suggestion = try QuerySuggester.looser(than: parsed, using: searcher)
                printer.printNoHits(parsed, suggestion: suggestion)
            }
            found = result.total
        } catch {
            throw fail(error)
        }
        if found == 0 { throw ExitCode(1) }
    }

    /// A searcher of the index (``openOrBuild(location:corpus:dictionaries:)``),
    /// segmenting with the dictionaries in force.
    static func openSearcher(location: IndexLocation, corpus: String, dictionaries: DictionaryOptions) throws -> Searcher {
        let (reader, dictionary) = try openOrBuild(location: location, corpus: corpus, dictionaries: dictionaries)
        return try Searcher(reader: reader, dictionary: dictionary)
    }

    /// Opens the index, building it from the corpus first if there is none,
    /// with the dictionary in force for its corpus; warns when the index was
    /// built with another analysis or another dictionary.
    static func openOrBuild(location: IndexLocation, corpus: String,
                            dictionaries: DictionaryOptions) throws -> (IndexReader, UserDictionary?) {
        let directory = location.directory
        let existing: IndexManifest?
        do {
            existing = try directory.readManifest()
        } catch IndexError.incompatible(_, let found) {
            return try rebuild(location: location, corpus: directory.recordedCorpus() ?? corpus, found: found,
                               dictionaries: dictionaries)
        }
        if let manifest = existing, manifest.format != IndexFormat.version {
            return try rebuild(location: location, corpus: manifest.corpus, found: manifest.format, dictionaries: dictionaries)
        }
        if let manifest = existing {
            let dictionary = try dictionaries.load(corpus: manifest.corpus)
            let reader = try IndexReader(directory: directory)
            if let mismatch = reader.analysisMismatch {
                note("policy-search: warning: \(mismatch); results may be incomplete: run `policy-search index --rebuild`")
            } else if let mismatch = reader.dictionaryMismatch(dictionary) {
                note("policy-search: warning: \(mismatch); matches are the same but passage lengths (ranking) differ: run `policy-search index` with the same dictionaries")
            }
            return (reader, dictionary)
        }
        return try build(location: location, corpus: corpus, dictionaries: dictionaries, rebuild: false,
                         because: "no index in \(location.index)/ yet")
    }
}

extension SearchCommand {
    /// An index is derived data: one of another format is rebuilt from the
    /// corpus it names, as a missing one is built on first use.
    static func rebuild(location: IndexLocation, corpus: String, found: UInt32,
                        dictionaries: DictionaryOptions) throws -> (IndexReader, UserDictionary?) {
        try build(location: location, corpus: corpus, dictionaries: dictionaries, rebuild: true,
                  because: "the index in \(location.index)/ has format \(found), this policy-search reads \(IndexFormat.version)")
    }

    /// Builds the index of `corpus` on a search's behalf, saying why first and
    /// how it went after, then opens it.
    private static func build(location: IndexLocation, corpus: String, dictionaries: DictionaryOptions, rebuild: Bool,
                              because reason: String) throws -> (IndexReader, UserDictionary?) {
        let dictionary = try dictionaries.load(corpus: corpus)
        note("policy-search: \(reason): \(rebuild ? "rebuilding" : "building") it from \(corpus)/ …")
        let report = try IndexRun.build(corpus: corpus, location: location, dictionary: dictionary, quiet: false,
                                        rebuild: rebuild)
        note(IndexRun.summary(report, index: location.index))
        return (try IndexReader(directory: location.directory), dictionary)
    }
}

/// Compares the corpus with the index on a background thread.
final class CorpusCheck: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var changes: CorpusChanges?
    private let corpus: String

    init(reader: IndexReader) {
        corpus = reader.manifest.corpus
        Thread.detachNewThread { [self] in
            changes = try? reader.corpusChanges()
            done.signal()
        }
    }

    /// Waits for the comparison and warns on standard error if files differ.
    func warnIfChanged() {
        done.wait()
        if let changes {
            note("policy-search: warning: \(corpus) changed since the index was built (\(changes.summary)): run `policy-search index` to update")
        }
    }
}

enum ColorChoice: String, ExpressibleByArgument, CaseIterable {
    case auto, always, never

    var isEnabled: Bool {
        switch self {
        case .always: true
        case .never: false
        case .auto: isatty(STDOUT_FILENO) != 0 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
        }
    }
}
