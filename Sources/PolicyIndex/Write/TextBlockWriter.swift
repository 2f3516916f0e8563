import Dispatch

/// Collects the stored text of passages in blocks of at most
/// ``IndexFormat/textBlockSize`` bytes of UTF-16 (unless one passage is
/// longer), and at the end codes each block in the segment's alphabet
/// (``TextCode``) and compresses it, on every core.
///
/// The alphabet ranks the units of the whole segment, so no block can be
/// coded before the last passage is in: the text waits in memory as UTF-16
/// (about two thirds of the corpus's UTF-8 size for Chinese).
final class TextBlockWriter {
    private struct Block {
        var firstPassage: Int
        var units: [UInt16] = []
        /// Each passage's number of units.
        var lengths: [Int] = []
        /// The block's size as UTF-16 with a length before each passage: what
        /// the size limit counts, so that blocks hold as many passages as
        /// before the coding.
        var utf16Bytes = 0
    }

    private var blocks: [Block] = []
    private var current = Block(firstPassage: 0)
    private var passages = 0
    private var counts = [UInt32](repeating: 0, count: 0x10000)

    /// Appends the text of the next passage, given as UTF-16 code units.
    func append(utf16 units: [UInt16]) {
        let size = 4 + 2 * units.count
        if current.utf16Bytes + size > IndexFormat.textBlockSize, !current.lengths.isEmpty {
            blocks.append(current)
            current = Block(firstPassage: passages)
        }
        current.units += units
        current.lengths.append(units.count)
        current.utf16Bytes += size
        counts.withUnsafeMutableBufferPointer { counts in
            for unit in units { counts[Int(unit)] &+= 1 }
        }
        passages += 1
    }

    /// Codes and compresses every block; returns the `textAlphabet`,
    /// `textIndex` and `textBlocks` sections.
    func finish() -> (alphabet: [UInt8], index: [UInt8], blocks: [[UInt8]]) {
        if !current.lengths.isEmpty { blocks.append(current) }
        current = Block(firstPassage: passages)
        let alphabet = TextCode.alphabet(counts: counts)
        let ranks = TextCode.ranks(of: alphabet)
        let blocks = self.blocks
        var coded = [(length: Int, compressed: [UInt8])](repeating: (0, []), count: blocks.count)
        coded.withUnsafeMutableBufferPointer { output in
            let shared = SharedBuffer(output)
            DispatchQueue.concurrentPerform(iterations: blocks.count) { index in
                let block = blocks[index]
                // The passages' code lengths first, then their codes.
                var codes: [UInt8] = []
                codes.reserveCapacity(block.units.count * 3 / 2)
                var table = ByteWriter(capacity: block.lengths.count * 2)
                var start = 0
                for length in block.lengths {
                    let before = codes.count
                    TextCode.encode(block.units[start..<(start + length)], ranks: ranks, into: &codes)
                    table.writeVarint(codes.count - before)
                    start += length
                }
                let bytes = table.bytes + codes
                shared.buffer[index] = (bytes.count, BlockCompression.compress(bytes, .text))
            }
        }
        var alphabetSection = ByteWriter(capacity: 4 + alphabet.count * 2)
        alphabetSection.write(UInt32(alphabet.count))
        for unit in alphabet { alphabetSection.write(unit) }
        let index = FrameTable.encode(firstItems: blocks.map(\.firstPassage), lengths: coded.map(\.length),
                                      frames: coded.map(\.compressed), itemCount: passages)
        return (alphabetSection.bytes, index, coded.map(\.compressed))
    }
}
