/// A term's entry in the dictionary: how many passages hold it and where its
/// postings are.
public struct TermInfo: Sendable, Equatable {
    /// The term's ``GramKey``.
    public var key: UInt64
    /// How many passages hold the term.
    public var documentFrequency: Int
    /// Byte ranges in the postings section.
    public var docStream: Range<Int>
    /// The byte range of its position stream in the postings section.
    public var positionStream: Range<Int>
}
