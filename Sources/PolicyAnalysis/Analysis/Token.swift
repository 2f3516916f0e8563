/// A word as segmentation finds it in normalized text: ICU's word break
/// iterator, or a user dictionary over it.
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
    /// The dictionary the word came from (``UserDictionary/Source/name``); nil when ICU's.
    public var dictionary: String?

    public init(text: String, normalizedRange: Range<Int>, sourceRange: Range<Int>, kind: Kind, dictionary: String? = nil) {
        self.text = text
        self.normalizedRange = normalizedRange
        self.sourceRange = sourceRange
        self.kind = kind
        self.dictionary = dictionary
    }
}
