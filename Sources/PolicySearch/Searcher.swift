import HeapModule
import PolicyAnalysis
import PolicyIndex

/// How many hits to return and how to score them.
public struct SearchOptions: Sendable {
    /// Hits to return after skipping ``offset``; nil for all.
    public var limit: Int?
    public var offset: Int
    public var scoring: BM25
    /// Whether the result lists every document with a hit and its number of
    /// hits (``SearchResult/documentHits``), for facets, without ranking them all.
    public var collectsDocuments: Bool
    /// Whether a page (a ``limit``) shows each text once: a hit identical to
    /// one ranked above it is listed with that one (``RankedPassage/identical``),
    /// not on its own, and the result counts the distinct texts. Without a
    /// limit every hit is listed.
    public var collapsesIdentical: Bool
    /// Whether the hits are scored and ranked; without, every hit comes in
    /// index order (segment, then passage) with score 0, for callers that
    /// count and set-combine hits (a codebook) and would throw the ranking away.
    public var ranks: Bool

    public init(limit: Int? = 10, offset: Int = 0, scoring: BM25 = BM25(), collectsDocuments: Bool = false,
                collapsesIdentical: Bool = false, ranks: Bool = true) {
        self.limit = limit
        self.offset = offset
        self.scoring = scoring
        self.collectsDocuments = collectsDocuments
        self.collapsesIdentical = collapsesIdentical
        self.ranks = ranks
    }
}

/// A ranked hit: a passage, or (rarely) a run of consecutive passages of one
/// long paragraph when the query's parts occur in different pieces of it.
public struct RankedPassage: Sendable, Equatable {
    /// The segment of the index that holds the hit.
    public var segment: Int
    /// The first passage of the hit.
    public var passage: Int
    /// The last passage of the hit (the same as `passage` but for a run).
    public var lastPassage: Int
    public var score: Double
    /// The hit's place in corpus order, which breaks ties between scores.
    public var order: UInt64
    /// With ``SearchOptions/collapsesIdentical``: the other hits with the same
    /// text, in corpus order.
    public var identical: [RankedPassage] = []

    public init(segment: Int = 0, passage: Int, lastPassage: Int? = nil, score: Double, order: UInt64? = nil) {
        self.segment = segment
        self.passage = passage
        self.lastPassage = lastPassage ?? passage
        self.score = score
        self.order = order ?? UInt64(passage)
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
    /// With ``SearchOptions/collapsesIdentical`` and a limit: the number of
    /// distinct texts among all the hits (``total`` counts every passage).
    public var distinctTexts: Int?
    /// With ``SearchOptions/collectsDocuments``: every document with a hit,
    /// in corpus order within each segment, and its number of hits.
    public var documentHits: [DocumentHits] = []
    /// The matches of each part of ``highlightParts`` (in that order) in each
    /// segment, with their occurrence counts per passage: what a codebook
    /// counts occurrences with, without reading the passages.
    public var partMatches: [[PartMatches]] = []
}

/// A document with hits, and how many.
public struct DocumentHits: Sendable, Equatable {
    public var segment: Int
    public var document: Int
    public var hits: Int
}

/// Answers queries on an open index.
///
/// Every part is matched exactly (``PartMatcher``). The parts of a query must
/// occur in one passage; where a long paragraph was cut into several passages,
/// parts spread over its pieces also match, and the hit is the shortest run of
/// pieces that holds them all: so a query finds every paragraph (line) that
/// holds all its parts, as `grep` would. A chain of NEAR or SENTENCE links
/// (``ProximityMatcher``) is a clause of its own: the passages where it holds.
/// A query with an ARTICLE chain answers articles (``ArticleFinder``): every
/// clause and chain in some passage of the article, no exclusion in any, the
/// hit the article's passages. Filters (`region:贵州`) keep the hits
/// of the documents whose metadata passes. Hits are scored with ``BM25`` over the
/// passages of every segment that count (deleted documents left out), a run as
/// one passage of its pieces' summed length; ties go to corpus order. So an
/// index updated in place answers exactly as one built from scratch.
public final class Searcher {
    public let reader: IndexReader
    let analyzer: Analyzer
    private var corpusOrder: [[Int]]?
    /// By segment: the articles of its documents, found once (for ARTICLE).
    private var articleFinders: [Int: ArticleFinder] = [:]

    /// A searcher of `reader`'s index; `dictionary` (the one the index was
    /// built with) cuts queries into words for suggestions as passages were.
    public init(reader: IndexReader, dictionary: UserDictionary? = nil) throws {
        self.reader = reader
        analyzer = try Analyzer(dictionary: dictionary)
    }

    /// The only segment of a fresh index (the first of an updated one).
    public var segment: Segment { reader.segments[0] }

    /// Normalizes a query part the way passages were.
    public func normalize(_ part: Query.Part) -> [UInt32] {
        analyzer.normalizer.normalize(part.text).scalars
    }

    /// The passages of one segment where one part occurs (deleted ones left
    /// out); `decoded` keeps the lists decoded whole, for a proximity chain.
    func matches(_ normalized: [UInt32], in segment: Int, keeping decoded: PartMatcher.DecodedLists? = nil) throws -> PartMatches {
        var found = try PartMatcher(segment: reader.segments[segment], normalizer: analyzer.normalizer, decoded: decoded)
            .matches(normalized)
        if reader.hasDeletions {
            var kept = PartMatches()
            for (passage, frequency) in zip(found.passages, found.frequencies) where reader.isLive(Int(passage), in: segment) {
                kept.passages.append(passage)
                kept.frequencies.append(frequency)
            }
            found = kept
        }
        return found
    }

    public func search(_ query: Query, options: SearchOptions = SearchOptions()) throws -> SearchResult {
        let segmentCount = reader.segments.count
        // Each distinct part's matches in every segment, and its passage frequency.
        var cache: [[UInt32]: [PartMatches]] = [:]
        // With chains to place, the pairs' lists decoded for matching, kept for placing.
        let decoded = query.proximities.contains { !$0.isArticle } ? (0..<segmentCount).map { _ in PartMatcher.DecodedLists() } : nil
        func matches(_ part: Query.Part) throws -> ([UInt32], [PartMatches]) {
            let normalized = normalize(part)
            guard !normalized.isEmpty else {
                throw QueryError(query: query.description, problem: "the part \"\(part.text)\" has nothing to search for once normalized")
            }
            if let known = cache[normalized] { return (normalized, known) }
            let found = try (0..<segmentCount).map { try self.matches(normalized, in: $0, keeping: decoded?[$0]) }
            cache[normalized] = found
            return (normalized, found)
        }
        var scored: [(normalized: [UInt32], matches: [PartMatches])] = []
        // The passages of each segment where one of a clause's alternatives occurs.
        func unions(of clause: [Query.Part]) throws -> [[Int32]] {
            var unions = [[Int32]](repeating: [], count: segmentCount)
            for part in clause {
                let (normalized, found) = try matches(part)
                if !scored.contains(where: { $0.normalized == normalized }) { scored.append((normalized, found)) }
                for s in 0..<segmentCount {
                    unions[s] = unions[s].isEmpty ? found[s].passages : Self.union(unions[s], found[s].passages)
                }
            }
            return unions
        }
        var clausesBySegment = [[[Int32]]](repeating: [], count: segmentCount)
        for clause in query.required {
            let unions = try unions(of: clause)
            for s in 0..<segmentCount { clausesBySegment[s].append(unions[s]) }
        }
        // Each chain's operands: their passages by segment, and their alternatives normalized.
        let chains = try query.proximities.map { chain in
            (chain: chain, passages: try chain.operands.map(unions), parts: chain.operands.map { $0.map(normalize) })
        }
        let excluded = try query.excluded.map { try matches($0).1 }
        let weights = scored.map { part in
            options.scoring.idf(documentFrequency: part.matches.reduce(0) { $0 + $1.count }, passageCount: reader.passageCount)
        }

        // Documents that pass the filters, per segment (nil: no filters).
        let admitted = try reader.documents(passing: query.filters)

        var all: [RankedPassage] = []
        var documents = 0
        var documentHits: [DocumentHits] = []
        for s in 0..<segmentCount {
            let segment = reader.segments[s]
            var clauses = clausesBySegment[s]
            for chain in chains {
                let operands = chain.passages.map { $0[s] }
                if chain.chain.isArticle {
                    // Every operand in one article: clauses of the article.
                    clauses += operands
                    continue
                }
                // The passages that hold every operand (of admitted documents), then the chain's links checked.
                var candidates = operands.min { $0.count < $1.count }!
                for operand in operands { candidates = PartMatcher.intersection(candidates, operand) }
                if let admitted { candidates = candidates.filter { admitted[s].contains(segment.document(ofPassage: Int($0))) } }
                clauses.append(try ProximityMatcher(segment: segment, normalizer: analyzer.normalizer, decoded: decoded?[s])
                    .passages(linking: chain.parts, by: chain.chain.links, among: candidates))
            }
            clauses.sort { $0.count < $1.count }
            // A single clause's passages are the hits; several clauses meet in
            // passages, or in runs of a cut paragraph's pieces.
            var simple = clauses[0]
            for clause in clauses.dropFirst() { simple = PartMatcher.intersection(simple, clause) }
            var hits = simple.map { (Int($0), Int($0)) }
            if query.isByArticle {
                let finder = articleFinders[s] ?? ArticleFinder(segment: segment)
                articleFinders[s] = finder
                hits = try finder.articles(holding: clauses)
            } else if clauses.count > 1 {
                hits += runs(in: segment, spanning: clauses, exceptParagraphsOf: simple)
                hits.sort { $0.0 < $1.0 }
            }
            if let admitted {
                hits = hits.filter { admitted[s].contains(segment.document(ofPassage: $0.0)) }
            }
            for part in excluded where !hits.isEmpty {
                let passages = part[s].passages
                var cursor = 0
                hits = hits.filter { hit in
                    while cursor < passages.count, Int(passages[cursor]) < hit.0 { cursor += 1 }
                    return !(cursor < passages.count && Int(passages[cursor]) <= hit.1)
                }
            }
            let scores = options.ranks ? score(hits, in: segment, parts: scored.map { $0.matches[s] }, weights: weights, with: options.scoring)
                : [Double](repeating: 0, count: hits.count)
            let order = options.ranks ? try orderKeys(hits, in: s) : [UInt64](repeating: 0, count: hits.count)
            for (index, hit) in hits.enumerated() {
                all.append(RankedPassage(segment: s, passage: hit.0, lastPassage: hit.1, score: scores[index], order: order[index]))
            }
            documents += countDocuments(hits, in: segment)
            if options.collectsDocuments { documentHits += Self.documentHits(hits, in: segment, number: s) }
        }

        // offset + limit saturates: a page past the end is simply empty.
        let wanted = options.limit.map { limit in
            let (sum, overflow) = options.offset.addingReportingOverflow(limit)
            return overflow ? all.count : min(sum, all.count)
        } ?? all.count
        if options.collapsesIdentical, let limit = options.limit {
            let (page, distinct) = try collapsedPage(all, offset: options.offset, limit: limit, countsDistinct: true)
            return SearchResult(query: query, total: all.count, documents: documents, ranked: page, offset: options.offset,
                                highlightParts: scored.map(\.normalized), distinctTexts: distinct, documentHits: documentHits,
                                partMatches: scored.map(\.matches))
        }
        let ranked = options.ranks ? Self.top(wanted, all) : Array(all.prefix(wanted))
        return SearchResult(query: query, total: all.count, documents: documents,
                            ranked: Array(ranked.dropFirst(options.offset).prefix(options.limit ?? .max)), offset: options.offset,
                            highlightParts: scored.map(\.normalized), documentHits: documentHits, partMatches: scored.map(\.matches))
    }

    /// Keys that order hits as the passages of an index built from scratch:
    /// passage numbers in a single segment; else document rank by path, then
    /// the passage's place in its document.
    private func orderKeys(_ hits: [(Int, Int)], in segment: Int) throws -> [UInt64] {
        guard reader.segments.count > 1 else { return hits.map { UInt64($0.0) } }
        if corpusOrder == nil { corpusOrder = try reader.corpusOrder() }
        let ranks = corpusOrder![segment]
        let store = reader.segments[segment]
        return hits.map { hit in
            let document = store.document(ofPassage: hit.0)
            let first = store.passages(ofDocument: document).lowerBound
            return UInt64(max(0, ranks[document])) << 32 | UInt64(hit.0 - first)
        }
    }

    /// BM25 of each hit (sorted, not overlapping): the sum over the scored parts.
    private func score(_ hits: [(Int, Int)], in segment: Segment, parts: [PartMatches], weights: [Double],
                       with scoring: BM25) -> [Double] {
        let averageLength = reader.averageLength
        var scores = [Double](repeating: 0, count: hits.count)
        for (part, idf) in zip(parts, weights) {
            let passages = part.passages
            let frequencies = part.frequencies
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
    private func runs(in segment: Segment, spanning clauses: [[Int32]], exceptParagraphsOf simple: [Int32]) -> [(Int, Int)] {
        // Paragraph heads where each clause occurs in a piece of a cut paragraph
        // (the pieces of cut lines are few: walk them, not the clauses).
        let cut = segment.cutLinePassages
        guard !cut.isEmpty else { return [] }
        var common: Set<Int>?
        for clause in clauses {
            var heads = Set<Int>()
            for passage in PartMatcher.intersection(cut, clause) { heads.insert(segment.paragraph(of: Int(passage)).lowerBound) }
            common = common.map { $0.intersection(heads) } ?? heads
            if common!.isEmpty { return [] }
        }
        for passage in PartMatcher.intersection(cut, simple) { common!.remove(segment.paragraph(of: Int(passage)).lowerBound) }
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

    /// The documents of sorted hits of one segment, each with its number of hits.
    private static func documentHits(_ hits: [(Int, Int)], in segment: Segment, number: Int) -> [DocumentHits] {
        var result: [DocumentHits] = []
        var end = -1
        var document = 0
        for hit in hits {
            if hit.0 >= end {
                document = segment.document(ofPassage: hit.0, from: document)
                end = segment.passages(ofDocument: document).upperBound
                result.append(DocumentHits(segment: number, document: document, hits: 0))
            }
            result[result.count - 1].hits += 1
        }
        return result
    }

    /// The number of distinct documents of sorted hits.
    private func countDocuments(_ hits: [(Int, Int)], in segment: Segment) -> Int {
        var count = 0
        var end = -1
        var document = 0
        for hit in hits where hit.0 >= end {
            count += 1
            document = segment.document(ofPassage: hit.0, from: document)
            end = segment.passages(ofDocument: document).upperBound
        }
        return count
    }

    /// The best `k`, by score and then corpus order.
    static func top(_ k: Int, _ hits: [RankedPassage]) -> [RankedPassage] {
        func better(_ a: RankedPassage, _ b: RankedPassage) -> Bool {
            a.score != b.score ? a.score > b.score : a.order < b.order
        }
        if k >= hits.count / 2 { return hits.sorted(by: better) }
        guard k > 0 else { return [] }
        // A bounded min-heap of the best k seen so far (its minimum is the worst kept).
        struct Entry: Comparable {
            var hit: RankedPassage
            static func < (a: Entry, b: Entry) -> Bool {
                a.hit.score != b.hit.score ? a.hit.score < b.hit.score : a.hit.order > b.hit.order
            }
        }
        var heap = Heap<Entry>()
        for hit in hits {
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

    static func contains(_ sorted: [Int32], _ value: Int32) -> Bool {
        PartMatcher.contains(sorted, sorted.indices, value)
    }
}
