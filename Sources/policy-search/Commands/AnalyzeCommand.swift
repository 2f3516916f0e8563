import ArgumentParser
import Foundation
import PolicyAnalysis
import PolicyIndex

struct AnalyzeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Show what the engine does to a text: normalized form, ICU words with offsets, and the pairs it indexes.",
        discussion: """
            Like Elasticsearch's _analyze: the text as normalized (NFKC with case folding, \
            Traditional to Simplified, white space collapsed), its words as ICU's dictionary \
            segmentation finds them (the passage length BM25 uses), with their offsets in the \
            original text, and the character pairs that make exact matching independent of the words.

            Examples:
              policy-search analyze 大数据交易所
              policy-search analyze "數據交易 ＡＰＩ 5G" --format json
            """
    )

    @Argument(help: ArgumentHelp("The text (several arguments are joined by spaces).", valueName: "text"))
    var text: [String]

    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text

    func run() throws {
        do {
            let input = text.joined(separator: " ")
            let analyzer = try Analyzer()
            let (normalized, tokens) = analyzer.tokens(of: input)
            let scalars = normalized.scalars
            let pairs = scalars.indices.map { i in
                GramKey.text(of: GramKey.pair(scalars[i], i + 1 < scalars.count ? scalars[i + 1] : GramKey.end))
            }
            switch format {
            case .json:
                var object = JSONLine()
                object.field("text", input)
                object.field("normalized", normalized.string)
                object.field("icu", ICU.version)
                let words = tokens.map { token -> String in
                    var word = JSONLine()
                    word.field("word", token.text)
                    word.field("kind", token.kind.rawValue)
                    word.field("start", token.sourceRange.lowerBound)
                    word.field("end", token.sourceRange.upperBound)
                    return word.line
                }
                var pairsField = JSONLine()
                pairsField.field("pairs", pairs)
                print(String(object.line.dropLast()) + ",\"words\":[" + words.joined(separator: ",") + "],"
                    + String(pairsField.line.dropFirst()))
            case .text:
                print("text:        \(input)")
                print("normalized:  \(normalized.string)")
                print("words (ICU \(ICU.version), \(tokens.count)): " + tokens.map(\.text).joined(separator: " | "))
                for token in tokens {
                    let original = String(String.UnicodeScalarView(Array(input.unicodeScalars)[token.sourceRange]))
                    print("  \(token.text)\t\(token.kind.rawValue)\t[\(token.sourceRange.lowerBound), \(token.sourceRange.upperBound))\t\(original)")
                }
                print("pairs (\(pairs.count)): " + pairs.joined(separator: " "))
            }
        } catch {
            throw fail(error)
        }
    }
}
