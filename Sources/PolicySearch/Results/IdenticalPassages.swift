import PolicyIndex

/// Identical passages collapsed in a ranked page: the same text under two
/// file names, a table cell repeated down a standard, a boilerplate clause in
/// every plan. The first occurrence stands; the others are listed with it.
///
/// Two hits with the same text have the same score (BM25 depends on the text
/// alone), so twins are looked for among hits of equal score only, by the
/// fingerprints of their stored texts (``Segment/forEachFingerprint(ofPassages:_:)``),
/// and a page's twins are confirmed by comparing the texts themselves.
extension Searcher {
    /// The page `offset ..< offset + limit` of `all`'s ranking with identical
    /// texts collapsed: each hit of the page is the best-ranked of its text,
    /// carrying every other hit of the same text (``RankedPassage/identical``);
    /// and, when `countsDistinct`, the number of distinct texts among all the
    /// hits (by fingerprint: two different texts count as one with a chance
    /// of about one in 2⁶⁴).
    func collapsedPage(_ all: [RankedPassage], offset: Int, limit: Int,
                       countsDistinct: Bool) throws -> (page: [RankedPassage], distinct: Int?) {
        var prints = Fingerprints(searcher: self)
        let (end, overflow) = offset.addingReportingOverflow(limit)
        let wanted = overflow ? all.count : min(all.count, end)
        // Rank a few more than the page, and more again while twins eat into it.
        var heads: [RankedPassage] = []
        var depth = min(all.count, max(2 * wanted, wanted + 16))
        while true {
            let candidates = Self.top(depth, all)
            try prints.load(candidates)
            heads = []
            var seen = Set<TextKey>()
            for hit in candidates where seen.insert(prints.key(hit)).inserted {
                heads.append(hit)
                if heads.count == wanted { break }
            }
            if heads.count >= wanted || depth >= all.count { break }
            depth = min(all.count, depth * 2)
        }
        // Every twin of each head of the page, wherever it ranks.
        var page = Array(heads.dropFirst(offset).prefix(limit))
        let scores = Set(page.map(\.score))
        let sameScore = all.filter { scores.contains($0.score) }
        try prints.load(sameScore)
        var texts = TextCache(searcher: self)
        for i in page.indices {
            let head = page[i], key = prints.key(head)
            var twins: [RankedPassage] = []
            for hit in sameScore where prints.key(hit) == key && (hit.segment, hit.passage) != (head.segment, head.passage) {
                if try texts.text(of: hit) == texts.text(of: head) { twins.append(hit) }
            }
            page[i].identical = twins.sorted { $0.order < $1.order }
        }
        return (page, countsDistinct ? try distinctTexts(all, &prints) : nil)
    }

    /// The number of distinct texts among `hits` (in segment and passage
    /// order, as a search collects them): a hit whose score and length no
    /// other shares is distinct; among those that share both, the
    /// fingerprints decide. Arrays, not dictionaries, on the way: a query
    /// such as 的 has a quarter of a million hits.
    private func distinctTexts(_ hits: [RankedPassage], _ prints: inout Fingerprints) throws -> Int {
        // With every fingerprint in memory (a server), one set of them.
        if prints.hasTables {
            var keys = Set<TextKey>(minimumCapacity: hits.count)
            for hit in hits { keys.insert(prints.key(hit)) }
            return keys.count
        }
        struct Shape: Hashable { var score: Double; var length: Int; var pieces: Int }
        var shapes = [Shape]()
        shapes.reserveCapacity(hits.count)
        for hit in hits {
            let segment = reader.segments[hit.segment]
            var length = segment.length(ofPassage: hit.passage)
            if hit.lastPassage > hit.passage {
                for piece in (hit.passage + 1)...hit.lastPassage { length += segment.length(ofPassage: piece) }
            }
            shapes.append(Shape(score: hit.score, length: length, pieces: hit.lastPassage - hit.passage))
        }
        var counts: [Shape: Int] = [:]
        for shape in shapes { counts[shape, default: 0] += 1 }
        var distinct = 0
        var shared: [Int] = []  // indices of hits whose shape others share
        for (i, shape) in shapes.enumerated() {
            if counts[shape] == 1 { distinct += 1 } else { shared.append(i) }
        }
        guard !shared.isEmpty else { return distinct }
        // Single passages by segment, in order, fingerprinted in one pass;
        // the rare runs of pieces through the loader.
        var keys = Set<TextKey>()
        var runs: [RankedPassage] = []
        var start = 0
        while start < shared.count {
            let segment = hits[shared[start]].segment
            var end = start
            var passages: [Int] = []
            var owners: [Int] = []
            while end < shared.count, hits[shared[end]].segment == segment {
                let hit = hits[shared[end]]
                if hit.lastPassage == hit.passage { passages.append(hit.passage); owners.append(shared[end]) } else { runs.append(hit) }
                end += 1
            }
            var k = 0
            try reader.segments[segment].forEachFingerprint(ofPassages: passages) { _, fingerprint in
                keys.insert(TextKey(score: hits[owners[k]].score, fingerprint: fingerprint))
                k += 1
            }
            start = end
        }
        if !runs.isEmpty {
            try prints.load(runs)
            for run in runs { keys.insert(prints.key(run)) }
        }
        return distinct + keys.count
    }
}

/// What identical texts share: the score and the text's fingerprint.
private struct TextKey: Hashable {
    var score: Double
    var fingerprint: UInt64
}

/// The fingerprints of hits' texts, each passage's read once.
private struct Fingerprints {
    let searcher: Searcher
    /// By segment << 40 | passage.
    private var known: [Int: UInt64] = [:]
    /// Every segment's table, when all are in memory (a server): no reads, no
    /// dictionary (empty otherwise).
    private let tables: [[UInt64]]
    let hasTables: Bool

    init(searcher: Searcher) {
        self.searcher = searcher
        let tables = searcher.reader.segments.map(\.fingerprintTable)
        hasTables = tables.allSatisfy { $0 != nil }
        self.tables = hasTables ? tables.map { $0! } : []
    }

    /// A run's fingerprint: its pieces' combined in order.
    static func combine(_ combined: UInt64, _ next: UInt64) -> UInt64 { (combined ^ next) &* 0x0000_0100_0000_01B3 }

    private func fingerprint(_ segment: Int, _ passage: Int) -> UInt64 {
        hasTables ? tables[segment][passage] : known[Self.place(segment, passage)] ?? 0
    }

    private static func place(_ segment: Int, _ passage: Int) -> Int { segment << 40 | passage }

    /// Reads the fingerprints of the passages of `hits` not yet known, segment by segment in order.
    mutating func load(_ hits: [RankedPassage]) throws {
        guard !hasTables else { return }
        var wanted: [Int: Set<Int>] = [:]
        for hit in hits {
            for passage in hit.passage...hit.lastPassage where known[Self.place(hit.segment, passage)] == nil {
                wanted[hit.segment, default: []].insert(passage)
            }
        }
        for (segment, passages) in wanted {
            try searcher.reader.segments[segment].forEachFingerprint(ofPassages: passages.sorted()) { passage, fingerprint in
                known[Self.place(segment, passage)] = fingerprint
            }
        }
    }

    /// A loaded hit's key: its score and its pieces' fingerprints combined.
    func key(_ hit: RankedPassage) -> TextKey {
        var combined = fingerprint(hit.segment, hit.passage)
        if hit.lastPassage > hit.passage {
            for passage in (hit.passage + 1)...hit.lastPassage {
                combined = Self.combine(combined, fingerprint(hit.segment, passage))
            }
        }
        return TextKey(score: hit.score, fingerprint: combined)
    }
}

/// Texts of hits, read once.
private struct TextCache {
    let searcher: Searcher
    private var known: [[Int]: String] = [:]

    init(searcher: Searcher) { self.searcher = searcher }

    /// A hit's text: its passage, or its run of pieces joined.
    mutating func text(of hit: RankedPassage) throws -> String {
        let key = [hit.segment, hit.passage, hit.lastPassage]
        if let text = known[key] { return text }
        let segment = searcher.reader.segments[hit.segment]
        var text = try segment.text(ofPassage: hit.passage)
        if hit.lastPassage > hit.passage {
            for next in (hit.passage + 1)...hit.lastPassage { text = HitLoader.join(text, try segment.text(ofPassage: next)) }
        }
        known[key] = text
        return text
    }
}
