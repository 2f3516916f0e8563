/// A page of a search: exact totals and the hits asked for, loaded (text,
/// section path, document and its metadata, match ranges).
public struct SearchPage: Sendable {
    public var query: Query
    /// Every hit (passage), counted exactly.
    public var total: Int
    /// The documents the hits are in.
    public var documents: Int
    /// Hits skipped before this page.
    public var offset: Int
    /// The page's hits, best first, ranked from `offset + 1`.
    public var hits: [Hit]
    /// When nothing matched: a looser query that finds something, with its total.
    public var suggestion: (query: Query, total: Int)?
    /// When the page collapsed identical passages: the distinct texts among
    /// all ``total`` hits.
    public var distinctTexts: Int? = nil
}

/// How a search's hits are given: how many, in what words.
public struct HitOptions: Sendable {
    public var search: SearchOptions
    /// Widen each highlight to the whole words it touches (ICU under the dictionaries in force).
    public var widensToWords: Bool

    public init(search: SearchOptions = SearchOptions(), widensToWords: Bool = false) {
        self.search = search
        self.widensToWords = widensToWords
    }
}
