import PolicyIndex

extension IndexReader {
    /// The documents of each segment whose metadata passes every filter, or nil
    /// when there are no filters (every document passes). Deleted documents are
    /// not taken out: the caller skips them as it skips their passages.
    public func documents(passing filters: [Query.Filter]) throws -> [Set<Int>]? {
        guard !filters.isEmpty else { return nil }
        return try segments.map { segment in
            try Set((0..<segment.documentCount).filter { number in
                let document = try segment.document(number, withSections: false)
                return filters.allSatisfy { $0.admits(title: document.title, fields: document.fields) }
            })
        }
    }
}
