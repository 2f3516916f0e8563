/// A word as ICU's word break iterator finds it in normalized text.
public struct Token: Equatable, Sendable {
    /// What kind of word ICU says this is.
    public enum Kind: String, Sendable {
        case number, letter, kana, ideographic
    }

    /// The normalized text of the word.
    public var text: String
    /// Its range in the normalized scalars.
    public var normalizedRange: Range<Int>
    /// Its range in the original text's scalars.
    public var sourceRange: Range<Int>
    public var kind: Kind

    public init(text: String, normalizedRange: Range<Int>, sourceRange: Range<Int>, kind: Kind) {
        self.text = text
        self.normalizedRange = normalizedRange
        self.sourceRange = sourceRange
        self.kind = kind
    }
}
