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
    /// The scalars before Traditional→Simplified folding, when it changed
    /// one (else empty): see ``wordScalars``.
    public var unfolded: [UInt32]
    /// For each normalized scalar, the index of the original scalar it came from.
    public var origins: [Int32]
    /// For each normalized scalar, the end of the original scalars it came from
    /// (one past; more than one original scalar for a combining sequence).
    public var originEnds: [Int32]
    /// The number of scalars in the original text.
    public var sourceCount: Int

    public init(scalars: [UInt32], unfolded: [UInt32] = [], origins: [Int32], originEnds: [Int32], sourceCount: Int) {
        self.scalars = scalars
        self.unfolded = unfolded
        self.origins = origins
        self.originEnds = originEnds
        self.sourceCount = sourceCount
    }

    /// What words are cut from: the normalized scalars as written, before
    /// Traditional→Simplified folding (NFKC with case folding and the white
    /// space rules only), one for one with ``scalars``, at the same offsets.
    /// Folding character by character is right for matching but changes words:
    /// `著` is a Simplified character too, yet folds to `着`, and ICU cuts
    /// `显着` as `显|着`, where `显著` is one word.
    public var wordScalars: [UInt32] { unfolded.isEmpty ? scalars : unfolded }

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
