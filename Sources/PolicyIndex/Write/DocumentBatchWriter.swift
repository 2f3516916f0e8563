import Dispatch
import PolicyAnalysis

/// Collects a piece of bytes per document (its heading list, its citations)
/// in batches of at most ``IndexFormat/documentBatchSize`` bytes (unless one
/// piece is longer), and at the end compresses the batches on every core:
/// the `headings` and `citations` sections of ``IndexFormat``.
///
/// One frame for many documents' pieces compresses them far smaller than one
/// frame a document: a law's hundreds of 第X条 and （一） repeat from one
/// document to the next, and so do the titles laws cite.
struct DocumentBatchWriter {
    /// Per batch: its first document and its pieces.
    private var batches: [(firstDocument: Int, bytes: ByteWriter)] = []
    private var documents = 0

    /// Appends the next document's piece (empty for a document with nothing
    /// to store): its length, then its bytes.
    mutating func append(_ piece: [UInt8]) {
        var entry = ByteWriter(capacity: piece.count + 5)
        entry.writeVarint(piece.count)
        entry.writeBytes(piece)
        if let last = batches.last, last.bytes.count + entry.count <= IndexFormat.documentBatchSize {
            batches[batches.count - 1].bytes.writeBytes(entry.bytes)
        } else {
            batches.append((documents, entry))
        }
        documents += 1
    }

    /// Compresses the batches and returns the section in pieces: its table,
    /// then the batches.
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
