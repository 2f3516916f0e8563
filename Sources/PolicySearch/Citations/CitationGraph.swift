import PolicyAnalysis

/// The citation network as a graph to export (`graph`): documents and
/// external titles and numbers as nodes, one directed edge from each citing
/// document to each node it cites, with the number of its citations and the
/// first citing passage.
public struct CitationGraph: Sendable {
    /// An edge: `citing` cites `cited` (node indexes of the network) `count` times.
    public struct Edge: Sendable, Equatable {
        public var citing: Int
        public var cited: Int
        public var count: Int
        /// The first reference (index in ``CitationNetwork/references``).
        public var first: Int
    }

    public let network: CitationNetwork
    /// The nodes of the graph (network node indexes), in network order.
    public let nodes: [Int]
    public let edges: [Edge]

    /// The graph of the citations made by the documents of `admitted` (nil:
    /// every document), without the nodes cited by fewer than
    /// `minimumCitations` documents (and so their edges); the nodes are the
    /// ends of the edges that remain.
    public init(network: CitationNetwork, admitted: Set<Int>?, minimumCitations: Int = 1) {
        self.network = network
        var edges: [Edge] = []
        var place: [Int64: Int] = [:]
        for (index, reference) in network.references.enumerated() where admitted?.contains(reference.citing) ?? true {
            let key = Int64(reference.citing) << 32 | Int64(reference.cited)
            if let at = place[key] {
                edges[at].count += 1
            } else {
                place[key] = edges.count
                edges.append(Edge(citing: reference.citing, cited: reference.cited, count: 1, first: index))
            }
        }
        if minimumCitations > 1 {
            var citing: [Int: Int] = [:]
            for edge in edges { citing[edge.cited, default: 0] += 1 }
            edges.removeAll { citing[$0.cited, default: 0] < minimumCitations }
        }
        self.edges = edges
        nodes = Array(Set(edges.flatMap { [$0.citing, $0.cited] })).sorted()
    }
}
