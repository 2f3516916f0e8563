import PolicyAnalysis
import PolicyIndex

extension SearchIndex {
    /// A page of hits of `query`, with exact totals; when nothing matches, a
    /// looser query that finds something.
    public func search(_ query: Query, _ options: HitOptions = HitOptions()) throws -> SearchPage {
        try withSearcher { searcher in
            let result = try searcher.search(query, options: options.search)
            var hits: [Hit] = []
            hits.reserveCapacity(result.ranked.count)
            for hit in HitLoader(searcher: searcher).hits(of: result) {
                let hit = try hit.get()
                hits.append(options.widensToWords ? searcher.widenedToWords(hit) : hit)
            }
            let suggestion = result.total == 0 ? try QuerySuggester.looser(than: query, using: searcher) : nil
            return SearchPage(query: query, total: result.total, documents: result.documents, offset: result.offset,
                              hits: hits, suggestion: suggestion, distinctTexts: result.distinctTexts)
        }
    }

    /// Every hit of `query` in rank order (or the slice `options` asks for),
    /// given to `body` one at a time as they are read, so that memory does not
    /// grow with their number; `totals` hears the totals (a page without its
    /// hits) before the first hit. Returns the totals.
    @discardableResult
    public func forEachHit(of query: Query, _ options: HitOptions = HitOptions(search: SearchOptions(limit: nil)),
                           totals: (SearchPage) throws -> Void = { _ in }, _ body: (Hit) throws -> Void) throws -> SearchPage {
        try withHits(of: query, options) { result, next in
            let page = SearchPage(query: query, total: result.total, documents: result.documents, offset: result.offset,
                                  hits: [], suggestion: nil)
            try totals(page)
            while let hit = try next() { try body(hit) }
            return page
        }
    }

    /// Calls `body` with the result of `query` and a source of its hits in
    /// rank order (nil after the last), read as `body` asks for them (a long
    /// list on another thread, a few batches ahead: ``HitLoader/withHits``).
    private func withHits<R>(of query: Query, _ options: HitOptions,
                             _ body: (SearchResult, _ next: () throws -> Hit?) throws -> R) throws -> R {
        try withSearcher { searcher in
            let result = try searcher.search(query, options: options.search)
            let widens = options.widensToWords
            return try HitLoader.withHits(of: result, searcher: searcher,
                                          transform: { widens ? searcher.widenedToWords($0) : $0 }) { next in
                try withoutActuallyEscaping(next) { try body(result, $0) }
            }
        }
    }

    /// The documents with hits of `query`, one row each in the order of
    /// their best hit (``DocumentRanking``): the rows `offset ..< offset +
    /// limit`, each with its number of hits and its best three, loaded; and
    /// the totals of passages and documents.
    public func documents(matching query: Query, offset: Int = 0, limit: Int = 10, scoring: BM25 = BM25())
        throws -> (total: Int, documents: Int, rows: [(document: DocumentEntry, hitCount: Int, best: [Hit])])
    {
        try withSearcher { searcher in
            let all = try searcher.search(query, options: SearchOptions(limit: nil, scoring: scoring))
            let ranking = DocumentRanking(all, reader: searcher.reader)
            let page = Array(ranking.rows.dropFirst(offset).prefix(limit))
            var part = all
            let wanted = page.flatMap(\.best).sorted()
            part.ranked = wanted.map { all.ranked[$0] }
            var loaded: [Int: Hit] = [:]
            for (i, hit) in zip(wanted, HitLoader(searcher: searcher).hits(of: part)) {
                var hit = try hit.get()
                hit.rank = i + 1
                loaded[i] = hit
            }
            let rows = try page.map { row in
                (try searcher.reader.segments[row.segment].document(row.document, withSections: false), row.hitCount,
                 row.best.compactMap { loaded[$0] })
            }
            return (all.total, all.documents, rows)
        }
    }

    /// Keyword-in-context lines of every hit of `query`, `width` characters of
    /// context on each side, in `order`.
    public func concordance(of query: Query, width: Int, order: ConcordanceLine.Order = .rank,
                            widensToWords: Bool = false) throws -> [ConcordanceLine] {
        let lines = try withConcordance(of: query, width: width, widensToWords: widensToWords) { next in
            var lines: [ConcordanceLine] = []
            while let line = try next() { lines.append(line) }
            return lines
        }
        return ConcordanceLine.sorted(lines, by: order)
    }

    /// Calls `body` with a source of the keyword-in-context lines of every
    /// hit of `query` in rank order (nil after the last), made as they are
    /// read: a file of them in rank order takes memory independent of their
    /// number.
    public func withConcordance<R>(of query: Query, width: Int, widensToWords: Bool = false,
                                   _ body: (_ next: () throws -> ConcordanceLine?) throws -> R) throws -> R {
        try withHits(of: query, HitOptions(search: SearchOptions(limit: nil), widensToWords: widensToWords)) { _, next in
            var pending: [ConcordanceLine] = []
            var position = 0
            return try withoutActuallyEscaping(next) { next in
                try body {
                    while position == pending.count {
                        guard let hit = try next() else { return nil }
                        pending = ConcordanceLine.lines(of: hit, width: width)
                        position = 0
                    }
                    position += 1
                    return pending[position - 1]
                }
            }
        }
    }

    /// Counts of `queries` by groups of documents.
    public func tally(_ queries: [Query], by grouping: Tally.Grouping, countsCopiesOnce: Bool = false) throws -> Tally {
        try withSearcher { try Tally(queries: queries, by: grouping, searcher: $0, countsCopiesOnce: countsCopiesOnce) }
    }

    /// The live documents with their metadata, by path.
    public func documents(withSections: Bool = false) throws -> [DocumentEntry] {
        let reader = self.reader
        return try reader.liveDocuments().map { try reader.segments[$0.segment].document($0.document, withSections: withSections) }
            .sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }

    /// Proposed dictionary entries from the passages of the documents that pass `filters`.
    public func terms(_ options: TermDiscoveryOptions, filters: [Query.Filter] = [],
                      excluding known: Set<String> = []) throws -> (terms: [DiscoveredTerm], documents: Int) {
        let snapshot = self.snapshot
        let text = try TermCorpus(reader: snapshot.reader, filters: filters)
        let terms = try TermDiscovery(options: options).terms(in: text, excluding: known, dictionary: snapshot.dictionary)
        return (terms, text.documentCount)
    }
}
