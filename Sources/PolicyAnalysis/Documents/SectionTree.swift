/// The headings of a document as a tree: each heading is a node whose
/// parent is the heading it sits under. A passage names one node; its section
/// path is the labels from the root down, such as `第一章 总则 > 第三条`.
/// Stored this way, each heading's label is kept once, however many passages
/// and sub-headings sit under it.
public struct SectionTree: Sendable, Equatable {
    public struct Node: Sendable, Equatable {
        /// The index of the parent node, or -1 for a top-level heading.
        public var parent: Int32
        public var label: String

        public init(parent: Int32, label: String) {
            self.parent = parent
            self.label = label
        }
    }

    public var nodes: [Node]

    public init(nodes: [Node] = []) { self.nodes = nodes }

    /// The section path of a node ("" for -1).
    public func path(of node: Int) -> String {
        var labels: [String] = []
        var current = node
        // Bounded by the node count, in case stored parents form a loop.
        while current >= 0, current < nodes.count, labels.count <= nodes.count {
            labels.append(nodes[current].label)
            current = Int(nodes[current].parent)
        }
        return labels.reversed().joined(separator: " > ")
    }

    /// Every node's section path, in the order the headings appear.
    public var paths: [String] { nodes.indices.map(path(of:)) }
}
