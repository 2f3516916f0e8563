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

/// A ranked hit: a passage, or (rarely) a run of consecutive passages of one
/// long paragraph when the query's parts occur in different pieces of it.
public struct RankedPassage: Sendable, Equatable {
    /// The first passage of the hit.
    public var passage: Int
    /// The last passage of the hit (the same as `passage` but for a run).
    public var lastPassage: Int
    public var score: Double

    public init(passage: Int, lastPassage: Int? = nil, score: Double) {
        self.passage = passage
        self.lastPassage = lastPassage ?? passage
        self.score = score
    }
}

/// The answer to a query: the exact number of hits and the ranked slice that
/// was asked for.
public struct SearchResult: Sendable {
    public var query: Query
    /// Every hit, counted exactly.
    public var total: Int
    /// The number of documents the hits are in.
    public var documents: Int
    /// The hits asked for, best first, ranks counting from `offset + 1`.
    public var ranked: [RankedPassage]
    public var offset: Int
    /// The normalized parts that are highlighted in snippets.
    public var highlightParts: [[UInt32]]
}

/// Answers queries on an open index.
///
/// Every part is matched exactly (``PartMatcher``). The parts of a query must
/// occur in one passage; where a long paragraph was cut into several passages,
/// parts spread over its pieces also match, and the hit is the shortest run of
/// pieces that holds them all: so a query finds every paragraph (line) that
/// holds all its parts, as `grep` would. Hits are scored with ``BM25``, a run
/// as one passage of its pieces' summed length; ties go to corpus order.
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
        var cache: [[UInt32]: PartMatches] = [:]
        func matches(_ part: Query.Part) throws -> ([UInt32], PartMatches) {
            let normalized = normalize(part)
            guard !normalized.isEmpty else {
                throw QueryError(query: query.description, problem: "the part \"\(part.text)\" has nothing to search for once normalized")
            }
            if let known = cache[normalized] { return (normalized, known) }
            let found = try matcher.matches(normalized)
            cache[normalized] = found
            return (normalized, found)
        }

        // The passages of each required clause (the union of its alternatives).
        var clauses: [[Int32]] = []
        var scored: [(normalized: [UInt32], matches: PartMatches)] = []
        for clause in query.required {
            var union: [Int32] = []
            for part in clause {
                let (normalized, found) = try matches(part)
                if !scored.contains(where: { $0.normalized == normalized }) { scored.append((normalized, found)) }
                union = union.isEmpty ? found.passages : Self.union(union, found.passages)
            }
            clauses.append(union)
        }
        clauses.sort { $0.count < $1.count }

        var hits = clauses[0].map { (Int($0), Int($0)) }
        if clauses.count > 1 {
            var simple = clauses[0]
            for clause in clauses.dropFirst() { simple = Self.intersection(simple, clause) }
            hits = simple.map { (Int($0), Int($0)) }
            hits += runs(spanning: clauses, exceptParagraphsOf: simple)
            hits.sort { $0.0 < $1.0 }
        }
        for part in query.excluded where !hits.isEmpty {
            let excluded = try matches(part).1.passages
            var cursor = 0
            hits = hits.filter { hit in
                while cursor < excluded.count, Int(excluded[cursor]) < hit.0 { cursor += 1 }
                return !(cursor < excluded.count && Int(excluded[cursor]) <= hit.1)
            }
        }

        let scores = score(hits, parts: scored, with: options.scoring)
        let wanted = options.limit.map { options.offset + $0 } ?? hits.count
        let ranked = Self.top(wanted, hits: hits, scores: scores)
        return SearchResult(query: query, total: hits.count, documents: countDocuments(hits),
                            ranked: Array(ranked.dropFirst(options.offset).prefix(options.limit ?? .max)), offset: options.offset,
                            highlightParts: scored.map(\.normalized))
    }

    /// BM25 of each hit (sorted, not overlapping): the sum over the scored parts.
    private func score(_ hits: [(Int, Int)], parts: [(normalized: [UInt32], matches: PartMatches)], with scoring: BM25) -> [Double] {
        let passageCount = segment.passageCount
        let averageLength = segment.averageLength
        var scores = [Double](repeating: 0, count: hits.count)
        for part in parts {
            let passages = part.matches.passages
            let frequencies = part.matches.frequencies
            let idf = scoring.idf(documentFrequency: passages.count, passageCount: passageCount)
            var cursor = 0
            for (index, hit) in hits.enumerated() {
                while cursor < passages.count, Int(passages[cursor]) < hit.0 { cursor += 1 }
                var tf = 0
                var k = cursor
                while k < passages.count, Int(passages[k]) <= hit.1 {
                    tf += Int(frequencies[k])
                    k += 1
                }
                guard tf > 0 else { continue }
                var length = 0
                for passage in hit.0...hit.1 { length += segment.length(ofPassage: passage) }
                scores[index] += scoring.score(termFrequency: tf, passageLength: length, averageLength: averageLength, idf: idf)
            }
        }
        return scores
    }

    /// For paragraphs cut into several passages, where every clause occurs in
    /// some piece but no single piece holds them all: the shortest run of pieces
    /// that does (the first such run).
    private func runs(spanning clauses: [[Int32]], exceptParagraphsOf simple: [Int32]) -> [(Int, Int)] {
        // Paragraph heads where each clause occurs in a piece of a cut paragraph.
        var common: Set<Int>?
        for clause in clauses {
            var heads = Set<Int>()
            for passage in clause {
                let p = Int(passage)
                if segment.continuesLine(p) || segment.continuesLine(p + 1) { heads.insert(segment.paragraph(of: p).lowerBound) }
            }
            common = common.map { $0.intersection(heads) } ?? heads
            if common!.isEmpty { return [] }
        }
        for passage in simple {
            let p = Int(passage)
            if segment.continuesLine(p) || segment.continuesLine(p + 1) { common!.remove(segment.paragraph(of: p).lowerBound) }
        }
        var result: [(Int, Int)] = []
        for head in common!.sorted() {
            let pieces = segment.paragraph(of: head)
            // Which clauses each piece holds.
            let holds = pieces.map { piece in
                clauses.map { Self.contains($0, Int32(piece)) }
            }
            var best: (Int, Int)?
            for start in holds.indices {
                var covered = [Bool](repeating: false, count: clauses.count)
                for end in start..<holds.count {
                    for (c, has) in holds[end].enumerated() where has { covered[c] = true }
                    if !covered.contains(false) {
                        if best == nil || end - start < best!.1 - best!.0 { best = (start, end) }
                        break
                    }
                }
            }
            if let best { result.append((pieces.lowerBound + best.0, pieces.lowerBound + best.1)) }
        }
        return result
    }

    /// The number of distinct documents of sorted hits.
    private func countDocuments(_ hits: [(Int, Int)]) -> Int {
        var count = 0
        var end = -1
        for hit in hits where hit.0 >= end {
            count += 1
            end = segment.passages(ofDocument: segment.document(ofPassage: hit.0)).upperBound
        }
        return count
    }

    /// The best `k`, by score and then corpus order.
    static func top(_ k: Int, hits: [(Int, Int)], scores: [Double]) -> [RankedPassage] {
        func better(_ a: RankedPassage, _ b: RankedPassage) -> Bool {
            a.score != b.score ? a.score > b.score : a.passage < b.passage
        }
        let all = zip(hits, scores).lazy.map { RankedPassage(passage: $0.0, lastPassage: $0.1, score: $1) }
        if k >= hits.count / 2 { return all.sorted(by: better) }
        guard k > 0 else { return [] }
        // A bounded min-heap of the best k seen so far (its minimum is the worst kept).
        struct Entry: Comparable {
            var hit: RankedPassage
            static func < (a: Entry, b: Entry) -> Bool {
                a.hit.score != b.hit.score ? a.hit.score < b.hit.score : a.hit.passage > b.hit.passage
            }
        }
        var heap = Heap<Entry>()
        for hit in all {
            let entry = Entry(hit: hit)
            if heap.count < k {
                heap.insert(entry)
            } else if heap.min! < entry {
                _ = heap.replaceMin(with: entry)
            }
        }
        return heap.unordered.map(\.hit).sorted(by: better)
    }

    static func union(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        var result: [Int32] = []
        result.reserveCapacity(a.count + b.count)
        var i = 0
        var j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] < b[j]) {
                result.append(a[i]); i += 1
            } else if i == a.count || b[j] < a[i] {
                result.append(b[j]); j += 1
            } else {
                result.append(a[i]); i += 1; j += 1
            }
        }
        return result
    }

    static func intersection(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        var result: [Int32] = []
        var cursor = 0
        for value in a {
            var probe = cursor
            if PartMatcher.advance(b, from: &probe, to: value) != nil { result.append(value) }
            cursor = probe
        }
        return result
    }

    static func contains(_ sorted: [Int32], _ value: Int32) -> Bool {
        PartMatcher.contains(sorted, sorted.indices, value)
    }
}
