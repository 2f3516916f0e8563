import PolicyAnalysis
import PolicyIndex

/// A hit ready to show: the passage, its document, its score and where the
/// query's parts are in its text.
public struct Hit: Sendable {
    /// 1 for the best hit.
    public var rank: Int
    public var score: Double
    /// The passage; for a run of pieces of one paragraph, the first piece with
    /// the text of the whole run.
    public var passage: StoredPassage
    /// The number of the last passage of the hit (`passage.number` but for a run).
    public var lastPassage: Int
    /// The line of the last passage: `passage.line` but for an article (`A ARTICLE B`).
    public var endLine: Int
    public var document: DocumentEntry
    /// Ranges of Unicode scalars of `passage.text` where a part matched, in order,
    /// not overlapping.
    public var highlights: [Range<Int>]

    /// The page of a paged document (PDF) that the passage starts on, else nil.
    public var page: Int? { document.page(ofLine: passage.line) }

    /// The original strings that matched, each once, in order of appearance
    /// (they can differ from the query: `數據交易` for `数据交易`).
    public var matchedStrings: [String] {
        let scalars = Array(passage.text.unicodeScalars)
        var seen = Set<String>()
        return highlights.map { String(String.UnicodeScalarView(scalars[$0])) }.filter { seen.insert($0).inserted }
    }
}

extension Searcher {
    /// Normalizes a stored text, keeping the way back to its characters.
    public func normalizeText(_ text: String) -> NormalizedText {
        analyzer.normalizer.normalize(text)
    }

    /// `hit` with its highlights widened to the whole words they touch, as the
    /// segmenter of this searcher (ICU under its dictionary) cuts the passage.
    public func widenedToWords(_ hit: Hit) -> Hit {
        var widened = hit
        let words = analyzer.tokens(of: hit.passage.text).tokens.map(\.sourceRange)
        widened.highlights = Highlighter.widened(hit.highlights, toWords: words)
        return widened
    }
}
