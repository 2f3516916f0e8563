import ArgumentParser
import Foundation
import PolicySearch

struct TermsCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "terms",
        abstract: "Propose dictionary entries from the corpus: frequent strings that the segmenter cuts into several words.",
        discussion: """
            Counts every string of 2 to 6 Han characters in the indexed passages (normalized), \
            keeps those that occur at least --min-count times in --min-documents documents, drops \
            fragments of longer strings (联网 of 互联网) and phrases around function characters \
            (的, 和, 在 …), and ranks the rest by log2(1 + count) × cohesion (the lowest pointwise \
            mutual information over the ways to cut the string in two, in bits) × the smaller of \
            the entropies of the characters before and after it (bits). The strings that the \
            segmenter (ICU under the dictionaries in force) cuts into several words are listed, \
            with the cut (数据|交易|所); words of the dictionaries are not proposed again. Filters take documents as \
            in search.

            Examples:
              policy-search terms
              policy-search terms --region 贵州 --limit 50
              policy-search terms --min-count 20 --format csv > terms.csv
            """
    )

    @OptionGroup var source: SearchIndexOptions

    @OptionGroup(title: "Filters") var filters: FilterOptions

    @Option(name: [.short, .long], help: "Terms to propose.")
    var limit: Int = 100

    @Option(name: .long, help: "Occurrences a term needs.")
    var minCount: Int = TermDiscoveryOptions().minimumCount

    @Option(name: .long, help: "Documents a term needs.")
    var minDocuments: Int = TermDiscoveryOptions().minimumDocuments

    @Option(name: .long, help: "The longest terms, in characters (2...12).")
    var maxLength: Int = TermDiscoveryOptions().lengths.upperBound

    @Option(name: .long, help: ArgumentHelp("Leave out the words of this file (one a line, as a dictionary); repeatable.", valueName: "file"))
    var exclude: [String] = []

    @Option(name: .long, help: "text (an aligned table), csv (with a header) or json (one object per term and line).")
    var format: Format = .text

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, csv, json
    }

    func validate() throws {
        if limit < 0 { throw ValidationError("--limit must be 0 or more, not \(limit)") }
        if minCount < 2 { throw ValidationError("--min-count must be 2 or more, not \(minCount)") }
        if minDocuments < 1 { throw ValidationError("--min-documents must be 1 or more, not \(minDocuments)") }
        if !(2...12).contains(maxLength) { throw ValidationError("--max-length must be between 2 and 12, not \(maxLength)") }
    }

    func execute() throws {
            let known = try exclude.reduce(into: Set<String>()) { $0.formUnion(try Self.words(inFile: $1)) }
            let options = TermDiscoveryOptions(limit: limit, minimumCount: minCount, minimumDocuments: minDocuments,
                                               lengths: 2...maxLength)
            let (terms, documents) = try source.open().terms(options, filters: filters.filters, excluding: known)
            var output = BufferedOutput()
            switch format {
            case .text: if !terms.isEmpty { try output.write(TerminalText.visible(Self.table(terms))) }
            case .csv: try output.write(Self.csv(terms))
            case .json: for line in Self.jsonLines(terms) { try output.write(line) }
            }
            try output.flush()
            if terms.isEmpty {
                note("policy-search: no terms found in \(documents) documents with --min-count \(minCount) and --min-documents \(minDocuments)")
            }
    }

    /// The words of a dictionary file: the first field of each line that has one.
    static func words(inFile path: String) throws -> Set<String> {
        guard RegularFile.isReadable(path), let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read --exclude \(path)")
        }
        let lines = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline)
        return Set(lines.compactMap { $0.split(whereSeparator: \.isWhitespace).first.map(String.init) })
    }

    static func decimal(_ value: Double, _ digits: Int = 2) -> String { String(format: "%.\(digits)f", value) }

    static func table(_ terms: [DiscoveredTerm]) -> String {
        var table = AlignedTable(leftAligned: [1, 8],
                                 header: ["rank", "term", "count", "documents", "cohesion", "left H", "right H", "score", "ICU"])
        for (rank, term) in terms.enumerated() {
            table.append([String(rank + 1), term.text, String(term.count), String(term.documents), decimal(term.cohesion),
                          decimal(term.leftEntropy), decimal(term.rightEntropy), decimal(term.score, 1),
                          term.icuWords.joined(separator: "|")])
        }
        return table.text
    }

    static func csv(_ terms: [DiscoveredTerm]) -> String {
        let writer = DelimitedWriter.csv
        var text = "\u{FEFF}" + writer.line(["rank", "term", "count", "documents", "cohesion", "left_entropy", "right_entropy", "score", "icu"])
        for (rank, term) in terms.enumerated() {
            text += writer.line([String(rank + 1), term.text, String(term.count), String(term.documents), decimal(term.cohesion, 4),
                                 decimal(term.leftEntropy, 4), decimal(term.rightEntropy, 4), decimal(term.score, 4),
                                 term.icuWords.joined(separator: "|")])
        }
        return text
    }

    static func jsonLines(_ terms: [DiscoveredTerm]) -> [String] {
        terms.enumerated().map { rank, term in
            func rounded(_ value: Double) -> Double { (value * 10000).rounded() / 10000 }
            var object = JSONLine()
            object.field("rank", rank + 1)
            object.field("term", term.text)
            object.field("count", term.count)
            object.field("documents", term.documents)
            object.field("cohesion", rounded(term.cohesion))
            object.field("leftEntropy", rounded(term.leftEntropy))
            object.field("rightEntropy", rounded(term.rightEntropy))
            object.field("score", rounded(term.score))
            object.field("icu", term.icuWords)
            return object.line + "\n"
        }
    }
}
