/// A passage as stored: where it is and what it says.
public struct StoredPassage: Sendable, Equatable {
    /// Its number in its segment (passages are numbered in document order).
    public var number: Int
    /// The number of its document in its segment.
    public var document: Int
    /// The 1-based line of its document it is on.
    public var line: Int
    /// The section path ("" when the passage is before any heading).
    public var section: String
    /// The original text.
    public var text: String
}
