import Foundation

/// Cohesion: how much more often the characters of a string occur together
/// than chance would have them, as pointwise mutual information (PMI).
///
/// Splitting a string w into a left part a and a right part b,
/// `PMI(a, b) = log2(p(w) / (p(a) · p(b)))`, each probability a count over
/// the corpus's Han characters. A word holds together at every split, so its
/// cohesion is the minimum over its splits: 数据交易所 is only as cohesive as
/// its weakest joint, and a string that merely juxtaposes two common words
/// (推进数据) is weak at the joint between them.
extension NGramCounts {
    /// PMI in bits between the first `split` characters of `gram` and the rest.
    public func pointwiseMutualInformation(of gram: NGram, splitAt split: Int) -> Double {
        precondition(split > 0 && split < gram.length)
        let left = count(prefix(gram, length: split))
        let right = count(suffix(gram, length: gram.length - split))
        return Self.pointwiseMutualInformation(count: count(gram), left: left, right: right, total: characterTotal)
    }

    /// The cohesion of an n-gram of two or more characters: the minimum PMI, in
    /// bits, over the ways to cut it in two.
    public func cohesion(of gram: NGram) -> Double {
        (1..<gram.length).map { pointwiseMutualInformation(of: gram, splitAt: $0) }.min() ?? 0
    }

    /// `log2(count · total / (left · right))`: PMI in bits from counts, each
    /// probability being a count over `total` positions.
    public static func pointwiseMutualInformation(count: Int, left: Int, right: Int, total: Int) -> Double {
        log2(Double(count) * Double(total) / (Double(left) * Double(right)))
    }
}
