import PolicyAnalysis
import PolicyIndex

/// The passages in which one query part occurs, with how often: the exact,
/// complete answer, in increasing passage order.
public struct PartMatches: Sendable, Equatable {
    public var passages: [Int32] = []
    /// Non-overlapping literal occurrences of the part in each passage.
    public var frequencies: [Int32] = []
    /// With ``PartMatcher/occurrences(of:in:)`` only: where each occurrence
    /// starts, overlapping ones included, in the normalized text of passage
    /// `passages[i]`: `starts[occurrenceStarts[i] ..< occurrenceStarts[i + 1]]`,
    /// increasing.
    public var occurrenceStarts: [Int32] = []
    public var starts: [Int32] = []

    public var count: Int { passages.count }
}

/// Finds every passage that contains a part literally (after normalization).
///
/// A one-character part is the union of the pairs it starts. A longer part is
/// checked through a set of its pairs that covers every one of its
/// characters (the cheapest such set, plus its rarest pair); a passage matches
/// where every chosen pair sits at its offset from one start position. That is
/// exact substring search, independent of word boundaries.
///
/// Punctuation and white space are not indexed (``GramKey/isIndexed(_:)``):
/// a part that holds some is looked for through its runs of indexed
/// characters, and the passages that hold them all are checked against their
/// stored text.
struct PartMatcher {
    let segment: Segment
    /// Normalizes stored text as passages were, for the check.
    let normalizer: TextNormalizer
    /// Where whole lists decoded for one search are kept, when one is given.
    var decoded: DecodedLists? = nil

    /// Pairs' passage lists decoded whole during one search: a proximity chain
    /// places its parts in the lists that matching them decoded already.
    final class DecodedLists {
        fileprivate var byKey: [UInt64: DecodedPostings] = [:]
    }

    /// A pair's passages and frequencies, decoded once per search when ``decoded`` is set.
    private func wholeDocs(_ term: TermInfo) throws -> DecodedPostings {
        if let known = decoded?.byKey[term.key] { return known }
        let docs = try segment.decodeDocs(term)
        decoded?.byKey[term.key] = docs
        return docs
    }

    func matches(_ scalars: [UInt32]) throws -> PartMatches {
        guard !scalars.isEmpty else { return PartMatches() }
        if scalars.allSatisfy(GramKey.isIndexed) { return try indexedMatches(scalars) }
        return try matchesCheckingText(scalars)
    }

    /// Every occurrence of a part of two or more indexed characters in each of
    /// `candidates` (sorted passages) that holds it, from the positions of its
    /// pairs: for a proximity operator, the positions of few passages.
    func occurrences(of scalars: [UInt32], in candidates: [Int32]) throws -> PartMatches {
        precondition(scalars.count > 1 && scalars.allSatisfy(GramKey.isIndexed), "placed by its pairs' positions")
        return try indexedMatches(scalars, within: candidates)
    }

    /// A part of indexed characters only; within `candidates`, with where each
    /// occurrence starts.
    private func indexedMatches(_ scalars: [UInt32], within candidates: [Int32]? = nil) throws -> PartMatches {
        let n = scalars.count
        if candidates?.isEmpty == true { return PartMatches(occurrenceStarts: [0]) }
        if n == 1 { return try matches(character: scalars[0]) }
        if n == 2, scalars[0] != scalars[1], candidates == nil {
            // Two different characters cannot overlap themselves: the pair's
            // postings are the answer, its frequencies the counts.
            guard let term = try segment.term(GramKey.pair(scalars[0], scalars[1])) else { return PartMatches() }
            let postings = try wholeDocs(term)
            return PartMatches(passages: postings.passages, frequencies: postings.frequencies)
        }
        // Every pair of the part; if one is missing, so is the part.
        var pairs: [TermInfo] = []
        for offset in 0..<(n - 1) {
            guard let term = try segment.term(GramKey.pair(scalars[offset], scalars[offset + 1])) else { return PartMatches() }
            pairs.append(term)
        }
        // The pairs to check: the cheapest set that covers every character
        // (no two neighbouring pairs both left out, the first and last in),
        // plus the rarest pair of all, which narrows the candidates fastest.
        var chosen = Set(Self.cheapestCover(pairs.map(\.documentFrequency)))
        chosen.insert(pairs.indices.min { pairs[$0].documentFrequency < pairs[$1].documentFrequency }!)

        // Each distinct pair once, with the offsets where it must sit.
        var terms: [(term: TermInfo, offsets: [Int32])] = []
        for offset in chosen.sorted() {
            let term = pairs[offset]
            if let known = terms.firstIndex(where: { $0.term.key == term.key }) {
                terms[known].offsets.append(Int32(offset))
            } else {
                terms.append((term, [Int32(offset)]))
            }
        }
        terms.sort { $0.term.documentFrequency < $1.term.documentFrequency }

        // 1. The passages that hold every pair: the rarest pair's passages (or
        // the candidates given) are the candidates. Each other pair is either
        // decoded whole and galloped through, or, when the candidates would
        // touch few of its blocks, looked up block by block through its skip
        // table, so that a common pair costs only the blocks that a rare one
        // points into.
        let driving: [Int32]
        // Per list, by candidate (an index into `driving`): the block and
        // the index in it where the candidate's passage is.
        var blockOf = [[Int32]](repeating: [], count: terms.count)
        var indexOf = [[Int32]](repeating: [], count: terms.count)
        var lists: [BlockedList] = []
        if let candidates {
            driving = candidates
        } else {
            let rarest = try wholeDocs(terms[0].term)
            driving = rarest.passages
            indexOf[0] = driving.indices.map(Int32.init)
            blockOf[0] = [Int32](repeating: 0, count: driving.count)
            lists = [BlockedList(whole: rarest)]
        }
        var survivors = Array(driving.indices)
        for k in lists.count..<terms.count {
            let term = terms[k].term
            // Blocks pay when the candidates touch few of them (a quarter at most).
            let sparse = survivors.count * 4 * IndexFormat.postingsBlockSize < term.documentFrequency
            let blocks = sparse ? try segment.blocks(of: term) : nil
            var list = blocks == nil ? BlockedList(whole: try wholeDocs(term)) : BlockedList(blocks: blocks)
            var kept: [Int] = []
            kept.reserveCapacity(survivors.count)
            // Filled in locals, not in the arrays of arrays (a write there checks uniqueness).
            var listBlockOf = [Int32](repeating: 0, count: driving.count)
            var listIndexOf = [Int32](repeating: 0, count: driving.count)
            var block = 0
            var cursor = 0
            // A list read whole is decoded once, before the loop.
            let whole = list.blocks == nil ? try list.docs(0, of: term, in: segment).passages : []
            for candidate in survivors {
                let passage = driving[candidate]
                let index: Int?
                if let blocks = list.blocks {
                    while block < blocks.count, blocks.lastPassage[block] < passage { block += 1 }
                    if block == blocks.count { break }
                    index = Self.index(of: passage, in: try list.docs(block, of: term, in: segment).passages)
                } else {
                    index = Self.advance(whole, from: &cursor, to: passage)
                    if let index { cursor = index }
                }
                guard let index else { continue }
                kept.append(candidate)
                listBlockOf[candidate] = Int32(block)
                listIndexOf[candidate] = Int32(index)
            }
            blockOf[k] = listBlockOf
            indexOf[k] = listIndexOf
            survivors = kept
            lists.append(list)
            if survivors.isEmpty { return PartMatches(occurrenceStarts: candidates == nil ? [] : [0]) }
        }
        if survivors.isEmpty { return PartMatches(occurrenceStarts: candidates == nil ? [] : [0]) }

        // 2. Positions of the surviving passages only, flat: list k's positions
        // for survivor c are `positions[starts[k * (S + 1) + c] ..< starts[k * (S + 1) + c + 1]]`
        // (S survivors).
        let stride = survivors.count + 1
        var positions: [Int32] = []
        var starts = [Int32](repeating: 0, count: terms.count * stride)
        for k in terms.indices {
            let term = terms[k].term
            let base = k * stride
            if let blocks = lists[k].blocks {
                // Block by block, the positions of the survivors in that block only.
                var start = 0
                while start < survivors.count {
                    let block = blockOf[k][survivors[start]]
                    var end = start
                    while end < survivors.count, blockOf[k][survivors[end]] == block { end += 1 }
                    let docs = try lists[k].docs(Int(block), of: term, in: segment)
                    let decoded = try segment.decodePositions(term, block: Int(block), of: blocks, docs: docs,
                                                              at: survivors[start..<end].map { Int(indexOf[k][$0]) })
                    let offset = Int32(positions.count)
                    for i in 0...(end - start) { starts[base + start + i] = offset + decoded.starts[i] }
                    positions += decoded.positions
                    start = end
                }
            } else {
                // In one pass, the positions of exactly the survivors.
                let docs = try lists[k].docs(0, of: term, in: segment)
                let decoded = try segment.decodePositions(term, of: docs, at: survivors.map { Int(indexOf[k][$0]) })
                let offset = Int32(positions.count)
                for i in 0..<stride { starts[base + i] = offset + decoded.starts[i] }
                positions += decoded.positions
            }
        }

        // 3. A passage matches where every pair sits at its offset from one start.
        let anchorOffset = terms[0].offsets[0]
        var checks: [(list: Int, offset: Int32)] = []
        for (k, term) in terms.enumerated() {
            for offset in term.offsets where !(k == 0 && offset == anchorOffset) { checks.append((k, offset)) }
        }
        var result = PartMatches()
        // Every start is kept (overlapping ones too) when they are asked for.
        let placing = candidates != nil
        if placing { result.occurrenceStarts = [0] }
        let length = Int32(n)
        positions.withUnsafeBufferPointer { positions in
            starts.withUnsafeBufferPointer { starts in
                for (c, candidate) in survivors.enumerated() {
                    var count: Int32 = 0
                    var nextFree: Int32 = .min
                    for a in Int(starts[c])..<Int(starts[c + 1]) {
                        let start = positions[a] - anchorOffset
                        if start < 0 || (start < nextFree && !placing) { continue }
                        var matched = true
                        for check in checks {
                            let base = check.list * stride + c
                            if !Self.contains(positions, Int(starts[base])..<Int(starts[base + 1]), start + check.offset) {
                                matched = false
                                break
                            }
                        }
                        if matched {
                            if placing { result.starts.append(start) }
                            if start >= nextFree {
                                count += 1
                                nextFree = start + length
                            }
                        }
                    }
                    if count > 0 {
                        result.passages.append(driving[candidate])
                        result.frequencies.append(count)
                        if placing { result.occurrenceStarts.append(Int32(result.starts.count)) }
                    }
                }
            }
        }
        return result
    }

    /// A part with punctuation or white space: the passages that hold each
    /// of its runs of indexed characters, checked against their text. A run
    /// followed by punctuation in the part must be so in a passage: its last
    /// character's pair with ``GramKey/end`` must be there too (that pair has
    /// no positions; the check places it). A lone character at the part's
    /// end is the union of every pair it starts: used only when there is no
    /// other run; a part with no run at all is checked against every passage.
    private func matchesCheckingText(_ scalars: [UInt32]) throws -> PartMatches {
        var runs: [(scalars: [UInt32], endsBeforePunctuation: Bool)] = []
        var run: [UInt32] = []
        for c in scalars {
            if GramKey.isIndexed(c) {
                run.append(c)
            } else if !run.isEmpty {
                runs.append((run, true))
                run = []
            }
        }
        if !run.isEmpty { runs.append((run, false)) }
        if runs.count > 1 { runs.removeAll { $0.scalars.count == 1 && !$0.endsBeforePunctuation } }
        var candidates: [Int32]?
        func narrow(to found: [Int32]) {
            candidates = candidates.map { Self.intersection($0, found) } ?? found
        }
        for run in runs.sorted(by: { $0.scalars.count > $1.scalars.count }) {
            if run.endsBeforePunctuation {
                guard let end = try segment.term(GramKey.pair(run.scalars.last!, GramKey.end)) else { return PartMatches() }
                narrow(to: try segment.decodeDocs(end).passages)
            }
            if run.scalars.count > 1 || !run.endsBeforePunctuation { narrow(to: try indexedMatches(run.scalars).passages) }
            if candidates?.isEmpty == true { return PartMatches() }
        }
        var result = PartMatches()
        func check(_ passage: Int, _ text: String) {
            let count = Self.occurrences(of: scalars, in: normalizer.normalize(text).scalars)
            if count > 0 {
                result.passages.append(Int32(passage))
                result.frequencies.append(count)
            }
        }
        if let candidates {
            try segment.forEachText(ofPassages: candidates.map(Int.init), check)
        } else {
            try segment.forEachText(ofPassages: 0..<segment.passageCount, check)
        }
        return result
    }

    /// Non-overlapping occurrences of `part` in `text`, counted from the start.
    static func occurrences(of part: [UInt32], in text: [UInt32]) -> Int32 {
        let n = part.count
        guard n > 0, text.count >= n else { return 0 }
        var count: Int32 = 0
        var start = 0
        while start <= text.count - n {
            if text[start] == part[0], text[start..<(start + n)].elementsEqual(part) {
                count += 1
                start += n
            } else {
                start += 1
            }
        }
        return count
    }

    /// The values in both sorted lists.
    static func intersection(_ a: [Int32], _ b: [Int32]) -> [Int32] {
        var result: [Int32] = []
        var cursor = 0
        for value in a {
            var probe = cursor
            if advance(b, from: &probe, to: value) != nil { result.append(value) }
            cursor = probe
        }
        return result
    }

    /// A pair's postings, whole or block by block, each block decoded once.
    private struct BlockedList {
        var blocks: PostingsBlocks?
        /// By block (one entry for a list read whole).
        var docs: [DecodedPostings?]

        init(blocks: PostingsBlocks? = nil, whole: DecodedPostings? = nil) {
            self.blocks = blocks
            docs = [DecodedPostings?](repeating: nil, count: blocks?.count ?? 1)
            if let whole { docs[0] = whole }
        }

        mutating func docs(_ block: Int, of term: TermInfo, in segment: Segment) throws -> DecodedPostings {
            if let known = docs[block] { return known }
            let decoded = try blocks.map { try segment.decodeDocs(term, block: block, of: $0) } ?? segment.decodeDocs(term)
            docs[block] = decoded
            return decoded
        }
    }

    /// The index of `passage` in sorted `passages`, if it is there.
    static func index(of passage: Int32, in passages: [Int32]) -> Int? {
        var lo = 0
        var hi = passages.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if passages[mid] < passage { lo = mid + 1 } else { hi = mid }
        }
        return lo < passages.count && passages[lo] == passage ? lo : nil
    }

    /// A one-character part: the union of the pairs that start with it (each
    /// occurrence starts exactly one), frequencies summed.
    private func matches(character: UInt32) throws -> PartMatches {
        let terms = try segment.terms(in: GramKey.pairs(startingWith: character))
        if terms.count == 1 {
            let postings = try segment.decodeDocs(terms[0])
            return PartMatches(passages: postings.passages, frequencies: postings.frequencies)
        }
        // Many lists: count in a dense array over all passages, then collect.
        var counts = [Int32](repeating: 0, count: segment.passageCount)
        for term in terms {
            let postings = try segment.decodeDocs(term)
            for (passage, frequency) in zip(postings.passages, postings.frequencies) { counts[Int(passage)] += frequency }
        }
        var result = PartMatches()
        for (passage, count) in counts.enumerated() where count > 0 {
            result.passages.append(Int32(passage))
            result.frequencies.append(count)
        }
        return result
    }

    /// The offsets of the pairs to check, given each pair's cost: the cheapest
    /// set in which the first and last pairs are and no two neighbours are
    /// both missing, so every character of the part is covered.
    static func cheapestCover(_ costs: [Int]) -> [Int] {
        let m = costs.count
        guard m > 1 else { return Array(0..<m) }
        // best[o]: the cheapest cover of characters 0...o+1 that uses pair o;
        // before[o]: the previous pair of that cover.
        var best = [Int](repeating: 0, count: m)
        var before = [Int](repeating: -1, count: m)
        best[0] = costs[0]
        for o in 1..<m {
            let viaPrevious = best[o - 1]
            let viaSkip = o >= 2 ? best[o - 2] : Int.max
            if viaSkip < viaPrevious {
                best[o] = costs[o] + viaSkip
                before[o] = o - 2
            } else {
                best[o] = costs[o] + viaPrevious
                before[o] = o - 1
            }
        }
        var cover: [Int] = []
        var o = m - 1
        while o >= 0 {
            cover.append(o)
            o = before[o]
        }
        return cover.reversed()
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
    static func contains(_ values: UnsafeBufferPointer<Int32>, _ range: Range<Int>, _ value: Int32) -> Bool {
        var lo = range.lowerBound
        var hi = range.upperBound
        while lo < hi {
            let mid = (lo + hi) / 2
            if values[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo < range.upperBound && values[lo] == value
    }

    /// Whether sorted `values[range]` holds `value`.
    @inline(__always)
    static func contains(_ values: [Int32], _ range: Range<Int>, _ value: Int32) -> Bool {
        values.withUnsafeBufferPointer { contains($0, range, value) }
    }

}
