import ArgumentParser
import Foundation
import PolicyAnalysis
import PolicyIndex
import PolicySearch

struct AnalyzeCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Show what the engine does to a text: normalized form, words with offsets and where they came from, and the pairs it indexes.",
        discussion: """
            Like Elasticsearch's _analyze: the text as normalized (NFKC with case folding, \
            Traditional to Simplified, white space collapsed), its words (the passage length BM25 \
            uses) with their offsets in the original text and their origin: ICU's dictionary \
            segmentation, or the user dictionary that overrode it (policy: the built-in policy \
            terms; else the file), and the character pairs that make exact matching independent \
            of the words. The dictionaries are those `index` would use for --corpus.

            Examples:
              policy-search analyze 大数据交易所
              policy-search analyze "數據交易 ＡＰＩ 5G" --format json
              policy-search analyze 推进放管服改革 --no-policy-dictionary
            """
    )

    @Argument(help: ArgumentHelp("The text (several arguments are joined by spaces).", valueName: "text"))
    var text: [String]

    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text

    @Option(name: .long, help: ArgumentHelp("The corpus whose dictionary.txt applies.", valueName: "dir"))
    var corpus: String = "Corpus"

    @OptionGroup(title: "Dictionaries") var dictionaries: DictionaryOptions

    func execute() throws {
        let input = text.joined(separator: " ")
        let dictionary = try dictionaries.load(corpus: corpus)
        let analyzer = try Analyzer(dictionary: dictionary)
        let (normalized, tokens) = analyzer.tokens(of: input)
        let scalars = normalized.scalars
        let pairs = scalars.withUnsafeBufferPointer { scalars in
            scalars.indices.compactMap { GramKey.term(at: $0, of: scalars).map(GramKey.text(of:)) }
        }
        switch format {
        case .json:
            var object = JSONLine()
            object.field("text", input)
            object.field("normalized", normalized.string)
            object.field("icu", ICU.version)
            object.field("dictionary", dictionary?.identity ?? "")
            object.field("dictionaries", dictionary?.sources.map(\.name) ?? [])
            let words = tokens.map { token -> String in
                var word = JSONLine()
                word.field("word", token.text)
                word.field("kind", token.kind.rawValue)
                word.field("start", token.sourceRange.lowerBound)
                word.field("end", token.sourceRange.upperBound)
                word.field("source", token.dictionary ?? "icu")
                return word.line
            }
            var pairsField = JSONLine()
            pairsField.field("pairs", pairs)
            try say(String(object.line.dropLast()) + ",\"words\":[" + words.joined(separator: ",") + "],"
                + String(pairsField.line.dropFirst()))
        case .text:
            let fromDictionary = tokens.filter { $0.dictionary != nil }.count
            try say("text:        \(input)")
            try say("normalized:  \(normalized.string)")
            try say("dictionary:  " + (dictionary.map { "\($0.summary), identity \($0.identity)" } ?? "none (ICU's words alone)"))
            try say("words (\(tokens.count), \(fromDictionary) from the dictionary, the rest ICU \(ICU.version)): "
                + tokens.map(\.text).joined(separator: " | "))
            let source = Array(input.unicodeScalars)
            for token in tokens {
                let original = String(String.UnicodeScalarView(source[token.sourceRange]))
                try say("  \(token.text)\t\(token.kind.rawValue)\t[\(token.sourceRange.lowerBound), \(token.sourceRange.upperBound))\t\(original)\t\(token.dictionary ?? "ICU")")
            }
            try say("pairs (\(pairs.count)): " + pairs.joined(separator: " "))
        }
    }
}
