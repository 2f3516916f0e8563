import PolicyAnalysis

/// A document's headings as stored (`HeadingList` in ``IndexFormat``): the
/// count, each heading's distance to its parent, then the labels, each ended
/// by 0xFF (a byte UTF-8 never uses). Kept apart this way, the distances
/// repeat from one law to the next (1, 2, 3 … under each chapter), and so do
/// the labels (第一条, 第二条 …): a batch of lists compresses 15 % smaller
/// than with each heading's parent and label together.
enum HeadingList {
    static let labelEnd: UInt8 = 0xFF

    /// Writes a tree whose parents come before their headings (as
    /// ``SectionTree`` is built); a heading whose parent does not is stored as
    /// top-level.
    static func write(_ tree: SectionTree, to writer: inout ByteWriter) {
        writer.writeVarint(tree.nodes.count)
        for (index, node) in tree.nodes.enumerated() {
            writer.writeVarint(node.parent >= 0 && Int(node.parent) < index ? index - Int(node.parent) : 0)
        }
        for node in tree.nodes {
            writer.writeBytes(node.label.utf8)
            writer.write(labelEnd)
        }
    }

    /// Decodes a list that fills `bytes` exactly; nil when it is damaged.
    static func read(_ bytes: UnsafeRawBufferPointer) -> SectionTree? {
        var cursor = ByteCursor(bytes)
        // Each heading takes two bytes at least.
        let count = cursor.readVarint32()
        guard count <= bytes.count / 2 else { return nil }
        var parents: [Int32] = []
        parents.reserveCapacity(count)
        for index in 0..<count {
            let up = Int(clamping: cursor.readVarint())
            guard up <= index else { return nil }
            parents.append(up == 0 ? -1 : Int32(index - up))
        }
        guard !cursor.overrun else { return nil }
        var tree = SectionTree()
        tree.nodes.reserveCapacity(count)
        var start = cursor.offset
        for parent in parents {
            guard let end = bytes[start...].firstIndex(of: labelEnd) else { return nil }
            tree.nodes.append(.init(parent: parent, label: String(decoding: UnsafeRawBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)))
            start = end + 1
        }
        return start == bytes.count ? tree : nil
    }
}
