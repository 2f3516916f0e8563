import Foundation
import PolicyAnalysis
import PolicyIndex

/// A citation in its passage: where it is, what it names and what it was
/// resolved to.
public struct CitationPassage: Sendable, Equatable {
    public var line: Int
    /// The PDF page, for a paged document.
    public var page: Int?
    public var section: String
    public var text: String
    /// What was cited (normalized), as a title or number.
    public var cited: String
    public var kind: Citation.Kind
    public var article: String
    public var isAlias: Bool
    /// The node it was resolved to (a document, or an external title or number).
    public var target: CitationNetwork.Node
    public var resolution: String
}

/// A document with the passages in which it cites a target.
public struct CitingDocument: Sendable, Equatable {
    public var document: CitationNetwork.Node
    public var passages: [CitationPassage]
}

/// A node of the network and how much it is cited.
public struct CitedNode: Sendable, Equatable {
    public var node: CitationNetwork.Node
    /// The distinct documents that cite it.
    public var citingDocuments: Int
    /// Its citations, all told.
    public var references: Int
}

/// A target that names nothing (`cited-by`, `cites`), with the reason.
public struct CitationTargetError: Error, CustomStringConvertible, Sendable, Equatable {
    public var target: String
    public var problem: String
    public var description: String { "target \"\(target)\": \(problem)" }

    public init(target: String, problem: String) {
        self.target = target
        self.problem = problem
    }
}

extension IndexReader {
    /// The citation network of this generation, made on first use and kept.
    public func citationNetwork() throws -> CitationNetwork {
        try memo.value("citations") { try CitationNetwork(reader: self) }
    }
}

extension SearchIndex {
    /// The citation network of the index in force.
    public func citationNetwork() throws -> CitationNetwork { try reader.citationNetwork() }

    /// The target that `text` names: a document of the corpus by its path
    /// (relative to the corpus, or a path to the file itself), a document
    /// number, or a title. Throws ``CitationTargetError`` for an empty one.
    public func citationTarget(_ text: String) throws -> CitationTarget {
        let network = try citationNetwork()
        var candidate = text.trimmingCharacters(in: .whitespaces)
        if network.documentNodes[candidate] == nil, FileManager.default.fileExists(atPath: candidate),
            let relative = corpusPath(ofFile: candidate)
        {
            candidate = relative
        }
        guard let target = try CitationTarget.parse(candidate, isPath: { network.documentNodes[$0] != nil }) else {
            throw CitationTargetError(target: text, problem: "name a document number, a title or a corpus file")
        }
        return target
    }

    /// The documents that cite `target`, newest first (undated last), each
    /// with the passages that cite it (each once); only documents of `set`. Of the
    /// generation in force, or of `generation` (a server's request keeps to one).
    public func citedBy(_ target: CitationTarget, in set: DocumentSet = DocumentSet(),
                        generation: IndexReader? = nil) throws -> [CitingDocument] {
        let network = try (generation ?? reader).citationNetwork()
        let admitted = try admittedNodes(network, set)
        let citing = network.citing(network.nodes(for: target)).filter { admitted?.contains($0.document) ?? true }
        // A passage that cites the target twice (by title and by number) is listed once.
        var documents = try citing.map { citing in
            var seen = Set<Int>()
            let references = citing.references.filter { seen.insert(network.references[$0].passage).inserted }
            return try CitingDocument(document: network.nodes[citing.document], passages: passages(of: references, in: network))
        }
        documents.sort { a, b in
            let (x, y) = (a.document.date, b.document.date)
            if x.isEmpty != y.isEmpty { return !x.isEmpty }
            return x != y ? x > y : a.document.path < b.document.path
        }
        return documents
    }

    /// What the documents `target` names cite, resolved or not, in text order.
    public func cites(_ target: CitationTarget, generation: IndexReader? = nil) throws -> [CitingDocument] {
        let network = try (generation ?? reader).citationNetwork()
        let documents = network.nodes(for: target).filter { network.nodes[$0].kind == .document }
        return try documents.map { try CitingDocument(document: network.nodes[$0], passages: passages(of: network.outgoing[$0], in: network)) }
    }

    /// The most cited nodes, by the documents of `set` that cite them: the
    /// `top` first (ties by title), documents and external titles and numbers alike.
    public func mostCited(top: Int, in set: DocumentSet = DocumentSet()) throws -> [CitedNode] {
        let network = try citationNetwork()
        let admitted = try admittedNodes(network, set)
        var counts: [Int: (documents: Set<Int>, references: Int)] = [:]
        for reference in network.references where admitted?.contains(reference.citing) ?? true {
            counts[reference.cited, default: ([], 0)].documents.insert(reference.citing)
            counts[reference.cited, default: ([], 0)].references += 1
        }
        let ranked = counts.map { CitedNode(node: network.nodes[$0.key], citingDocuments: $0.value.documents.count,
                                            references: $0.value.references) }
            .sorted { ($1.citingDocuments, $1.references, $0.node.title, $0.node.path) < ($0.citingDocuments, $0.references, $1.node.title, $1.node.path) }
        return Array(ranked.prefix(max(0, top)))
    }

    /// The graph of the citations made by the documents of `set`, without the
    /// nodes cited by fewer than `minimumCitations` of them.
    public func citationGraph(in set: DocumentSet = DocumentSet(), minimumCitations: Int = 1) throws -> CitationGraph {
        let network = try citationNetwork()
        return CitationGraph(network: network, admitted: try admittedNodes(network, set), minimumCitations: minimumCitations)
    }

    /// The document nodes of `set`, or nil when it admits every document.
    func admittedNodes(_ network: CitationNetwork, _ set: DocumentSet) throws -> Set<Int>? {
        guard !set.filters.isEmpty || set.paths != nil else { return nil }
        let passing = try network.reader.documents(passing: set.filters)
        return Set(network.nodes.indices.filter { index in
            let node = network.nodes[index]
            guard node.kind == .document, set.paths?.contains(node.path) ?? true else { return false }
            return passing?[node.segment].contains(node.document) ?? true
        })
    }

    /// The passages of some references, in order.
    func passages(of references: [Int], in network: CitationNetwork) throws -> [CitationPassage] {
        var entries: [Int: DocumentEntry] = [:]
        return try references.map { index in
            let reference = network.references[index]
            let citing = network.nodes[reference.citing]
            let segment = network.reader.segments[citing.segment]
            let entry = try entries[reference.citing] ?? segment.document(citing.document)
            entries[reference.citing] = entry
            let passage = try segment.passage(reference.passage, in: entry)
            return CitationPassage(line: passage.line, page: entry.page(ofLine: passage.line), section: passage.section,
                                   text: passage.text, cited: reference.citation.target, kind: reference.citation.kind,
                                   article: reference.citation.article, isAlias: reference.citation.isAlias,
                                   target: network.nodes[reference.cited], resolution: reference.resolution)
        }
    }
}
