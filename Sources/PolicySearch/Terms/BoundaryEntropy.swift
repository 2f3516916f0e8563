import Foundation

/// Boundary freedom: how varied the characters just before and just after a
/// string are, as the entropy (in bits) of their distribution.
///
/// A word combines with many neighbours (数据交易 follows 推进, 开展, 规范 and
/// precedes 所, 平台, 。…); a fragment of a longer word has few (联网 is nearly
/// always after 互 or 物, so its left entropy is low). The edge of a passage
/// counts as a neighbour seen once, different from every other: a string at a
/// passage's start is not bound to anything on its left.
public struct BoundaryEntropy: Sendable {
    /// Per chosen n-gram, in the order given: the entropy of its left and right neighbours.
    public private(set) var left: [Double]
    public private(set) var right: [Double]
    /// Per chosen n-gram: the documents it occurs in.
    public private(set) var documents: [Int]

    /// Measures the n-grams of `grams` (the others of `counts` are skipped) in
    /// one pass over `corpus`, the one that `counts` counted.
    public init(of grams: [NGram], in corpus: TermCorpus, counts: NGramCounts) {
        // Which chosen n-gram each (length, id) is, or -1.
        var index = (0...counts.longestLength).map { [Int32](repeating: -1, count: counts.gramCount(ofLength: $0)) }
        for (position, gram) in grams.enumerated() { index[gram.length][gram.id] = Int32(position) }
        let longest = grams.map(\.length).max() ?? 0

        // Neighbour counts: key = n-gram index << 22 | side << 21 | neighbour scalar.
        var neighbours = PackedKeyTable(capacity: grams.count * 8)
        var neighbourCounts: [UInt32] = []
        var documents = [Int](repeating: 0, count: grams.count)
        var lastDocument = [Int32](repeating: -1, count: grams.count)
        let text = corpus.scalars
        let starts = corpus.documentStarts
        var document = starts.count - 1
        counts.forEachOccurrence(in: corpus, upTo: longest) { start, gram in
            let chosen = index[gram.length][gram.id]
            guard chosen >= 0 else { return }
            // Occurrences come from the end backwards.
            while document > 0 && starts[document] > start { document -= 1 }
            if lastDocument[Int(chosen)] != Int32(document) {
                lastDocument[Int(chosen)] = Int32(document)
                documents[Int(chosen)] += 1
            }
            let before = start > 0 ? text[start - 1] : TermCorpus.separator
            let after = text[start + gram.length]
            for (side, neighbour) in [(UInt64(0), before), (1, after)] where neighbour != TermCorpus.separator {
                let number = neighbours.insert(UInt64(chosen) << 22 | side << 21 | UInt64(neighbour))
                if number == neighbourCounts.count { neighbourCounts.append(1) } else { neighbourCounts[number] &+= 1 }
            }
        }
        // H = log2(T) − Σ c·log2(c) / T over the neighbours seen, T the occurrences;
        // each passage edge is a neighbour seen once, adding 1·log2(1) = 0.
        var sums = [[Double]](repeating: [Double](repeating: 0, count: grams.count), count: 2)
        for (number, key) in neighbours.keys.enumerated() {
            let c = Double(neighbourCounts[number])
            sums[Int(key >> 21 & 1)][Int(key >> 22)] += c * log2(c)
        }
        let totals = grams.map { Double(counts.count($0)) }
        left = zip(totals, sums[0]).map { total, sum in Self.entropy(total: total, sumOfCLogC: sum) }
        right = zip(totals, sums[1]).map { total, sum in Self.entropy(total: total, sumOfCLogC: sum) }
        self.documents = documents
    }

    /// The entropy in bits of a distribution of `total` observations, given
    /// the sum of c·log2(c) over its outcomes' counts c.
    static func entropy(total: Double, sumOfCLogC: Double) -> Double {
        total <= 0 ? 0 : max(0, log2(total) - sumOfCLogC / total)
    }

    /// The entropy in bits of a distribution given by its outcomes' counts.
    public static func entropy(ofCounts counts: [Int]) -> Double {
        let total = Double(counts.reduce(0, +))
        return entropy(total: total, sumOfCLogC: counts.filter { $0 > 0 }.reduce(0) { $0 + Double($1) * log2(Double($1)) })
    }
}
