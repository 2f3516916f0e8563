/// A stretch of normalized text as segmentation leaves it: a word, or what lies
/// between words (punctuation, spaces, symbols).
public struct TextSpan: Equatable, Sendable {
    /// Its range in the normalized scalars.
    public var range: Range<Int>
    /// What kind of word it is; nil when it is not a word.
    public var kind: Token.Kind?
    /// The dictionary source the word came from (an index into
    /// ``UserDictionary/sources``), or nil when ICU (or the fallback to single
    /// characters) gave it.
    public var source: Int?
}
