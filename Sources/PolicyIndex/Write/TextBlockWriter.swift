import Foundation

/// Collects the stored text of passages in blocks of at most
/// ``IndexFormat/textBlockSize`` bytes (unless one passage is longer) and compresses each full block on a
/// background thread while indexing goes on.
///
/// Text is kept as UTF-16: Chinese takes two bytes a character instead of
/// UTF-8's three, and a byte-oriented compressor does better on it too (zlib:
/// 12 % smaller on ../shared/corpus, 17.8 MB against 20.1 MB at 64 KiB blocks).
final class TextBlockWriter: @unchecked Sendable {
    private var current = ByteWriter()
    private var currentFirstPassage = 0
    private var passages = 0
    /// Per block: its first passage, its uncompressed length, its compressed bytes.
    private var blocks: [(firstPassage: Int, length: Int, compressed: [UInt8])] = []
    private let lock = NSLock()
    private let group = DispatchGroup()

    /// Appends the text of the next passage, given as UTF-16 code units: its
    /// length in units (one unit, or two when it needs more than 15 bits),
    /// then the units.
    func append(utf16 units: [UInt16]) {
        // Blocks stay within the size, which the compression's window covers.
        if current.count + 4 + 2 * units.count > IndexFormat.textBlockSize { seal() }
        if current.count == 0 { currentFirstPassage = passages }
        if units.count < 0x8000 {
            current.write(UInt16(units.count))
        } else {
            current.write(UInt16(truncatingIfNeeded: units.count >> 15) | 0x8000)
            current.write(UInt16(truncatingIfNeeded: units.count & 0x7FFF))
        }
        current.writeUTF16(units)
        passages += 1
    }

    private func seal() {
        guard current.count > 0 else { return }
        let bytes = current.bytes
        let first = currentFirstPassage
        current = ByteWriter(capacity: IndexFormat.textBlockSize)
        lock.lock()
        let index = blocks.count
        blocks.append((first, bytes.count, []))
        lock.unlock()
        DispatchQueue.global().async(group: group) { [self] in
            let compressed = BlockCompression.compress(bytes, .text)
            lock.lock()
            blocks[index].compressed = compressed
            lock.unlock()
        }
    }

    /// Seals the last block, waits for the compression, and returns the
    /// `textIndex` and `textBlocks` sections.
    func finish() -> (index: [UInt8], blocks: [[UInt8]]) {
        seal()
        group.wait()
        var index = ByteWriter(capacity: (blocks.count + 1) * 16)
        var offset: UInt64 = 0
        for block in blocks {
            index.write(UInt32(block.firstPassage))
            index.write(UInt32(block.length))
            index.write(offset)
            offset += UInt64(block.compressed.count)
        }
        index.write(UInt32(passages))
        index.write(UInt32(0))
        index.write(offset)
        return (index.bytes, blocks.map(\.compressed))
    }
}
