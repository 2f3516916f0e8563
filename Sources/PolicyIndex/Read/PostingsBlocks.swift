/// A term's skip table decoded: where each block of its postings ends.
public struct PostingsBlocks: Sendable {
    /// How many passages hold the term.
    public let documentFrequency: Int
    /// Where the passages start in the doc stream (after the table).
    public let docsStart: Int
    /// Per block: its last passage, and its end in the doc stream (from
    /// `docsStart`) and in the position stream.
    public var lastPassage: [Int32] = []
    /// Per block: its end in the doc stream, from `docsStart`.
    public var docEnd: [Int] = []
    /// Per block: its end in the position stream.
    public var positionEnd: [Int] = []
    /// Per block: the CRC-32 of its bytes in the doc stream and in the
    /// position stream.
    var docCRC: [UInt32] = []
    var positionCRC: [UInt32] = []
    /// Which of the term's units were verified (``VerificationLedger``).
    var verified: AtomicBitSet?

    init(documentFrequency: Int, docsStart: Int) {
        self.documentFrequency = documentFrequency
        self.docsStart = docsStart
    }

    mutating func reserveCapacity(_ count: Int) {
        lastPassage.reserveCapacity(count)
        docEnd.reserveCapacity(count)
        positionEnd.reserveCapacity(count)
        docCRC.reserveCapacity(count)
        positionCRC.reserveCapacity(count)
    }

    /// The number of blocks.
    public var count: Int { lastPassage.count }

    /// The number of passages in a block (all full but the last).
    public func count(ofBlock block: Int) -> Int {
        min(IndexFormat.postingsBlockSize, documentFrequency - block * IndexFormat.postingsBlockSize)
    }
}
