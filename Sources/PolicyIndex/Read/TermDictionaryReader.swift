/// The term dictionary of a segment (the `termIndex` and `termBlocks`
/// sections of ``IndexFormat``): its terms (character pairs, as
/// ``GramKey``s) in key order, in blocks of the statistics' block size, each
/// block an entry of the sparse term index (first key, offset in the term
/// blocks, their checksum, offset of its first postings, checksum of the
/// postings of its terms without a skip table) and then, per term, varints:
/// the key minus the previous one, the document frequency, the bytes of the
/// doc stream and of the position stream.
///
/// One scanner reads a block: it checks the block's checksum (the index is
/// verified on open; each block once, ``VerificationLedger``), then decodes it bounds-checked with overflow-checked
/// offsets, so a damaged term block is an error, never a trap, another term,
/// or a term pointing outside the postings.
struct TermDictionaryReader {
    private let file: String
    private let index: UnsafeRawBufferPointer
    private let blocks: UnsafeRawBufferPointer
    /// The postings section, which every term's streams must be in.
    private let postings: UnsafeRawBufferPointer
    /// What was verified already (each block is hashed once).
    private let ledger: VerificationLedger
    let termCount: Int
    let blockCount: Int
    let blockSize: Int

    static let entrySize = 32

    /// Throws unless the index holds one entry a block of `blockSize` terms.
    init(termCount: Int, blockCount: Int, blockSize: Int, index: UnsafeRawBufferPointer,
         blocks: UnsafeRawBufferPointer, postings: UnsafeRawBufferPointer, ledger: VerificationLedger, file: String) throws {
        guard blockSize > 0, blockSize <= 1 << 16, index.count == blockCount &* Self.entrySize,
            blockCount == (termCount &+ blockSize &- 1) / blockSize
        else { throw IndexError.corrupt(file: file, problem: "section sizes disagree with the statistics") }
        self.file = file
        self.index = index
        self.blocks = blocks
        self.postings = postings
        self.ledger = ledger
        self.termCount = termCount
        self.blockCount = blockCount
        self.blockSize = blockSize
    }

    /// The sparse index's entry of a block.
    private func blockEntry(_ block: Int)
        -> (firstKey: UInt64, offset: Int, crc: UInt32, postings: Int, postingsCRC: UInt32)
    {
        let base = block * Self.entrySize
        func load<T: FixedWidthInteger>(_ at: Int, _: T.Type) -> T {
            T(littleEndian: index.loadUnaligned(fromByteOffset: base + at, as: T.self))
        }
        return (load(0, UInt64.self), Int(load(8, UInt32.self)), load(12, UInt32.self),
                Int(clamping: load(16, UInt64.self)), load(24, UInt32.self))
    }

    /// The first key of a block.
    func firstKey(ofBlock block: Int) -> UInt64 { blockEntry(block).firstKey }

    /// The last block whose first key is at most `key` (the first block when none is).
    func block(containing key: UInt64) -> Int {
        var low = 0
        var high = blockCount
        while high - low > 1 {
            let middle = (low + high) / 2
            if firstKey(ofBlock: middle) <= key { low = middle } else { high = middle }
        }
        return low
    }

    /// Calls `body` with each term of `block` in key order until it returns
    /// false, the block's bytes checked against their checksum first; with
    /// `verifyingPostings`, also the postings of its terms that have no skip
    /// table (those with one are verified a block at a time as they are
    /// decoded, by ``PostingsReader``), before this returns: the terms are
    /// to be trusted only once it has returned without throwing.
    func scan(_ block: Int, verifyingPostings: Bool, _ body: (TermInfo) throws -> Bool) throws {
        func corrupt(_ problem: String) -> IndexError { IndexError.corrupt(file: file, problem: problem) }
        let entry = blockEntry(block)
        let blockEnd = block + 1 < blockCount ? blockEntry(block + 1).offset : blocks.count
        guard entry.offset <= blockEnd, blockEnd <= blocks.count else { throw corrupt("term block \(block) out of bounds") }
        let bytes = UnsafeRawBufferPointer(rebasing: blocks[entry.offset..<blockEnd])
        if !ledger.termBlocks.contains(block) {
            guard CRC32.checksum(bytes) == entry.crc else { throw corrupt("checksum mismatch in term block \(block)") }
            ledger.termBlocks.insert(block)
        }
        // The first lookup in a block reads all of it, for the checksum of its short lists.
        let checking = verifyingPostings && !ledger.shortLists.contains(block)
        var postingsCRC = CRC32()
        var wanted = true
        var cursor = ByteCursor(bytes)
        var key = entry.firstKey
        var postingsOffset = entry.postings
        for _ in 0..<max(0, min(blockSize, termCount - block * blockSize)) {
            key &+= cursor.readVarint()
            let frequency = cursor.readVarint32()
            let docBytes = Int(clamping: cursor.readVarint())
            let positionBytes = Int(clamping: cursor.readVarint())
            if cursor.overrun { throw corrupt("term block \(block) cut short") }
            let (docEnd, o1) = postingsOffset.addingReportingOverflow(docBytes)
            let (end, o2) = docEnd.addingReportingOverflow(positionBytes)
            guard !o1, !o2, postingsOffset >= 0, docEnd >= postingsOffset, end >= docEnd, end <= postings.count else {
                throw corrupt("postings of a term out of bounds")
            }
            if checking, frequency <= IndexFormat.postingsBlockSize {
                postingsCRC.update(UnsafeRawBufferPointer(rebasing: postings[postingsOffset..<end]))
            }
            if wanted {
                wanted = try body(TermInfo(key: key, documentFrequency: frequency, docStream: postingsOffset..<docEnd,
                                           positionStream: docEnd..<end))
            }
            if !wanted && !checking { return }
            postingsOffset = end
        }
        if checking {
            guard postingsCRC.value == entry.postingsCRC else {
                throw corrupt("checksum mismatch in the postings of term block \(block)")
            }
            ledger.shortLists.insert(block)
        }
    }

    /// Looks a term up; its postings are verified when it has no skip table.
    func term(_ key: UInt64) throws -> TermInfo? {
        guard blockCount > 0 else { return nil }
        let block = block(containing: key)
        guard firstKey(ofBlock: block) <= key else { return nil }
        var found: TermInfo?
        try scan(block, verifyingPostings: true) { term in
            if term.key == key { found = term }
            return term.key < key
        }
        return found
    }

    /// Every term whose key is in `keys`, in key order, verified as by ``term(_:)``.
    func terms(in keys: ClosedRange<UInt64>) throws -> [TermInfo] {
        guard blockCount > 0 else { return [] }
        var result: [TermInfo] = []
        for block in block(containing: keys.lowerBound)..<blockCount {
            if firstKey(ofBlock: block) > keys.upperBound { break }
            try scan(block, verifyingPostings: true) { term in
                if keys.contains(term.key) { result.append(term) }
                return term.key <= keys.upperBound
            }
        }
        return result
    }

    /// Calls `body` with every term's key and document frequency, in key
    /// order (reading no postings).
    func forEachTerm(_ body: (UInt64, Int) throws -> Void) throws {
        for block in 0..<blockCount {
            try scan(block, verifyingPostings: false) { term in
                try body(term.key, term.documentFrequency)
                return true
            }
        }
    }
}
