/// The postings of a term decoded: its passages in increasing order, their
/// frequencies, and (for pairs) the positions of each passage, flat.
public struct DecodedPostings: Sendable {
    /// The passages that hold the term, in increasing order.
    public var passages: [Int32] = []
    /// How often each of `passages` holds it.
    public var frequencies: [Int32] = []

    /// Postings of the given passages and frequencies, without positions.
    public init(passages: [Int32] = [], frequencies: [Int32] = []) {
        self.passages = passages
        self.frequencies = frequencies
    }

    /// `positions[positionStarts[i]..<positionStarts[i + 1]]` are passage i's.
    public var positionStarts: [Int32] = []
    /// The positions of every passage, flat (see ``positionStarts``).
    public var positions: [Int32] = []
}
