import Foundation
import PolicyAnalysis
import PolicyIndex
import PolicySearch
import Synchronization

/// What the web app refuses, with the HTTP status to answer with and a
/// one-line message (shown in Chinese on pages, as is in the API).
public struct ServerError: Error, CustomStringConvertible, Sendable, Equatable {
    public var status: Int
    public var message: String

    public init(_ status: Int, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { message }

    static let notFound = ServerError(404, "no such document")
}

/// The limits the web app keeps to.
public struct ServerLimits: Sendable {
    /// The longest query (in characters), filters included.
    public var queryLength = 1_000
    /// The most hits a page (or an API call) returns.
    public var pageSize = 1_000
    /// Exports streaming at once.
    public var exports = 4
    /// The longest a reload check is skipped for.
    public var reloadInterval: Duration = .seconds(1)

    public init() {}
}

/// A search as the URL asks for it: the query text, the filters, the page.
struct SearchRequest: Sendable {
    static let filterFields = ["region", "year", "type", "issuer", "level"]

    var text: String
    var filters: [(field: String, value: String)]
    var offset: Int
    var limit: Int
    var byDocument: Bool

    init(_ parameters: QueryParameters, limits: ServerLimits, defaultLimit: Int) throws {
        text = parameters["q"] ?? ""
        filters = Self.filterFields.compactMap { field in
            guard let value = parameters[field]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
            return (field, value)
        }
        let limit = parameters["limit"].flatMap { Int($0) } ?? defaultLimit
        guard (1...limits.pageSize).contains(limit) else {
            throw ServerError(400, "limit must be between 1 and \(limits.pageSize)")
        }
        self.limit = limit
        if let offset = parameters["offset"] {
            guard let value = Int(offset), value >= 0 else { throw ServerError(400, "offset must be a number of hits, 0 or more") }
            self.offset = value
        } else if let page = parameters["page"] {
            guard let value = Int(page), value >= 1, value < 1_000_000 else { throw ServerError(400, "page must be a number, 1 or more") }
            self.offset = (value - 1) * limit
        } else {
            self.offset = 0
        }
        byDocument = parameters["mode"] == "documents"
        let length = text.count + filters.reduce(0) { $0 + $1.value.count }
        guard length <= limits.queryLength else {
            throw ServerError(400, "the query is longer than \(limits.queryLength) characters")
        }
    }

    var isEmpty: Bool { text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty && filters.isEmpty }

    /// The filters of the URL. Each is a facet's value, so it asks for the
    /// whole field, as the facet counted it.
    func urlFilters() throws -> [Query.Filter] {
        try filters.map { field, value in
            let filter = Query.Filter(field: field, value: value, isWhole: true)
            if field == "year", filter.years == nil {
                throw ServerError(400, "year \(value) is not a year or a range of years such as 2016..2017")
            }
            return filter
        }
    }

    /// The parsed query with the filters added (a bad one throws its one-line message).
    func query() throws -> Query {
        var query: Query
        if text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            query = Query(required: [])
        } else {
            query = try QueryParser.parse(text)
        }
        query.filters += try urlFilters()
        guard !query.scoredParts.isEmpty else { throw ServerError(400, "the query has no words to search for") }
        return query
    }
}

/// One document's hits in the by-document mode.
struct DocumentGroup: Sendable {
    var entry: CatalogEntry
    var hitCount: Int
    /// Its best hits, best first.
    var best: [Hit]
}

/// What a search page shows.
struct SearchResults: Sendable {
    var query: Query
    var total: Int
    var documents: Int
    var offset: Int
    var hits: [Hit]
    var groups: [DocumentGroup]
    var facets: FacetCounts
    var suggestion: (query: Query, total: Int)?
    /// By passage: the distinct texts among all the hits (identical ones are
    /// collapsed into the first on the page).
    var distinctTexts: Int? = nil
}

/// The paragraphs of a document, with its hits marked.
struct DocumentView: Sendable {
    struct Paragraph: Sendable {
        var line: Int
        var section: String
        var text: String
        /// Ranges of Unicode scalars that matched (empty: not a hit).
        var highlights: [Range<Int>]
        var isHit: Bool
    }

    var entry: CatalogEntry
    var document: DocumentEntry
    var paragraphs: [Paragraph]
    var file: String
    var paths: PathDisplay
    /// What the document cites, in text order.
    var cites: [CitationPassage] = []
    /// The documents that cite it, newest first.
    var citedBy: [CitingDocument] = []
}

/// The engine's answers for the web app, over one ``SearchIndex``: each call
/// works on the generation in force when it starts.
public final class SearchService: Sendable {
    public let index: SearchIndex
    public let limits: ServerLimits
    let workingFolder: String
    private let catalogs = Mutex<DocumentCatalog?>(nil)
    private let lastReload = Mutex<ContinuousClock.Instant?>(nil)
    private let runningExports = Mutex(0)

    public init(index: SearchIndex, limits: ServerLimits = ServerLimits(),
                workingFolder: String = FileManager.default.currentDirectoryPath) {
        self.index = index
        self.limits = limits
        self.workingFolder = workingFolder
    }

    /// Switches to a newly committed generation, at most once a `reloadInterval`.
    func reloadIfDue() {
        let now = ContinuousClock.now
        let due = lastReload.withLock { last -> Bool in
            if let last, now - last < limits.reloadInterval { return false }
            last = now
            return true
        }
        if due { _ = try? index.reloadIfCommitted() }
    }

    func paths(_ snapshot: IndexSnapshot) -> PathDisplay {
        PathDisplay(corpus: snapshot.reader.manifest.corpus, workingFolder: workingFolder)
    }

    /// The catalog of a snapshot's generation (made once per generation).
    func catalog(_ snapshot: IndexSnapshot) throws -> DocumentCatalog {
        if let known = catalogs.withLock({ $0 }), known.generation == snapshot.generation { return known }
        let fresh = try DocumentCatalog(reader: snapshot.reader)
        // Pages collapse identical passages: with every fingerprint in memory,
        // a page costs lookups, not reads of the stored text. Made once per
        // generation, off the request's path (requests meanwhile read the text).
        let segments = snapshot.reader.segments
        DispatchQueue.global(qos: .utility).async { for segment in segments { try? segment.loadFingerprints() } }
        catalogs.withLock { $0 = fresh }
        return fresh
    }

    /// A page of hits (or of documents), the totals, the facets and, when
    /// nothing matched, a looser query.
    func search(_ request: SearchRequest, query: Query) throws -> SearchResults {
        let snapshot = index.snapshot
        let catalog = try catalog(snapshot)
        return try snapshot.withSearcher { searcher in
            // By passage, only the page is ranked (a bounded heap) and the
            // facets come from the documents the search collects; by document,
            // every hit is ranked, for each document's best passages.
            let all = try searcher.search(query, options: request.byDocument ? SearchOptions(limit: nil)
                : SearchOptions(limit: request.limit, offset: request.offset, collectsDocuments: true, collapsesIdentical: true))
            // The documents with a hit: by document, in the order of their best hit.
            let ranking = request.byDocument ? DocumentRanking(all, reader: snapshot.reader) : nil
            let keys: [(segment: Int, document: Int)] = ranking.map { $0.rows.map { ($0.segment, $0.document) } }
                ?? all.documentHits.map { ($0.segment, $0.document) }
            var facets = catalog.facetCounts(keys)
            // A chosen facet counts its values under the other filters only, as
            // facet searches do: its other values stay in view, a click on one
            // switches to it, and each count is what that click would give.
            for (field, _) in request.filters {
                guard let facet = Facet(rawValue: field) else { continue }
                var others = query
                others.filters.removeAll { $0.field == field && $0.isWhole }
                let without = try searcher.search(others, options: SearchOptions(limit: 0, collectsDocuments: true))
                facets.counts[facet] = catalog.facetCounts(without.documentHits.map { ($0.segment, $0.document) }, only: facet).counts[facet]
            }
            var hits: [Hit] = []
            var groups: [DocumentGroup] = []
            if let ranking {
                let page = ranking.rows.dropFirst(request.offset).prefix(request.limit)
                var loaded: [Int: Hit] = [:]
                for (i, hit) in try load(page.flatMap(\.best).sorted(), of: all, searcher: searcher) { loaded[i] = hit }
                for row in page {
                    guard let entry = catalog.entry(segment: row.segment, document: row.document) else { continue }
                    groups.append(DocumentGroup(entry: entry, hitCount: row.hitCount, best: row.best.compactMap { loaded[$0] }))
                }
            } else {
                // `all.ranked` is the page itself, ranked from `offset + 1`.
                hits = try load(Array(all.ranked.indices), of: all, searcher: searcher).map(\.1)
            }
            let suggestion = all.total == 0 ? try QuerySuggester.looser(than: query, using: searcher) : nil
            return SearchResults(query: query, total: all.total, documents: all.documents, offset: request.offset,
                                 hits: hits, groups: groups, facets: facets, suggestion: suggestion, distinctTexts: all.distinctTexts)
        }
    }

    /// Loads the hits at `indices` (increasing) of a result's ranking, with their ranks.
    private func load(_ indices: [Int], of result: SearchResult, searcher: Searcher) throws -> [(Int, Hit)] {
        guard !indices.isEmpty else { return [] }
        var part = result
        part.ranked = indices.map { result.ranked[$0] }
        part.offset = 0
        var loaded: [(Int, Hit)] = []
        for (i, hit) in zip(indices, HitLoader(searcher: searcher).hits(of: part)) {
            var hit = try hit.get()
            hit.rank = result.offset + i + 1
            loaded.append((i, hit))
        }
        return loaded
    }

    /// A whole document by id, its hits of `query` (if any) marked.
    func document(id: String, query: Query?) throws -> DocumentView {
        guard DocumentID.isWellFormed(id) else { throw ServerError.notFound }
        let snapshot = index.snapshot
        guard let entry = try catalog(snapshot).entry(id: id) else { throw ServerError.notFound }
        let segment = snapshot.reader.segments[entry.segment]
        let document = try segment.document(entry.document, withSections: true)
        let range = segment.passages(ofDocument: entry.document)
        var hitPassages = Set<Int>()
        var parts: [[UInt32]] = []
        if var query {
            query.filters.append(Query.Filter(field: "title", value: entry.title))
            try snapshot.withSearcher { searcher in
                let result = try searcher.search(query, options: SearchOptions(limit: nil))
                parts = result.highlightParts
                for ranked in result.ranked where ranked.segment == entry.segment && range.contains(ranked.passage) {
                    for passage in ranked.passage...max(ranked.passage, ranked.lastPassage) { hitPassages.insert(passage) }
                }
            }
        }
        var paragraphs: [DocumentView.Paragraph] = []
        try segment.forEachText(ofPassages: range) { number, text in
            let isHit = hitPassages.contains(number)
            if segment.continuesLine(number), !paragraphs.isEmpty {
                paragraphs[paragraphs.count - 1].text = Self.join(paragraphs[paragraphs.count - 1].text, text)
                paragraphs[paragraphs.count - 1].isHit = paragraphs[paragraphs.count - 1].isHit || isHit
            } else {
                let passage = try segment.passage(number, in: document, text: text)
                paragraphs.append(.init(line: passage.line, section: passage.section, text: text, highlights: [], isHit: isHit))
            }
        }
        if !parts.isEmpty {
            try snapshot.withSearcher { searcher in
                for i in paragraphs.indices where paragraphs[i].isHit {
                    paragraphs[i].highlights = Highlighter.ranges(of: parts, in: searcher.normalizeText(paragraphs[i].text))
                }
            }
        }
        let paths = paths(snapshot)
        var view = DocumentView(entry: entry, document: document, paragraphs: paragraphs,
                                file: snapshot.reader.manifest.corpus + "/" + entry.path, paths: paths)
        view.cites = try index.cites(.path(entry.path), generation: snapshot.reader).first?.passages ?? []
        view.citedBy = try index.citedBy(.path(entry.path), generation: snapshot.reader)
        return view
    }

    /// Joins two pieces of one line as the hits do: directly, or with a space
    /// between two Latin letters or digits.
    static func join(_ left: String, _ right: String) -> String {
        func alphanumeric(_ scalar: Unicode.Scalar?) -> Bool {
            guard let scalar, scalar.isASCII else { return false }
            return scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        }
        return left + (alphanumeric(left.unicodeScalars.last) && alphanumeric(right.unicodeScalars.first) ? " " : "") + right
    }

    /// The path of a document's original file, by id.
    func file(id: String) throws -> (path: String, name: String) {
        guard DocumentID.isWellFormed(id) else { throw ServerError.notFound }
        let snapshot = index.snapshot
        guard let entry = try catalog(snapshot).entry(id: id) else { throw ServerError.notFound }
        return (snapshot.reader.manifest.corpus + "/" + entry.path, (entry.path as NSString).lastPathComponent)
    }

    /// The id of a hit's document.
    func id(of hit: Hit) -> String { DocumentID.of(path: hit.document.path) }

    /// Takes one of the export slots, or says there is none.
    func beginExport() throws {
        let taken = runningExports.withLock { running -> Bool in
            guard running < limits.exports else { return false }
            running += 1
            return true
        }
        guard taken else { throw ServerError(503, "too many exports at once: try again when one has finished") }
    }

    func endExport() { runningExports.withLock { $0 -= 1 } }
}
