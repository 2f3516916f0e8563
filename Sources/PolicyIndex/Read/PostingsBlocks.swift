/// A term's skip table decoded: where each block of its postings ends.
public struct PostingsBlocks: Sendable {
    /// How many passages hold the term.
    public let documentFrequency: Int
    /// Where the passages start in the doc stream (after the table).
    public let docsStart: Int
    /// Per block: its last passage, and its end in the doc stream (from
    /// `docsStart`) and in the position stream.
    public var lastPassage: [Int32] = []
    public var docEnd: [Int] = []
    public var positionEnd: [Int] = []

    init(documentFrequency: Int, docsStart: Int) {
        self.documentFrequency = documentFrequency
        self.docsStart = docsStart
    }

    /// The number of blocks.
    public var count: Int { lastPassage.count }

    /// The number of passages in a block (all full but the last).
    public func count(ofBlock block: Int) -> Int {
        min(IndexFormat.postingsBlockSize, documentFrequency - block * IndexFormat.postingsBlockSize)
    }
}
