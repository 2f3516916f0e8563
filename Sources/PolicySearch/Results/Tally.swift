import PolicyIndex

/// Counts, for each of several queries, the matching passages and documents in
/// groups of documents (by region, year, type …) and in all of them: the
/// numbers a report gives as "23 of 37 plans mention 工业大数据 (62 %)".
public struct Tally: Sendable {
    /// How documents are grouped.
    public enum Grouping: String, CaseIterable, Sendable {
        case document, region, year, type, issuer, level

        /// A document's group ("" when its metadata does not say).
        public func group(of document: DocumentEntry) -> String {
            switch self {
            case .document: document.path
            case .year: String((document.fields["date"] ?? "").prefix(4))
            default: document.fields[rawValue] ?? ""
            }
        }
    }

    /// One query's count in one group.
    public struct Cell: Sendable, Equatable {
        /// Documents of the group with at least one hit.
        public var documents = 0
        /// Hits (passages) in the group.
        public var passages = 0
    }

    /// A group of documents and each query's counts in it.
    public struct Row: Sendable, Equatable {
        public var group: String
        /// Documents in the group.
        public var documents: Int
        /// One cell per query, in the queries' order.
        public var cells: [Cell]
    }

    public var grouping: Grouping
    public var queries: [Query]
    /// Whether documents that are copies of one text
    /// (``IndexManifest/duplicateDocuments``) count once, in every count.
    public var countsCopiesOnce: Bool
    /// The groups, by name ("" last).
    public var rows: [Row]
    /// All documents.
    public var total: Row

    /// Counts `queries` over the index of `searcher`, grouped by `grouping`.
    public init(queries: [Query], by grouping: Grouping, searcher: Searcher, countsCopiesOnce: Bool = false) throws {
        self.grouping = grouping
        self.queries = queries
        self.countsCopiesOnce = countsCopiesOnce
        let reader = searcher.reader
        // A copy counts as the first document of its group of copies.
        var original: [String: String] = [:]
        if countsCopiesOnce {
            for copies in reader.manifest.duplicateDocuments ?? [] { for path in copies { original[path] = copies[0] } }
        }
        // Every live document's group and the text it counts as.
        var groupOf: [[String]] = reader.segments.map { [String](repeating: "", count: $0.documentCount) }
        var textOf: [[String]] = reader.segments.map { [String](repeating: "", count: $0.documentCount) }
        var members: [String: Set<String>] = [:]
        for (segment, document) in reader.liveDocuments() {
            let entry = try reader.segments[segment].document(document, withSections: false)
            let name = grouping == .document ? (original[entry.path] ?? entry.path) : grouping.group(of: entry)
            groupOf[segment][document] = name
            textOf[segment][document] = original[entry.path] ?? entry.path
            members[name, default: []].insert(textOf[segment][document])
        }
        let sizes = members.mapValues(\.count)
        var cells: [String: [Cell]] = sizes.mapValues { _ in [Cell](repeating: Cell(), count: queries.count) }
        var totals = [Cell](repeating: Cell(), count: queries.count)
        for (index, query) in queries.enumerated() {
            let result = try searcher.search(query, options: SearchOptions(limit: nil))
            var seen = Set<[String]>()
            var seenTotal = Set<String>()
            for hit in result.ranked {
                let segment = reader.segments[hit.segment]
                let document = segment.document(ofPassage: hit.passage)
                let name = groupOf[hit.segment][document], text = textOf[hit.segment][document]
                cells[name, default: []][index].passages += 1
                totals[index].passages += 1
                if seen.insert([name, text]).inserted { cells[name]![index].documents += 1 }
                if seenTotal.insert(text).inserted { totals[index].documents += 1 }
            }
        }
        rows = sizes.keys.sorted { ($0.isEmpty ? 1 : 0, $0) < ($1.isEmpty ? 1 : 0, $1) }.map {
            Row(group: $0, documents: sizes[$0]!, cells: cells[$0]!)
        }
        total = Row(group: "all", documents: Set(members.values.joined()).count, cells: totals)
    }
}
