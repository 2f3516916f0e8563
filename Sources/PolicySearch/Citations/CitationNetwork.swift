import Foundation
import PolicyAnalysis
import PolicyIndex

/// Which documents cite which: every citation the index extracted
/// (``PolicyAnalysis/CitationExtractor``), resolved to the live documents of
/// the index where one matches (``CitationResolver``), else to an external
/// node of its normalized title or number.
///
/// Built from an index in one pass over its documents' records and citation
/// lists; resolution happens here, not at index time, because it depends on
/// the whole corpus, which an update changes.
public struct CitationNetwork: Sendable {
    /// A document of the index, or something cited that the index does not hold.
    public struct Node: Sendable, Equatable {
        public enum Kind: String, Sendable {
            case document, external
        }

        public var kind: Kind
        /// A document's title; an external node's title or number as first cited.
        public var title: String
        /// A document's path in the corpus ("" for an external node).
        public var path: String
        /// A document's metadata (issuer, region, level, type, date, number).
        public var fields: [String: String]
        /// The date of a document's version (``PolicyAnalysis/DocumentCitations/versionDate``).
        public var versionDate: String
        /// A document's own numbers; an external number node's number.
        public var numbers: [String]
        /// For an external node, whether it was cited by title or by number.
        public var citedAs: Citation.Kind?
        /// A document's place in the index (segment, document), or -1.
        public var segment: Int
        public var document: Int

        /// The date to order and to place on a timeline: the date of issue, else of the version.
        public var date: String { fields["date"].flatMap { $0.isEmpty ? nil : $0 } ?? versionDate }
    }

    /// One citation, resolved.
    public struct Reference: Sendable, Equatable {
        /// The citing document's node.
        public var citing: Int
        /// The cited node.
        public var cited: Int
        public var citation: Citation
        /// The passage it is in, numbered in the citing document's segment.
        public var passage: Int
        /// How it was matched to its document ("number", "title", "title
        /// without its issuer", …, and the version chosen), or "unresolved".
        public var resolution: String
    }

    public private(set) var nodes: [Node] = []
    /// Every reference, by citing document (in index order), then in text order.
    public private(set) var references: [Reference] = []
    /// Per node, the indexes of the references that cite it.
    public private(set) var incoming: [[Int]] = []
    /// Per node, the indexes of its references.
    public private(set) var outgoing: [[Int]] = []
    /// Per corpus path, its document's node.
    public private(set) var documentNodes: [String: Int] = [:]
    private var externalNodes: [String: Int] = [:]
    private(set) var resolver: CitationResolver
    /// The index it was made from, to read its passages.
    let reader: IndexReader

    /// The network of the live documents of `reader`.
    public init(reader: IndexReader) throws {
        self.reader = reader
        let normalizer = try TextNormalizer()
        var lists: [DocumentCitations] = []
        for (segmentIndex, number) in reader.liveDocuments() {
            let segment = reader.segments[segmentIndex]
            let entry = try segment.document(number, withSections: false)
            let citations = try segment.citations(ofDocument: number)
            documentNodes[entry.path] = nodes.count
            nodes.append(Node(kind: .document, title: entry.title, path: entry.path, fields: entry.fields,
                              versionDate: citations.versionDate, numbers: citations.numbers, citedAs: nil,
                              segment: segmentIndex, document: number))
            lists.append(citations)
        }
        resolver = CitationResolver(documents: nodes, normalizer: normalizer)
        incoming = Array(repeating: [], count: nodes.count)
        outgoing = Array(repeating: [], count: nodes.count)
        for (citing, list) in lists.enumerated() {
            let node = nodes[citing]
            let first = reader.segments[node.segment].passages(ofDocument: node.document).lowerBound
            for citation in list.citations {
                let cited: Int
                let resolution: String
                if let match = resolver.resolve(citation, citedBy: node, citingNode: citing) {
                    (cited, resolution) = (match.node, match.method)
                } else {
                    (cited, resolution) = (external(for: citation), "unresolved")
                }
                let index = references.count
                references.append(Reference(citing: citing, cited: cited, citation: citation, passage: first + citation.passage,
                                            resolution: resolution))
                outgoing[citing].append(index)
                incoming[cited].append(index)
            }
        }
    }

    /// The external node of what a citation names, made on first use.
    private mutating func external(for citation: Citation) -> Int {
        let key = citation.kind == .number ? "n:" + citation.target : "t:" + TitleKey.key(citation.target)
        if let node = externalNodes[key] { return node }
        nodes.append(Node(kind: .external, title: citation.target, path: "", fields: [:], versionDate: "",
                          numbers: citation.kind == .number ? [citation.target] : [], citedAs: citation.kind,
                          segment: -1, document: -1))
        incoming.append([])
        outgoing.append([])
        externalNodes[key] = nodes.count - 1
        return nodes.count - 1
    }

    /// The nodes a target names (``CitationTarget``): a document by its
    /// corpus path; by number, the documents that bear it and the external
    /// numbers that end with it (a typist's extra characters before the
    /// issuer's abbreviation); by title, the external titles of its key
    /// (``PolicyAnalysis/TitleKey``) and every document known by that key (so
    /// every version of a law, and the notice that issues a plan).
    public func nodes(for target: CitationTarget) -> [Int] {
        switch target {
        case .path(let path):
            return documentNodes[path].map { [$0] } ?? []
        case .number(let number):
            return nodes.indices.filter { index in
                let node = nodes[index]
                return node.kind == .document ? node.numbers.contains(number)
                    : node.citedAs == .number && (node.title == number || node.title.hasSuffix(number))
            }
        case .title(let title):
            // Documents come first among the nodes; an external title is
            // found by the key it was made under.
            let key = TitleKey.key(title)
            let documents = resolver.titleKeys.indices.filter { resolver.titleKeys[$0].contains(key) }
            return documents + (externalNodes["t:" + key].map { [$0] } ?? [])
        }
    }

    /// The references to any of `targets`, grouped by citing document.
    public func citing(_ targets: [Int]) -> [(document: Int, references: [Int])] {
        var byDocument: [Int: [Int]] = [:]
        for target in targets {
            for reference in incoming[target] { byDocument[references[reference].citing, default: []].append(reference) }
        }
        return byDocument.map { ($0.key, $0.value.sorted()) }.sorted { $0.document < $1.document }
    }

    /// The documents that cite what `target` names (``CitationTarget/parse(_:isPath:)``),
    /// each as its segment << 32 | its number in the segment.
    public func documents(citing target: String) throws -> Set<Int64> {
        guard let parsed = try CitationTarget.parse(target, isPath: { documentNodes[$0] != nil }) else { return [] }
        return Set(citing(nodes(for: parsed)).map { Int64(nodes[$0.document].segment) << 32 | Int64(nodes[$0.document].document) })
    }

    /// How many distinct documents cite a node.
    public func citingDocumentCount(_ node: Int) -> Int {
        Set(incoming[node].map { references[$0].citing }).count
    }
}

/// What `cited-by`, `cites` and `cites:` name: a document by its corpus
/// path, a document number, or a title (with or without 《》).
public enum CitationTarget: Sendable, Equatable {
    case path(String)
    case number(String)
    case title(String)

    /// The target that `text` names: a document's path when `isPath` says it
    /// is one (looked up, not copied into a set at every query), else a
    /// number when it is one number, else a title (normalized as the index
    /// normalizes text); nil when it is empty.
    public static func parse(_ text: String, isPath: (String) -> Bool = { _ in false }) throws -> CitationTarget? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty else { return nil }
        if isPath(trimmed) { return .path(trimmed) }
        if let number = DocumentNumber.normalized(trimmed) { return .number(number) }
        let normalized = try TextNormalizer().normalize(trimmed).string
        if let number = DocumentNumber.normalized(normalized) { return .number(number) }
        var title = Substring(normalized)
        while let first = title.first, "《〈<".contains(first) { title.removeFirst() }
        while let last = title.last, "》〉>".contains(last) { title.removeLast() }
        return title.isEmpty ? nil : .title(String(title))
    }
}
