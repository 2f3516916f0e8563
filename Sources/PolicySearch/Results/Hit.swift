import PolicyAnalysis
import PolicyIndex

/// A hit ready to show: the passage, its document, its score and where the
/// query's parts are in its text.
public struct Hit: Sendable {
    /// 1 for the best hit.
    public var rank: Int
    public var score: Double
    public var passage: StoredPassage
    public var document: DocumentEntry
    /// Ranges of Unicode scalars of `passage.text` where a part matched, in order,
    /// not overlapping.
    public var highlights: [Range<Int>]

    /// The original strings that matched, each once, in order of appearance
    /// (they can differ from the query: `數據交易` for `数据交易`).
    public var matchedStrings: [String] {
        let scalars = Array(passage.text.unicodeScalars)
        var seen = Set<String>()
        return highlights.map { String(String.UnicodeScalarView(scalars[$0])) }.filter { seen.insert($0).inserted }
    }
}

/// Turns ranked passages into hits, reading stored passages and documents
/// (each document decoded once).
public final class HitLoader {
    private let searcher: Searcher
    private var documents: [Int: DocumentEntry] = [:]

    public init(searcher: Searcher) {
        self.searcher = searcher
    }

    public func hit(_ ranked: RankedPassage, rank: Int, highlighting parts: [[UInt32]]) throws -> Hit {
        let segment = searcher.segment
        let passage = try segment.passage(ranked.passage)
        let document: DocumentEntry
        if let known = documents[passage.document] {
            document = known
        } else {
            document = try segment.document(passage.document)
            documents[passage.document] = document
        }
        let highlights = Highlighter.ranges(of: parts, in: searcher.normalizeText(passage.text))
        return Hit(rank: rank, score: ranked.score, passage: passage, document: document, highlights: highlights)
    }

    /// The hits of a result, loaded one by one as the sequence is walked.
    public func hits(of result: SearchResult) -> some Sequence<Result<Hit, Error>> {
        result.ranked.enumerated().lazy.map { index, ranked in
            Result { try self.hit(ranked, rank: result.offset + index + 1, highlighting: result.highlightParts) }
        }
    }
}

extension Searcher {
    /// Normalizes a stored text, keeping the way back to its characters.
    public func normalizeText(_ text: String) -> NormalizedText {
        analyzer.normalizer.normalize(text)
    }
}
