import Foundation
import PolicyAnalysis
import PolicyIndex

/// A codebook applied to a set of documents: for each theme the documents
/// coded and their share, passages and occurrences, its terms' part; the
/// document × theme matrix; the theme × theme co-occurrence. Every number is
/// traceable to the evidence (``SearchIndex/forEachEvidence(_:in:themes:documents:_:)``).
public struct Coding: Sendable {
    /// A theme's totals over the set.
    public struct ThemeCount: Sendable, Equatable {
        public var name: String
        public var group: String
        public var unit: CodingUnit
        /// Documents with at least one coded unit.
        public var documents = 0
        /// Coded units (passages, or the articles and runs that `search` returns).
        public var passages = 0
        /// Occurrences of the matching terms' parts in the coded units.
        public var occurrences = 0
        /// Each term's coded units and documents, in the codebook's order.
        public var terms: [TermCount] = []
    }

    /// A term's part in its theme: the coded units it matched (after the
    /// theme's exclusions) and their documents.
    public struct TermCount: Sendable, Equatable {
        public var term: String
        public var passages: Int
        public var documents: Int
    }

    /// One document's counts for one theme (zero: not coded).
    public struct Cell: Sendable, Equatable {
        public var passages = 0
        public var occurrences = 0
    }

    /// A group of documents (a region, a year …) and its counts per theme.
    public struct GroupRow: Sendable, Equatable {
        public var group: String
        /// Documents in the group.
        public var documents: Int
        /// Per theme: documents of the group coded, and their units and occurrences.
        public var coded: [Int]
        public var cells: [Cell]
    }

    public var codebook: Codebook
    /// The set's documents, in path order: the matrix's rows.
    public var documents: [DocumentEntry]
    /// One per theme, in the codebook's order.
    public var themes: [ThemeCount] = []
    /// `cells[document][theme]`.
    public var cells: [[Cell]] = []
    /// `cooccurrence[a][b]`: documents coded for both themes (`[a][a]`: for a).
    public var cooccurrence: [[Int]] = []

    public init(codebook: Codebook, documents: [DocumentEntry]) {
        self.codebook = codebook
        self.documents = documents
    }

    /// A theme's documents as a share of the set (0 for an empty set).
    public func share(_ theme: ThemeCount) -> Double {
        documents.isEmpty ? 0 : Double(theme.documents) / Double(documents.count)
    }

    /// The rows grouped by a metadata field (documents of no known group last, as "").
    public func groups(by grouping: Tally.Grouping) -> [GroupRow] {
        var rows: [String: GroupRow] = [:]
        for (document, cells) in zip(documents, cells) {
            let name = grouping.group(of: document)
            var row = rows[name] ?? GroupRow(group: name, documents: 0, coded: Array(repeating: 0, count: themes.count),
                                             cells: Array(repeating: Cell(), count: themes.count))
            row.documents += 1
            for (t, cell) in cells.enumerated() where cell.passages > 0 {
                row.coded[t] += 1
                row.cells[t].passages += cell.passages
                row.cells[t].occurrences += cell.occurrences
            }
            rows[name] = row
        }
        return rows.values.sorted { ($0.group.isEmpty ? 1 : 0, $0.group) < ($1.group.isEmpty ? 1 : 0, $1.group) }
    }

    /// The pairs of distinct themes (each pair once, in the codebook's order)
    /// and the documents coded for both.
    public var pairs: [(a: String, b: String, documents: Int)] {
        var pairs: [(String, String, Int)] = []
        for a in themes.indices { for b in themes.indices where b > a { pairs.append((themes[a].name, themes[b].name, cooccurrence[a][b])) } }
        return pairs
    }

    // MARK: Tables

    /// `theme, group, unit, documents, of, share, passages, occurrences, terms`:
    /// the report's sentence per theme, its terms with their units, most first.
    public static let summaryColumns = ["theme", "group", "unit", "documents", "of", "share", "passages", "occurrences", "terms"]

    public var summaryRows: [[String]] {
        themes.map { theme in
            [theme.name, theme.group, theme.unit.rawValue, String(theme.documents), String(documents.count),
             FixedDecimal.string(share(theme), digits: 4), String(theme.passages), String(theme.occurrences), Self.termsCell(theme)]
        }
    }

    /// The terms that matched, most units first: `工业大数据 (41); 智能制造 (12)`.
    static func termsCell(_ theme: ThemeCount) -> String {
        theme.terms.enumerated().filter { $0.element.passages > 0 }
            .sorted { ($1.element.passages, $0.offset) < ($0.element.passages, $1.offset) }
            .map { "\($0.element.term) (\($0.element.passages))" }.joined(separator: "; ")
    }

    /// The document × theme matrix: the document and its metadata, then per
    /// theme its units and occurrences (0 0: not coded).
    public var matrixColumns: [String] {
        ["file", "title"] + MetadataExtractor.fieldNames + themes.flatMap { ["\($0.name) passages", "\($0.name) occurrences"] }
    }

    public func matrixRows(paths: PathDisplay) -> [[String]] {
        zip(documents, cells).map { document, cells in
            [paths.show(document.path), document.title] + MetadataExtractor.fieldNames.map { document.fields[$0] ?? "" }
                + cells.flatMap { [String($0.passages), String($0.occurrences)] }
        }
    }

    /// The grouped matrix: a group, its documents, then per theme the
    /// documents coded, their share of the group, and the units.
    public func groupColumns(by grouping: Tally.Grouping) -> [String] {
        [grouping.rawValue, "documents"] + themes.flatMap { ["\($0.name) documents", "\($0.name) share", "\($0.name) passages"] }
    }

    public func groupRows(by grouping: Tally.Grouping) -> [[String]] {
        groups(by: grouping).map { row in
            [row.group, String(row.documents)] + zip(row.coded, row.cells).flatMap { coded, cell in
                [String(coded), FixedDecimal.string(row.documents == 0 ? 0 : Double(coded) / Double(row.documents), digits: 4),
                 String(cell.passages)]
            }
        }
    }

    /// Each pair of themes and the documents coded for both.
    public static let cooccurrenceColumns = ["a", "b", "documents"]

    public var cooccurrenceRows: [[String]] { pairs.map { [$0.a, $0.b, String($0.documents)] } }

    /// The evidence: every coded unit, a row each.
    public static let evidenceColumns = ["theme", "group", "terms", "title"] + MetadataExtractor.fieldNames
        + ["section", "file", "line", "endLine", "page", "text", "matches", "occurrences", "path"]

    /// The column of ``evidenceColumns`` whose text has its matches marked.
    static let evidenceTextColumn = evidenceColumns.firstIndex(of: "text")!

    public static func evidenceRow(_ evidence: Evidence, paths: PathDisplay) -> [String] {
        evidenceRow(evidence, file: paths.show(evidence.hit.document.path))
    }

    /// The row, with the document's path as shown given.
    static func evidenceRow(_ evidence: Evidence, file: String) -> [String] {
        let hit = evidence.hit
        return [evidence.theme, evidence.group, evidence.terms.joined(separator: "; "), hit.document.title]
            + MetadataExtractor.fieldNames.map { hit.document.fields[$0] ?? "" }
            + [hit.passage.section, file, String(hit.passage.line), String(hit.endLine),
               hit.page.map(String.init) ?? "", hit.passage.text, hit.matchedStrings.joined(separator: "; "),
               String(evidence.occurrences), hit.document.path]
    }

    // MARK: JSON

    /// `{"codebook", "documents", "themes": [{"name", "group", "unit", "documents", "share", "passages",
    /// "occurrences", "terms": [{"term", "passages", "documents"}]}], "matrix": [{"file", "path", "title",
    /// metadata…, "themes": {"<name>": {"passages", "occurrences"}}}], "groups" (with a grouping),
    /// "cooccurrence": [{"a", "b", "documents"}]}`. Every document of the set is a row of the matrix.
    public func json(paths: PathDisplay, by grouping: Tally.Grouping? = nil) -> String {
        /// A JSON array of one object per item, its fields set by `fields`.
        func array<Item>(_ items: [Item], _ fields: (inout JSONLine, Item) -> Void) -> String {
            "[" + items.map { item in
                var object = JSONLine()
                fields(&object, item)
                return object.line
            }.joined(separator: ",") + "]"
        }
        // Each theme's name as a JSON key (`"工业大数据":`), written once.
        let keys = themes.map { theme -> String in
            var key = JSONLine()
            key.field(theme.name, json: "")
            return String(key.text.dropFirst())
        }
        // A row's cells, appended directly: a matrix has documents × themes of them.
        func appendCells(_ cells: [Cell], coded: [Int]? = nil, to text: inout String) {
            text += "{"
            for (t, cell) in cells.enumerated() {
                if t > 0 { text += "," }
                text += keys[t]
                if let coded { text += "{\"documents\":\(coded[t]),\"passages\":" } else { text += "{\"passages\":" }
                text += String(cell.passages)
                text += ",\"occurrences\":"
                text += String(cell.occurrences)
                text += "}"
            }
            text += "}"
        }
        func cellsObject(_ cells: [Cell], coded: [Int]? = nil) -> String {
            var text = ""
            appendCells(cells, coded: coded, to: &text)
            return text
        }
        var object = JSONLine()
        object.field("codebook", codebook.name)
        object.field("documents", documents.count)
        object.field("themes", json: array(themes) { item, theme in
            item.field("name", theme.name)
            item.field("group", theme.group)
            item.field("unit", theme.unit.rawValue)
            item.field("documents", theme.documents)
            item.field("share", (share(theme) * 10000).rounded() / 10000)
            item.field("passages", theme.passages)
            item.field("occurrences", theme.occurrences)
            item.field("terms", json: array(theme.terms) { entry, term in
                entry.field("term", term.term)
                entry.field("passages", term.passages)
                entry.field("documents", term.documents)
            })
        })
        var matrix = "["
        matrix.reserveCapacity(documents.count * (200 + themes.count * 48))
        for (i, (document, cells)) in zip(documents, cells).enumerated() {
            if i > 0 { matrix += "," }
            var row = JSONLine()
            row.field("file", paths.show(document.path))
            row.field("path", document.path)
            row.field("title", document.title)
            for name in MetadataExtractor.fieldNames { row.field(name, document.fields[name] ?? "") }
            matrix += row.text
            matrix += ",\"themes\":"
            appendCells(cells, to: &matrix)
            matrix += "}"
        }
        object.field("matrix", json: matrix + "]")
        if let grouping {
            object.field("by", grouping.rawValue)
            object.field("groups", json: array(groups(by: grouping)) { row, group in
                row.field("group", group.group)
                row.field("documents", group.documents)
                row.field("themes", json: cellsObject(group.cells, coded: group.coded))
            })
        }
        object.field("cooccurrence", json: array(pairs) { item, pair in
            item.field("a", pair.a)
            item.field("b", pair.b)
            item.field("documents", pair.documents)
        })
        return object.line
    }
}
