import HeapModule
import PolicyAnalysis
import PolicyIndex

/// How many hits to return and how to score them.
public struct SearchOptions: Sendable {
    /// Hits to return after skipping ``offset``; nil for all.
    public var limit: Int?
    public var offset: Int
    public var scoring: BM25

    public init(limit: Int? = 10, offset: Int = 0, scoring: BM25 = BM25()) {
        self.limit = limit
        self.offset = offset
        self.scoring = scoring
    }
}

/// A ranked passage: its number and score, and how often each scored part occurs.
public struct RankedPassage: Sendable, Equatable {
    public var passage: Int
    public var score: Double
}

/// The answer to a query: the exact number of matching passages and the ranked
/// slice that was asked for.
public struct SearchResult: Sendable {
    public var query: Query
    /// Every matching passage, counted exactly.
    public var total: Int
    /// The number of documents those passages are in.
    public var documents: Int
    /// The hits asked for, best first, ranks counting from `offset + 1`.
    public var ranked: [RankedPassage]
    public var offset: Int
    /// The normalized parts that are highlighted in snippets.
    public var highlightParts: [[UInt32]]
}

/// Answers queries on an open index: exact matching of every part, BM25
/// scores, and the top hits (ties broken by corpus order).
public final class Searcher {
    public let reader: IndexReader
    let analyzer: Analyzer

    public init(reader: IndexReader) throws {
        self.reader = reader
        analyzer = try Analyzer()
    }

    public var segment: Segment { reader.segment }

    /// Normalizes a query part the way passages were.
    public func normalize(_ part: Query.Part) -> [UInt32] {
        analyzer.normalizer.normalize(part.text).scalars
    }

    /// The passages where one part occurs.
    public func matches(of part: Query.Part) throws -> PartMatches {
        try PartMatcher(segment: segment).matches(normalize(part))
    }

    public func search(_ query: Query, options: SearchOptions = SearchOptions()) throws -> SearchResult {
        let matcher = PartMatcher(segment: segment)
        let passageCount = segment.passageCount
        let averageLength = segment.averageLength
        let scoring = options.scoring

        // Score per scored part, keyed by the normalized text so that parts that
        // normalize alike count once.
        var partMatches: [[UInt32]: PartMatches] = [:]
        func matches(_ part: Query.Part) throws -> PartMatches {
            let normalized = normalize(part)
            if let known = partMatches[normalized] { return known }
            guard !normalized.isEmpty else {
                throw QueryError(query: query.description, problem: "the part \"\(part.text)\" has nothing to search for once normalized")
            }
            let found = try matcher.matches(normalized)
            partMatches[normalized] = found
            return found
        }

        // Each required clause: the union of its alternatives, with their scores summed.
        var clauses: [(passages: [Int32], scores: [Double])] = []
        var scoredNormalized = Set<[UInt32]>()
        for clause in query.required {
            var combined: [Int32: Double] = [:]
            var single: (passages: [Int32], scores: [Double])?
            for part in clause {
                let found = try matches(part)
                let normalized = normalize(part)
                let alreadyScored = !scoredNormalized.insert(normalized).inserted
                let idf = scoring.idf(documentFrequency: found.count, passageCount: passageCount)
                var partScores: [Double] = []
                partScores.reserveCapacity(found.count)
                for (passage, tf) in zip(found.passages, found.frequencies) {
                    partScores.append(alreadyScored ? 0 : scoring.score(
                        termFrequency: Int(tf), passageLength: segment.length(ofPassage: Int(passage)),
                        averageLength: averageLength, idf: idf))
                }
                if clause.count == 1 {
                    single = (found.passages, partScores)
                } else {
                    for (passage, score) in zip(found.passages, partScores) { combined[passage, default: 0] += score }
                }
            }
            if let single {
                clauses.append(single)
            } else {
                let passages = combined.keys.sorted()
                clauses.append((passages, passages.map { combined[$0]! }))
            }
        }
        clauses.sort { $0.passages.count < $1.passages.count }

        // Intersect the clauses, starting from the smallest.
        var passages = clauses[0].passages
        var scores = clauses[0].scores
        for clause in clauses.dropFirst() {
            var keptPassages: [Int32] = []
            var keptScores: [Double] = []
            var j = 0
            for (i, passage) in passages.enumerated() {
                while j < clause.passages.count, clause.passages[j] < passage { j += 1 }
                if j < clause.passages.count, clause.passages[j] == passage {
                    keptPassages.append(passage)
                    keptScores.append(scores[i] + clause.scores[j])
                }
            }
            passages = keptPassages
            scores = keptScores
        }
        // Remove the excluded.
        for part in query.excluded where !passages.isEmpty {
            let excluded = try matches(part).passages
            var keptPassages: [Int32] = []
            var keptScores: [Double] = []
            var j = 0
            for (i, passage) in passages.enumerated() {
                while j < excluded.count, excluded[j] < passage { j += 1 }
                if j < excluded.count, excluded[j] == passage { continue }
                keptPassages.append(passage)
                keptScores.append(scores[i])
            }
            passages = keptPassages
            scores = keptScores
        }

        let wanted = options.limit.map { options.offset + $0 } ?? passages.count
        let ranked = Self.top(wanted, passages: passages, scores: scores)
        return SearchResult(query: query, total: passages.count, documents: countDocuments(passages), ranked: Array(ranked.dropFirst(options.offset)),
                            offset: options.offset, highlightParts: query.scoredParts.map(normalize))
    }

    /// The number of distinct documents of sorted passages.
    private func countDocuments(_ passages: [Int32]) -> Int {
        var count = 0
        var end = -1
        for passage in passages where Int(passage) >= end {
            count += 1
            end = segment.passages(ofDocument: segment.document(ofPassage: Int(passage))).upperBound
        }
        return count
    }

    /// The best `k`, by score and then corpus order.
    static func top(_ k: Int, passages: [Int32], scores: [Double]) -> [RankedPassage] {
        func better(_ a: RankedPassage, _ b: RankedPassage) -> Bool {
            a.score != b.score ? a.score > b.score : a.passage < b.passage
        }
        if k >= passages.count / 2 {
            return zip(passages, scores).map { RankedPassage(passage: Int($0), score: $1) }.sorted(by: better)
        }
        guard k > 0 else { return [] }
        // A bounded min-heap of the best k seen so far (its minimum is the worst kept).
        struct Entry: Comparable {
            var hit: RankedPassage
            static func < (a: Entry, b: Entry) -> Bool {
                a.hit.score != b.hit.score ? a.hit.score < b.hit.score : a.hit.passage > b.hit.passage
            }
        }
        var heap = Heap<Entry>()
        for (passage, score) in zip(passages, scores) {
            let entry = Entry(hit: RankedPassage(passage: Int(passage), score: score))
            if heap.count < k {
                heap.insert(entry)
            } else if heap.min! < entry {
                _ = heap.replaceMin(with: entry)
            }
        }
        return heap.unordered.map(\.hit).sorted(by: better)
    }
}
