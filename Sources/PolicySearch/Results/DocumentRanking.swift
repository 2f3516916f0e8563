import PolicyIndex

/// The documents of a ranking, one row each, as 北大法宝 lists results: in the
/// order of each document's best hit, with its number of hits and its best
/// few, so that a document with many hits is one row, not a page of them.
public struct DocumentRanking: Sendable {
    /// A document with hits.
    public struct Row: Sendable, Equatable {
        public var segment: Int
        public var document: Int
        /// Its hits among the ranking's.
        public var hitCount: Int
        /// Indices into the ranking of its best hits, best first.
        public var best: [Int]
    }

    /// The documents, best first.
    public var rows: [Row]

    /// Groups `result.ranked` (every hit, ranked: a search without a limit)
    /// by document, keeping `bestPerDocument` hits of each.
    public init(_ result: SearchResult, reader: IndexReader, bestPerDocument: Int = 3) {
        var place: [Int: Int] = [:]  // segment << 32 | document → row
        rows = []
        for (i, hit) in result.ranked.enumerated() {
            let document = reader.segments[hit.segment].document(ofPassage: hit.passage)
            let key = hit.segment << 32 | document
            if let row = place[key] {
                rows[row].hitCount += 1
                if rows[row].best.count < bestPerDocument { rows[row].best.append(i) }
            } else {
                place[key] = rows.count
                rows.append(Row(segment: hit.segment, document: document, hitCount: 1, best: [i]))
            }
        }
    }
}
