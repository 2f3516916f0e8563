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

/// Turns ranked passages into hits, reading stored passages and documents
/// (each document decoded once).
public final class HitLoader {
    private let searcher: Searcher
    private var documents: [Int: [Int: DocumentEntry]] = [:]
    /// Texts read ahead, in passage order, for long hit lists (per segment).
    private var texts: [Int: [Int: String]] = [:]

    public init(searcher: Searcher) {
        self.searcher = searcher
    }

    public func hit(_ ranked: RankedPassage, rank: Int, highlighting parts: [[UInt32]]) throws -> Hit {
        let segment = searcher.reader.segments[ranked.segment]
        let number = segment.document(ofPassage: ranked.passage)
        let document: DocumentEntry
        if let known = documents[ranked.segment]?[number] {
            document = known
        } else {
            document = try segment.document(number)
            documents[ranked.segment, default: [:]][number] = document
        }
        let readAhead = texts[ranked.segment]
        var passage = try segment.passage(ranked.passage, in: document, text: readAhead?[ranked.passage])
        if ranked.lastPassage > ranked.passage {
            for next in (ranked.passage + 1)...ranked.lastPassage {
                passage.text = Self.join(passage.text, try readAhead?[next] ?? segment.text(ofPassage: next))
            }
        }
        let highlights = Highlighter.ranges(of: parts, in: searcher.normalizeText(passage.text))
        return Hit(rank: rank, score: ranked.score, passage: passage, lastPassage: ranked.lastPassage,
                   document: document, highlights: highlights)
    }

    private func readAhead(_ window: ArraySlice<RankedPassage>) {
        texts = [:]
        for (segment, hits) in Dictionary(grouping: window, by: \.segment) {
            let wanted = hits.flatMap { Array($0.passage...$0.lastPassage) }
            texts[segment] = try? searcher.reader.segments[segment].texts(ofPassages: wanted)
        }
    }

    /// Joins two pieces of one line: directly, as Chinese text is written, or
    /// with a space where the cut fell between two Latin letters or digits.
    static func join(_ left: String, _ right: String) -> String {
        func isAlphanumeric(_ scalar: Unicode.Scalar?) -> Bool {
            guard let scalar, scalar.isASCII else { return false }
            return scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        }
        let spaced = isAlphanumeric(left.unicodeScalars.last) && isAlphanumeric(right.unicodeScalars.first)
        return left + (spaced ? " " : "") + right
    }

    /// Hits whose texts are read ahead at once, for long lists.
    static let readAheadWindow = 65536

    /// The hits of a result, loaded one by one as the sequence is walked. For
    /// a long list, the texts of the next ``readAheadWindow`` hits are read
    /// ahead in passage order, so that each compressed block is inflated about
    /// once per window rather than once per hit, and memory stays bounded.
    public func hits(of result: SearchResult) -> some Sequence<Result<Hit, Error>> {
        result.ranked.enumerated().lazy.map { index, ranked -> Result<Hit, Error> in
            if result.ranked.count > 64, index % Self.readAheadWindow == 0 {
                self.readAhead(result.ranked[index..<min(result.ranked.count, index + Self.readAheadWindow)])
            }
            return Result { try self.hit(ranked, rank: result.offset + index + 1, highlighting: result.highlightParts) }
        }
    }
}

extension Searcher {
    /// Normalizes a stored text, keeping the way back to its characters.
    public func normalizeText(_ text: String) -> NormalizedText {
        analyzer.normalizer.normalize(text)
    }
}
