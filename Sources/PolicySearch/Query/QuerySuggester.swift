import PolicyAnalysis

/// Proposes a looser query when a query finds nothing.
public enum QuerySuggester {
    /// The first looser form of `query` that finds something, with its number of
    /// passages: its chains' operands anywhere (`A NEAR/5 B` → `A B`); its
    /// parts cut into ICU words; then without its exclusions; then any of its parts.
    public static func looser(than query: Query, using searcher: Searcher) throws -> (query: Query, total: Int)? {
        var candidates: [Query] = []
        // 0. Without proximity: the chains' operands as clauses of their own,
        // and the looser forms below of that.
        let original = query
        let query = original.proximities.isEmpty ? original
            : Query(required: original.required + original.proximities.flatMap(\.operands), excluded: original.excluded,
                    filters: original.filters)
        if query != original { candidates.append(query) }
        // 1. Each part cut into words: 数据交易平台 → 数据 交易 平台.
        let split = query.required.flatMap { clause -> [[Query.Part]] in
            guard clause.count == 1 else { return [clause] }
            let words = searcher.analyzer.tokens(of: clause[0].text).tokens.map(\.text)
            return words.count > 1 ? words.map { [Query.Part($0)] } : [clause]
        }
        if split != query.required { candidates.append(Query(required: split, excluded: query.excluded, filters: query.filters)) }
        // 2. Without exclusions.
        if !query.excluded.isEmpty { candidates.append(Query(required: query.required, filters: query.filters)) }
        // 3. Any part.
        let all = query.required.flatMap { $0 }
        if query.required.count > 1 { candidates.append(Query(required: [all], filters: query.filters)) }
        if split.count > 1 { candidates.append(Query(required: [split.flatMap { $0 }], filters: query.filters)) }
        // Last, without the filters.
        if !query.filters.isEmpty { candidates.append(Query(required: query.required, excluded: query.excluded)) }
        for candidate in candidates {
            let result = try searcher.search(candidate, options: SearchOptions(limit: 0))
            if result.total > 0 { return (candidate, result.total) }
        }
        return nil
    }
}
