/// The term dictionary of a segment (the `termIndex` and `termBlocks`
/// sections of ``IndexFormat``): its terms (character pairs, as
/// ``GramKey``s) in key order, in blocks of the statistics' block size, each
/// block an entry of the sparse term index (first key, offset in the term
/// blocks, offset of its first postings) and then, per term, varints: the key
/// minus the previous one, the document frequency, the bytes of the doc
/// stream and of the position stream.
///
/// One scanner reads a block, bounds-checked at every step, with
/// overflow-checked offsets: a damaged varint is an error, never a trap or a
/// term pointing outside the postings.
struct TermDictionaryReader {
    private let file: String
    private let index: UnsafeRawBufferPointer
    private let blocks: UnsafeRawBufferPointer
    /// The size of the postings section, which every term's streams must be in.
    private let postingsCount: Int
    let termCount: Int
    let blockCount: Int
    let blockSize: Int

    static let entrySize = 24

    /// Throws unless the index holds one entry a block of `blockSize` terms.
    init(termCount: Int, blockCount: Int, blockSize: Int, index: UnsafeRawBufferPointer,
         blocks: UnsafeRawBufferPointer, postingsCount: Int, file: String) throws {
        guard blockSize > 0, index.count == blockCount &* Self.entrySize,
            blockCount == (termCount &+ blockSize &- 1) / blockSize
        else { throw IndexError.corrupt(file: file, problem: "section sizes disagree with the statistics") }
        self.file = file
        self.index = index
        self.blocks = blocks
        self.postingsCount = postingsCount
        self.termCount = termCount
        self.blockCount = blockCount
        self.blockSize = blockSize
    }

    /// The sparse index's entry of a block.
    func blockEntry(_ block: Int) -> (firstKey: UInt64, offset: Int, postings: Int) {
        let base = block * Self.entrySize
        let key = UInt64(littleEndian: index.loadUnaligned(fromByteOffset: base, as: UInt64.self))
        let offset = UInt32(littleEndian: index.loadUnaligned(fromByteOffset: base + 8, as: UInt32.self))
        let postings = UInt64(littleEndian: index.loadUnaligned(fromByteOffset: base + 16, as: UInt64.self))
        return (key, Int(offset), Int(clamping: postings))
    }

    /// The last block whose first key is at most `key` (the first block when none is).
    func block(containing key: UInt64) -> Int {
        var low = 0
        var high = blockCount
        while high - low > 1 {
            let middle = (low + high) / 2
            if blockEntry(middle).firstKey <= key { low = middle } else { high = middle }
        }
        return low
    }

    /// Calls `body` with each term of `block` in key order until it returns
    /// false; throws on damage (a cut block, postings out of bounds).
    func scanBlock(_ block: Int, _ body: (TermInfo) throws -> Bool) throws {
        let entry = blockEntry(block)
        guard entry.offset <= blocks.count else {
            throw IndexError.corrupt(file: file, problem: "term block \(block) out of bounds")
        }
        var cursor = ByteCursor(blocks, offset: entry.offset)
        var key = entry.firstKey
        var postingsOffset = entry.postings
        for _ in 0..<max(0, min(blockSize, termCount - block * blockSize)) {
            key &+= cursor.readVarint()
            let frequency = cursor.readVarint32()
            let docBytes = Int(clamping: cursor.readVarint())
            let positionBytes = Int(clamping: cursor.readVarint())
            if cursor.overrun { throw IndexError.corrupt(file: file, problem: "term dictionary cut short") }
            let (docEnd, o1) = postingsOffset.addingReportingOverflow(docBytes)
            let (end, o2) = docEnd.addingReportingOverflow(positionBytes)
            guard !o1, !o2, postingsOffset >= 0, docEnd >= postingsOffset, end >= docEnd, end <= postingsCount else {
                throw IndexError.corrupt(file: file, problem: "postings of a term out of bounds")
            }
            let term = TermInfo(key: key, documentFrequency: frequency, docStream: postingsOffset..<docEnd,
                                positionStream: docEnd..<end)
            guard try body(term) else { return }
            postingsOffset = end
        }
    }

    /// Looks a term up.
    func term(_ key: UInt64) throws -> TermInfo? {
        guard blockCount > 0 else { return nil }
        let block = block(containing: key)
        guard blockEntry(block).firstKey <= key else { return nil }
        var found: TermInfo?
        try scanBlock(block) { term in
            if term.key == key { found = term }
            return term.key < key
        }
        return found
    }

    /// Every term whose key is in `keys`, in key order.
    func terms(in keys: ClosedRange<UInt64>) throws -> [TermInfo] {
        guard blockCount > 0 else { return [] }
        var result: [TermInfo] = []
        var done = false
        for block in block(containing: keys.lowerBound)..<blockCount where !done {
            if blockEntry(block).firstKey > keys.upperBound { break }
            try scanBlock(block) { term in
                if term.key > keys.upperBound {
                    done = true
                    return false
                }
                if term.key >= keys.lowerBound { result.append(term) }
                return true
            }
        }
        return result
    }

    /// Calls `body` with every term's key and document frequency, in key order.
    func forEachTerm(_ body: (UInt64, Int) throws -> Void) throws {
        for block in 0..<blockCount {
            try scanBlock(block) { term in
                try body(term.key, term.documentFrequency)
                return true
            }
        }
    }
}
