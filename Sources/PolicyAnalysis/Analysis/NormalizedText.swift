/// Text after normalization, with a way back to the original.
///
/// `scalars[i]` came from the original scalars starting at `origins[i]`; a
/// range of normalized scalars maps back with ``sourceRange(of:)``. White space
/// runs are collapsed to one U+0020, removed between two Han characters, and
/// the ends are trimmed; so the source range of `数据中心` in `数据 中心` takes in
/// the space.
public struct NormalizedText: Equatable, Sendable {
    /// Normalized Unicode scalar values.
    public var scalars: [UInt32]
    /// For each normalized scalar, the index of the original scalar it came from.
    public var origins: [Int32]
    /// For each normalized scalar, the end of the original scalars it came from
    /// (one past; more than one original scalar for a combining sequence).
    public var originEnds: [Int32]
    /// The number of scalars in the original text.
    public var sourceCount: Int

    public init(scalars: [UInt32], origins: [Int32], originEnds: [Int32], sourceCount: Int) {
        self.scalars = scalars
        self.origins = origins
        self.originEnds = originEnds
        self.sourceCount = sourceCount
    }

    /// The normalized text as a string.
    public var string: String {
        ScalarText.string(scalars)
    }

    public var isEmpty: Bool { scalars.isEmpty }

    /// The range of original scalars that produced the normalized `range`.
    public func sourceRange(of range: Range<Int>) -> Range<Int> {
        guard !range.isEmpty else {
            let at = range.lowerBound < origins.count ? Int(origins[range.lowerBound]) : sourceCount
            return at..<at
        }
        return Int(origins[range.lowerBound])..<Int(originEnds[range.upperBound - 1])
    }
}
