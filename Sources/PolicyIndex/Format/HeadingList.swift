import PolicyAnalysis

/// A document's headings as stored (`HeadingList` in ``IndexFormat``).
enum HeadingList {
    static func write(_ tree: SectionTree, to writer: inout ByteWriter) {
        writer.writeVarint(tree.nodes.count)
        for node in tree.nodes {
            writer.writeVarint(Int(node.parent) + 1)
            writer.writeString(node.label)
        }
    }

    /// Decodes a list that fills `bytes` exactly; nil when it is damaged.
    static func read(_ bytes: UnsafeRawBufferPointer) -> SectionTree? {
        var reader = ByteCursor(bytes)
        var tree = SectionTree()
        let count = min(reader.readVarint32(), bytes.count)
        tree.nodes.reserveCapacity(count)
        for _ in 0..<count where !reader.overrun {
            let parent = Int32(truncatingIfNeeded: reader.readVarint32() - 1)
            tree.nodes.append(.init(parent: parent, label: reader.readString()))
        }
        return reader.overrun || reader.offset != bytes.count ? nil : tree
    }
}
