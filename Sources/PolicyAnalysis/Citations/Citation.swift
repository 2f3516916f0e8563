/// One reference a document makes to another: a title in 《…》 (or 〈…〉 inside
/// one, or an alias that stands for one) or a document number
/// (国发〔2015〕50号, 国务院令第735号).
public struct Citation: Sendable, Hashable {
    /// What kind of reference it is.
    public enum Kind: UInt8, Sendable, Hashable {
        /// A title, as 《网络安全法》 writes it.
        case title = 1
        /// A document number (`国发〔2015〕50号`) or an order number (`国务院令第735号`).
        case number = 2
    }

    public var kind: Kind
    /// What is cited, in the index's normalized form (NFKC, Simplified,
    /// half-width): the title without its brackets, or the number in the form
    /// ``DocumentNumber`` gives (`国发〔2015〕50号`). An alias's use names the
    /// title it stands for.
    public var target: String
    /// The passage it is in, counted from the document's first (0).
    public var passage: Int
    /// The article of the cited law that follows the title (`第二十一条`,
    /// `第三十条第二款`), or "".
    public var article: String
    /// Whether the reference was an alias (`《纲要》` after `（以下简称《纲要》）`).
    public var isAlias: Bool

    public init(kind: Kind, target: String, passage: Int, article: String = "", isAlias: Bool = false) {
        self.kind = kind
        self.target = target
        self.passage = passage
        self.article = article
        self.isAlias = isAlias
    }
}

/// What a document says of itself and of others: its own numbers, the date of
/// its version, and the references it makes, in text order.
public struct DocumentCitations: Sendable, Equatable {
    /// The document's own numbers (normalized), as its heading or a 发文字号
    /// line states them: never counted as citations of itself.
    public var numbers: [String]
    /// The date of the document's version (YYYY-MM-DD) or "": the date in its
    /// file name (`网络安全法(2016-11-07).md`), else the latest date its header
    /// lines state (the last amendment of a law), else its date of issue.
    public var versionDate: String
    /// The references, in the order of the text.
    public var citations: [Citation]

    public init(numbers: [String] = [], versionDate: String = "", citations: [Citation] = []) {
        self.numbers = numbers
        self.versionDate = versionDate
        self.citations = citations
    }
}
