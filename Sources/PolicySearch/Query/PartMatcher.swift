import PolicyAnalysis
import PolicyIndex

/// The passages in which one query part occurs, with how often: the exact,
/// complete answer, in increasing passage order.
public struct PartMatches: Sendable, Equatable {
    public var passages: [Int32] = []
    /// Non-overlapping literal occurrences of the part in each passage.
    public var frequencies: [Int32] = []

    public var count: Int { passages.count }
}

/// Finds every passage that contains a part literally (after normalization).
///
/// A one-character part reads that character's postings. A longer part is
/// covered by character pairs at offsets 0, 2, 4 … and the last pair; a
/// passage matches where every pair sits at its offset from one start
/// position. That is exact substring search, independent of word boundaries.
struct PartMatcher {
    let segment: Segment

    func matches(_ scalars: [UInt32]) throws -> PartMatches {
        let n = scalars.count
        guard n > 0 else { return PartMatches() }
        if n == 1 {
            guard let term = try segment.term(GramKey.single(scalars[0])) else { return PartMatches() }
            let postings = try segment.decodeDocs(term)
            return PartMatches(passages: postings.passages, frequencies: postings.frequencies)
        }
        var offsets = Array(stride(from: 0, to: n - 1, by: 2))
        if offsets.last != n - 2 { offsets.append(n - 2) }

        // Each distinct pair once, with the offsets where it must sit.
        var terms: [(term: TermInfo, offsets: [Int32])] = []
        for offset in offsets {
            let key = GramKey.pair(scalars[offset], scalars[offset + 1])
            if let known = terms.firstIndex(where: { $0.term.key == key }) {
                terms[known].offsets.append(Int32(offset))
                continue
            }
            guard let term = try segment.term(key) else { return PartMatches() }
            terms.append((term, [Int32(offset)]))
        }
        terms.sort { $0.term.documentFrequency < $1.term.documentFrequency }

        // 1. The passages that hold every pair: walk the rarest list, gallop in the others.
        let docs = try terms.map { try segment.decodeDocs($0.term) }
        var found = [[Int]](repeating: [], count: terms.count)
        var cursors = [Int](repeating: 0, count: terms.count)
        candidates: for (i, passage) in docs[0].passages.enumerated() {
            for k in 1..<max(1, terms.count) where k < terms.count {
                guard let at = Self.advance(docs[k].passages, from: &cursors[k], to: passage) else { continue candidates }
                cursors[k] = at
            }
            found[0].append(i)
            for k in 1..<max(1, terms.count) where k < terms.count { found[k].append(cursors[k]) }
        }
        if found[0].isEmpty { return PartMatches() }

        // 2. Positions of those passages only; a passage matches where every
        // pair sits at its offset from one start.
        let positions = try terms.indices.map { try segment.decodePositions(terms[$0].term, of: docs[$0], at: found[$0]) }
        var result = PartMatches()
        let length = Int32(n)
        let anchorOffset = terms[0].offsets[0]
        for candidate in found[0].indices {
            var count: Int32 = 0
            var nextFree: Int32 = .min
            let anchor = positions[0]
            for a in Int(anchor.starts[candidate])..<Int(anchor.starts[candidate + 1]) {
                let start = anchor.positions[a] - anchorOffset
                if start < nextFree || start < 0 { continue }
                var matched = true
                check: for (k, term) in terms.enumerated() {
                    let list = positions[k]
                    let lower = Int(list.starts[candidate])
                    let upper = Int(list.starts[candidate + 1])
                    for offset in term.offsets where !(k == 0 && offset == anchorOffset) {
                        if !Self.contains(list.positions, lower..<upper, start + offset) {
                            matched = false
                            break check
                        }
                    }
                }
                if matched {
                    count += 1
                    nextFree = start + length
                }
            }
            if count > 0 {
                result.passages.append(docs[0].passages[found[0][candidate]])
                result.frequencies.append(count)
            }
        }
        return result
    }

    /// The index of `target` in sorted `list` at or after `cursor`, by galloping; nil if absent.
    static func advance(_ list: [Int32], from cursor: inout Int, to target: Int32) -> Int? {
        var low = cursor
        guard low < list.count else { return nil }
        if list[low] >= target {
            return list[low] == target ? low : nil
        }
        var step = 1
        var high = low + step
        while high < list.count, list[high] < target {
            low = high
            step <<= 1
            high = low + step
        }
        high = min(high, list.count)
        // list[low] < target <= list[high] (or high == count)
        var lo = low + 1
        var hi = high
        while lo < hi {
            let mid = (lo + hi) / 2
            if list[mid] < target { lo = mid + 1 } else { hi = mid }
        }
        cursor = lo
        return lo < list.count && list[lo] == target ? lo : nil
    }

    /// Whether sorted `values[range]` holds `value`.
    @inline(__always)
    static func contains(_ values: [Int32], _ range: Range<Int>, _ value: Int32) -> Bool {
        var lo = range.lowerBound
        var hi = range.upperBound
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < range.upperBound && values[lo] == value
    }

}
