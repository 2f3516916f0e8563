import Foundation

/// BM25, as Lucene computes it, over passages.
///
/// For a query part with passage frequency `df` among `N` passages, its weight is
/// `idf = ln(1 + (N − df + 0.5) / (df + 0.5))`. In a passage of `dl` words
/// (ICU words) where the part occurs `tf` times (non-overlapping literal
/// occurrences), with `avgdl` the mean passage length, it scores
/// `idf · tf · (k1 + 1) / (tf + k1 · (1 − b + b · dl / avgdl))`.
/// A passage's score is the sum over the query's parts that occur in it
/// (each distinct part counted once, alternatives of `OR` included).
///
/// A passage shorter than ``minimumLength`` words counts as that long (`dl` is
/// `max(dl, minimumLength)`): without the floor, a table cell, a bare heading
/// or a scrap of page debris that is little more than the query outranks the
/// clauses that use it, since BM25 rewards short passages without bound.
public struct BM25: Sendable, Equatable {
    public var k1: Double
    public var b: Double
    /// The fewest words a passage counts as having, for length normalization.
    public var minimumLength: Double

    public static let defaultK1 = 1.2
    public static let defaultB = 0.75
    public static let defaultMinimumLength = 16.0

    public init(k1: Double = BM25.defaultK1, b: Double = BM25.defaultB, minimumLength: Double = BM25.defaultMinimumLength) {
        self.k1 = k1
        self.b = b
        self.minimumLength = minimumLength
    }

    /// The inverse document frequency of a part found in `df` of `N` passages.
    public func idf(documentFrequency df: Int, passageCount n: Int) -> Double {
        log(1 + (Double(n) - Double(df) + 0.5) / (Double(df) + 0.5))
    }

    /// The score of one part in one passage.
    public func score(termFrequency tf: Int, passageLength dl: Int, averageLength avgdl: Double, idf: Double) -> Double {
        let tf = Double(tf)
        let norm = avgdl > 0 ? 1 - b + b * max(Double(dl), minimumLength) / avgdl : 1
        return idf * tf * (k1 + 1) / (tf + k1 * norm)
    }
}
