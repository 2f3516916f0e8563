/// The whole analysis of a passage: normalization, then words for its length
/// (ICU's, or a user dictionary's over them). One per thread (it holds ICU
/// objects and caches); the dictionary itself is shared.
public final class Analyzer {
    public let normalizer: TextNormalizer
    public let segmenter: WordSegmenter

    public init(dictionary: UserDictionary? = nil) throws {
        normalizer = try TextNormalizer()
        segmenter = try WordSegmenter(dictionary: dictionary)
    }

    /// Normalizes a passage's scalars and counts its words.
    public func analyze(_ scalars: ArraySlice<UInt32>) -> (normalized: NormalizedText, wordCount: Int) {
        let normalized = normalizer.normalize(scalars)
        return (normalized, segmenter.countWords(in: normalized))
    }

    /// The words of a text, with offsets into its normalized form and into it.
    public func tokens(of text: String) -> (normalized: NormalizedText, tokens: [Token]) {
        let normalized = normalizer.normalize(text)
        return (normalized, segmenter.tokens(of: normalized))
    }
}
