import Dispatch
import PolicyAnalysis

/// Collects the documents' heading lists in batches of at most
/// ``IndexFormat/headingBatchSize`` bytes (unless one list is longer), and at
/// the end compresses the batches on every core: the `headings` section of
/// ``IndexFormat``.
///
/// One frame for many documents' lists compresses them far smaller than one
/// frame a document: a law's hundreds of 第X条 and （一） repeat from one
/// document to the next.
struct HeadingBatchWriter {
    /// Per batch: its first document and its lists.
    private var batches: [(firstDocument: Int, bytes: ByteWriter)] = []
    private var documents = 0

    /// Appends the headings of the next document: the length of its
    /// `HeadingList`, then the list (nothing more when it has no headings).
    mutating func append(_ tree: SectionTree) {
        var list = ByteWriter()
        if !tree.nodes.isEmpty { HeadingList.write(tree, to: &list) }
        var entry = ByteWriter(capacity: list.count + 5)
        entry.writeVarint(list.count)
        entry.writeBytes(list.bytes)
        if let last = batches.last, last.bytes.count + entry.count <= IndexFormat.headingBatchSize {
            batches[batches.count - 1].bytes.writeBytes(entry.bytes)
        } else {
            batches.append((documents, entry))
        }
        documents += 1
    }

    /// Compresses the batches and returns the `headings` section in pieces:
    /// its table, then the batches.
    func finish() -> [[UInt8]] {
        let batches = self.batches
        var frames = [[UInt8]](repeating: [], count: batches.count)
        frames.withUnsafeMutableBufferPointer { output in
            let shared = SharedBuffer(output)
            DispatchQueue.concurrentPerform(iterations: batches.count) { index in
                shared.buffer[index] = BlockCompression.compress(batches[index].bytes.bytes, .headings)
            }
        }
        var table = ByteWriter(capacity: 4 + (batches.count + 1) * FrameTable.entrySize)
        table.write(UInt32(batches.count))
        table.writeBytes(FrameTable.encode(firstItems: batches.map(\.firstDocument), lengths: batches.map(\.bytes.count),
                                           frames: frames, itemCount: documents))
        // The table's own checksum first: the frames carry theirs.
        var checked = ByteWriter(capacity: 4 + table.count)
        checked.write(table.bytes.withUnsafeBytes { CRC32.checksum($0) })
        checked.writeBytes(table.bytes)
        return [checked.bytes] + frames
    }
}
