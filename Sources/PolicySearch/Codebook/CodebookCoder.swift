import PolicyAnalysis
import PolicyIndex

/// The documents a codebook is applied to: those whose metadata passes the
/// filters and, when `paths` is given, whose corpus paths are among them.
public struct DocumentSet: Sendable, Equatable {
    public var filters: [Query.Filter]
    /// Corpus-relative paths (nil: every document that passes the filters).
    public var paths: Set<String>?

    public init(filters: [Query.Filter] = [], paths: Set<String>? = nil) {
        self.filters = filters
        self.paths = paths
    }
}

/// A passage (or an article, or a run of pieces of one paragraph: a hit as
/// `search` returns it) coded for a theme, with the terms that matched it.
struct CodedUnit {
    /// The row of its document in the set (``CodebookCoder/documents``).
    var row: Int
    var segment: Int
    var passage: Int
    var lastPassage: Int
    /// The theme's terms that matched, by index, increasing.
    var terms: [Int]
    /// The occurrences of those terms' parts in the unit.
    var occurrences = 0
}

/// Codes the documents of a set with a codebook's themes, over the hits that
/// ``Searcher`` finds: a unit is coded for a theme when one of its terms
/// matches it and none of its exclusions does.
///
/// Exactly as `search --all` run term by term: the coded units of a theme are
/// the union of its terms' hits (in the set's documents) less every hit that
/// shares a passage with a hit of an exclusion; occurrences are the
/// non-overlapping occurrences of each part of the matching terms in the unit,
/// each distinct part once, as BM25 counts them (so `大数据` inside
/// `工业大数据` counts for both terms that name them).
struct CodebookCoder {
    let searcher: Searcher
    /// Every live document in the set, in path order.
    let documents: [DocumentEntry]
    /// For each segment, each document's row in ``documents`` (-1: not in the set).
    let rows: [[Int]]
    /// The live documents of the index (the set is all of them when it has as many).
    let totalDocuments: Int

    init(searcher: Searcher, documents set: DocumentSet) throws {
        self.searcher = searcher
        let reader = searcher.reader
        var rows = reader.segments.map { [Int](repeating: -1, count: $0.documentCount) }
        var chosen: [(segment: Int, document: Int, entry: DocumentEntry)] = []
        let live = reader.liveDocuments()
        totalDocuments = live.count
        for (segment, number) in live {
            let entry = try reader.segments[segment].document(number, withSections: false)
            guard set.filters.allSatisfy({ $0.admits(title: entry.title, fields: entry.fields) }) else { continue }
            if let paths = set.paths, !paths.contains(entry.path) { continue }
            chosen.append((segment, number, entry))
        }
        chosen.sort { $0.entry.path.utf8.lexicographicallyPrecedes($1.entry.path.utf8) }
        for (row, item) in chosen.enumerated() { rows[item.segment][item.document] = row }
        self.rows = rows
        documents = chosen.map(\.entry)
    }

    /// The row of the document that holds a passage, or -1 when it is not in the set.
    func row(of segment: Int, passage: Int) -> Int {
        rows[segment][searcher.reader.segments[segment].document(ofPassage: passage)]
    }

    /// Every hit of `query` in the set's documents.
    private func hits(of query: Query) throws -> SearchResult {
        var result = try searcher.search(query, options: SearchOptions(limit: nil, ranks: false))
        if documents.count < totalDocuments { result.ranked.removeAll { row(of: $0.segment, passage: $0.passage) < 0 } }
        return result
    }

    /// The units coded for `theme`, in the set's row order then passage order,
    /// with their terms and occurrences; and each term's parts as highlighted.
    func units(of theme: Codebook.Theme) throws -> (units: [CodedUnit], termParts: [[[UInt32]]]) {
        let segments = searcher.reader.segments
        // The passages of an exclusion's hits: a bit per passage, for the segments that have any.
        var excluded = [[UInt64]](repeating: [], count: segments.count)
        for exclusion in theme.exclusions {
            for hit in try hits(of: exclusion).ranked {
                if excluded[hit.segment].isEmpty {
                    excluded[hit.segment] = [UInt64](repeating: 0, count: segments[hit.segment].passageCount / 64 + 1)
                }
                for passage in hit.passage...hit.lastPassage { excluded[hit.segment][passage >> 6] |= 1 << UInt64(passage & 63) }
            }
        }
        func isExcluded(_ hit: RankedPassage) -> Bool {
            let bits = excluded[hit.segment]
            guard !bits.isEmpty else { return false }
            return (hit.passage...hit.lastPassage).contains { bits[$0 >> 6] & (1 << UInt64($0 & 63)) != 0 }
        }
        // Each distinct part of the theme: its matches (with occurrence counts) in every segment.
        var partIndex: [[UInt32]: Int] = [:]
        var partMatches: [[PartMatches]] = []
        var termPartIDs: [[Int]] = []
        // Every (hit, term) pair, to be grouped by hit.
        struct Entry { var segment: Int32, passage: Int32, last: Int32, term: Int32 }
        var entries: [Entry] = []
        for (t, term) in theme.terms.enumerated() {
            var parts: [Int] = []
            func take(_ result: SearchResult) {
                for (normalized, matches) in zip(result.highlightParts, result.partMatches) {
                    let id = partIndex[normalized] ?? partMatches.count
                    if id == partMatches.count {
                        partIndex[normalized] = id
                        partMatches.append(matches)
                    }
                    if !parts.contains(id) { parts.append(id) }
                }
            }
            let found: [RankedPassage]
            switch theme.unit {
            case .passage, .sentence:
                let result = try hits(of: theme.unit == .sentence ? CodingUnit.sentenceChain(of: term) ?? term : term)
                take(result)
                found = result.ranked
            case .document:
                found = try documentUnits(of: term, excluding: isExcluded, take: take)
            }
            termPartIDs.append(parts)
            for hit in found where !isExcluded(hit) {
                entries.append(Entry(segment: Int32(hit.segment), passage: Int32(hit.passage), last: Int32(hit.lastPassage), term: Int32(t)))
            }
        }
        entries.sort { ($0.segment, $0.passage, $0.last, $0.term) < ($1.segment, $1.passage, $1.last, $1.term) }
        // One unit per hit, with its terms; occurrences through a cursor per
        // part into its matches, which only moves forward as the units do.
        var units: [CodedUnit] = []
        var cursors = [Int](repeating: 0, count: partMatches.count)
        var cursorSegment = [Int](repeating: -1, count: partMatches.count)
        var parts: [Int] = []
        var documentHint = 0, hintSegment = -1
        var i = 0
        while i < entries.count {
            let first = entries[i]
            var terms: [Int] = []
            parts.removeAll(keepingCapacity: true)
            while i < entries.count, entries[i].segment == first.segment, entries[i].passage == first.passage, entries[i].last == first.last {
                let term = Int(entries[i].term)
                if terms.last != term {
                    terms.append(term)
                    for part in termPartIDs[term] where !parts.contains(part) { parts.append(part) }
                }
                i += 1
            }
            let segment = Int(first.segment), passage = Int(first.passage), last = Int(first.last)
            var occurrences = 0
            for part in parts {
                let matches = partMatches[part][segment]
                if cursorSegment[part] != segment {
                    cursorSegment[part] = segment
                    cursors[part] = 0
                }
                var c = cursors[part]
                while c < matches.passages.count, Int(matches.passages[c]) < passage { c += 1 }
                cursors[part] = c
                while c < matches.passages.count, Int(matches.passages[c]) <= last {
                    occurrences += Int(matches.frequencies[c])
                    c += 1
                }
            }
            if hintSegment != segment {
                hintSegment = segment
                documentHint = 0
            }
            documentHint = segments[segment].document(ofPassage: passage, from: documentHint)
            units.append(CodedUnit(row: rows[segment][documentHint], segment: segment, passage: passage, lastPassage: last,
                                   terms: terms, occurrences: occurrences))
        }
        // The set's order (by path) is the index's in a single segment built at once; else sorted.
        if zip(units, units.dropFirst()).contains(where: { ($0.row, $0.passage) > ($1.row, $1.passage) }) {
            units.sort { ($0.row, $0.passage, $0.lastPassage) < ($1.row, $1.passage, $1.lastPassage) }
        }
        let termParts = termPartIDs.map { ids in ids.map { id in partIndex.first { $0.value == id }!.key } }
        return (units, termParts)
    }

    /// Under `unit: document`: the hits of each of the term's clauses and
    /// chains, in the documents that hold every one of them and none of the
    /// term's `-` parts.
    private func documentUnits(of term: Query, excluding isExcluded: (RankedPassage) -> Bool,
                               take: (SearchResult) -> Void) throws -> [RankedPassage] {
        let components = term.required.map { Query(required: [$0], filters: term.filters) }
            + term.proximities.map { Query(required: [], proximities: [$0], filters: term.filters) }
        var perComponent: [[RankedPassage]] = []
        var documentsOf: [Set<Int>] = []
        for component in components {
            let result = try hits(of: component)
            take(result)
            let kept = result.ranked.filter { !isExcluded($0) }
            perComponent.append(kept)
            documentsOf.append(Set(kept.map { row(of: $0.segment, passage: $0.passage) }))
        }
        var coded = documentsOf.dropFirst().reduce(documentsOf.first ?? []) { $0.intersection($1) }
        for part in term.excluded where !coded.isEmpty {
            for hit in try hits(of: Query(required: [[part]], filters: term.filters)).ranked {
                coded.remove(row(of: hit.segment, passage: hit.passage))
            }
        }
        return perComponent.joined().filter { coded.contains(row(of: $0.segment, passage: $0.passage)) }
    }

    /// Codes every theme: the counts of ``Coding``.
    func code(_ codebook: Codebook) throws -> Coding {
        var coding = Coding(codebook: codebook, documents: documents)
        let themeCount = codebook.themes.count
        coding.cells = [[Coding.Cell]](repeating: [Coding.Cell](repeating: Coding.Cell(), count: themeCount), count: documents.count)
        // A bit per document for each theme: co-occurrence is the count of the bits two themes share.
        let words = documents.count / 64 + 1
        var coded = [[UInt64]](repeating: [UInt64](repeating: 0, count: words), count: themeCount)
        for (t, theme) in codebook.themes.enumerated() {
            let (units, _) = try units(of: theme)
            var total = Coding.ThemeCount(name: theme.name, group: theme.group, unit: theme.unit)
            var termPassages = [Int](repeating: 0, count: theme.terms.count)
            var termDocuments = [Set<Int>](repeating: [], count: theme.terms.count)
            for unit in units {
                let row = unit.row
                coding.cells[row][t].passages += 1
                coding.cells[row][t].occurrences += unit.occurrences
                coded[t][row >> 6] |= 1 << UInt64(row & 63)
                total.passages += 1
                total.occurrences += unit.occurrences
                for term in unit.terms {
                    termPassages[term] += 1
                    termDocuments[term].insert(row)
                }
            }
            total.documents = coded[t].reduce(0) { $0 + $1.nonzeroBitCount }
            total.terms = theme.terms.indices.map {
                Coding.TermCount(term: theme.terms[$0].description, passages: termPassages[$0], documents: termDocuments[$0].count)
            }
            coding.themes.append(total)
        }
        coding.cooccurrence = (0..<themeCount).map { a in
            (0..<themeCount).map { b in zip(coded[a], coded[b]).reduce(0) { $0 + ($1.0 & $1.1).nonzeroBitCount } }
        }
        return coding
    }

    /// Every unit coded for the themes named in `themes` (nil: all), in the
    /// documents of `paths` (nil: the whole set), theme by theme in the
    /// codebook's order, then in the documents' order, each loaded with its
    /// text and the matches of its terms marked: memory stays that of one
    /// theme's units.
    func evidence(_ codebook: Codebook, themes: Set<String>? = nil, paths: Set<String>? = nil) -> EvidenceSequence {
        EvidenceSequence(coder: self, themes: codebook.themes.filter { themes?.contains($0.name) ?? true }, paths: paths)
    }
}

/// The evidence of a coding, read a theme at a time (``CodebookCoder/evidence(_:themes:paths:)``).
struct EvidenceSequence {
    let coder: CodebookCoder
    let themes: [Codebook.Theme]
    let paths: Set<String>?
    private var nextTheme = 0
    private var units: [CodedUnit] = []
    private var termParts: [[[UInt32]]] = []
    private var theme: Codebook.Theme?
    private var position = 0
    private var loaded: AnyIterator<Result<Hit, Error>>?

    init(coder: CodebookCoder, themes: [Codebook.Theme], paths: Set<String>?) {
        self.coder = coder
        self.themes = themes
        self.paths = paths
    }

    /// The next unit's evidence, or nil after the last.
    mutating func next() throws -> Evidence? {
        while loaded == nil || position == units.count {
            guard nextTheme < themes.count else { return nil }
            let theme = themes[nextTheme]
            nextTheme += 1
            (units, termParts) = try coder.units(of: theme)
            if let paths {
                units.removeAll { !paths.contains(coder.documents[$0.row].path) }
            }
            var allParts: [[UInt32]] = []
            for parts in termParts { for part in parts where !allParts.contains(part) { allParts.append(part) } }
            let ranked = units.map { RankedPassage(segment: $0.segment, passage: $0.passage, lastPassage: $0.lastPassage, score: 0) }
            let result = SearchResult(query: theme.terms[0], total: units.count, documents: 0, ranked: ranked, offset: 0,
                                      highlightParts: allParts)
            loaded = AnyIterator(HitLoader(searcher: coder.searcher).hits(of: result).makeIterator())
            self.theme = theme
            position = 0
        }
        let unit = units[position]
        position += 1
        guard let theme, var hit = try loaded?.next()?.get() else { return nil }
        var parts: [[UInt32]] = []
        for term in unit.terms { for part in termParts[term] where !parts.contains(part) { parts.append(part) } }
        hit.highlights = Highlighter.ranges(of: parts, in: coder.searcher.normalizeText(hit.passage.text))
        return Evidence(theme: theme.name, group: theme.group, terms: unit.terms.map { theme.terms[$0].description },
                        occurrences: unit.occurrences, hit: hit)
    }
}

/// One coded unit as the evidence lists it: the theme, the terms that
/// matched, the hit (document, section, line, page, text with the matches).
public struct Evidence: Sendable {
    public var theme: String
    public var group: String
    public var terms: [String]
    public var occurrences: Int
    public var hit: Hit
}
