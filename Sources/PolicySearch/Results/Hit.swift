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
    /// Where the other hits with the same text are, when the page collapsed
    /// them into this one (``SearchOptions/collapsesIdentical``), in corpus order.
    public var identical: [PassageLocation] = []
    /// When the hit is a heading: the section it opens (what follows it under it).
    public var opensSection: SectionOpening?

    /// The page of a paged document (PDF) that the passage starts on, else nil.
    public var page: Int? { document.page(ofLine: passage.line) }

    /// The original strings that matched, each once, in order of appearance
    /// (they can differ from the query: `數據交易` for `数据交易`).
    public var matchedStrings: [String] {
        guard !highlights.isEmpty else { return [] }
        // One walk over the text (the ranges are in order, not overlapping),
        // not an array of all its scalars: an export makes this for every hit.
        let scalars = passage.text.unicodeScalars
        var index = scalars.startIndex
        var offset = 0
        var strings: [String] = []
        var seen = Set<String>()
        for range in highlights {
            guard range.lowerBound >= offset else { continue }
            while offset < range.lowerBound, index < scalars.endIndex {
                scalars.formIndex(after: &index)
                offset += 1
            }
            let start = index
            while offset < range.upperBound, index < scalars.endIndex {
                scalars.formIndex(after: &index)
                offset += 1
            }
            let string = String(scalars[start..<index])
            if seen.insert(string).inserted { strings.append(string) }
        }
        return strings
    }
}

/// The section a heading opens: the passages under it, so that a hit on a
/// bare heading such as `（2）工业大数据标准` says what the section holds.
public struct SectionOpening: Sendable, Equatable {
    /// Passages under the heading, subsections included.
    public var passages: Int
    /// The line of the section's last passage.
    public var endLine: Int
    /// The text of its first passage.
    public var first: String
}

/// Where a passage is: its document's path in the corpus, title and line.
public struct PassageLocation: Sendable, Equatable {
    public var path: String
    public var title: String
    public var line: Int

    public init(path: String, title: String, line: Int) {
        self.path = path
        self.title = title
        self.line = line
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
