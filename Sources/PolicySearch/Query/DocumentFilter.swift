import PolicyIndex

extension IndexReader {
    /// The documents of each segment whose metadata passes every filter, and
    /// that cite what each `cites:` filter names (``CitationNetwork``), or nil
    /// when there are no filters (every document passes). Deleted documents
    /// are not taken out: the caller skips them as it skips their passages.
    public func documents(passing filters: [Query.Filter]) throws -> [Set<Int>]? {
        guard !filters.isEmpty else { return nil }
        let metadata = filters.filter { !$0.isCitation }
        var admitted = try segments.map { segment in
            try Set((0..<segment.documentCount).filter { number in
                guard !metadata.isEmpty else { return true }
                let document = try segment.document(number, withSections: false)
                return metadata.allSatisfy { $0.admits(title: document.title, fields: document.fields) }
            })
        }
        for filter in filters where filter.isCitation {
            let network = try citationNetwork()
            let citing = try network.documents(citing: filter.value)
            for s in admitted.indices {
                admitted[s] = admitted[s].filter { citing.contains(Int64(s) << 32 | Int64($0)) != filter.excluded }
            }
        }
        return admitted
    }
}
