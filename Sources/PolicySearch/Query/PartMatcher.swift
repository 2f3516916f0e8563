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
            let postings = try segment.decode(term, withPositions: false)
            return PartMatches(passages: postings.passages, frequencies: postings.frequencies)
        }
        var offsets = Array(stride(from: 0, to: n - 1, by: 2))
        if offsets.last != n - 2 { offsets.append(n - 2) }

        // Decode each distinct pair once; remember at which offsets it must sit.
        var lists: [(postings: DecodedPostings, offsets: [Int32])] = []
        var indexOfKey: [UInt64: Int] = [:]
        for offset in offsets {
            let key = GramKey.pair(scalars[offset], scalars[offset + 1])
            if let known = indexOfKey[key] {
                lists[known].offsets.append(Int32(offset))
                continue
            }
            guard let term = try segment.term(key) else { return PartMatches() }
            indexOfKey[key] = lists.count
            lists.append((try segment.decode(term, withPositions: true), [Int32(offset)]))
        }
        lists.sort { $0.postings.passages.count < $1.postings.passages.count }

        var result = PartMatches()
        var cursors = [Int](repeating: 0, count: lists.count)
        let length = Int32(n)
        // Walk the rarest list; find each of its passages in the others.
        let rarest = lists[0].postings
        candidates: for (i, passage) in rarest.passages.enumerated() {
            for k in 1..<max(1, lists.count) where k < lists.count {
                guard let found = Self.advance(lists[k].postings.passages, from: &cursors[k], to: passage) else {
                    continue candidates
                }
                cursors[k] = found
            }
            cursors[0] = i
            // Candidate start positions come from the rarest pair at its first offset.
            let anchorOffset = lists[0].offsets[0]
            var count: Int32 = 0
            var nextFree: Int32 = .min
            let anchor = Self.positions(of: rarest, at: i)
            for position in anchor {
                let start = position - anchorOffset
                if start < nextFree || start < 0 { continue }
                var ok = true
                check: for (k, list) in lists.enumerated() {
                    let positions = Self.positions(of: list.postings, at: cursors[k])
                    for offset in list.offsets where !(k == 0 && offset == anchorOffset) {
                        if !Self.contains(positions, start + offset) {
                            ok = false
                            break check
                        }
                    }
                }
                if ok {
                    count += 1
                    nextFree = start + length
                }
            }
            if count > 0 {
                result.passages.append(passage)
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

    static func positions(of postings: DecodedPostings, at index: Int) -> ArraySlice<Int32> {
        postings.positions[Int(postings.positionStarts[index])..<Int(postings.positionStarts[index + 1])]
    }

    static func contains(_ sorted: ArraySlice<Int32>, _ value: Int32) -> Bool {
        var lo = sorted.startIndex
        var hi = sorted.endIndex
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.endIndex && sorted[lo] == value
    }
}
