/// A stretch of normalized text as segmentation leaves it: a word, or what lies
/// between words (punctuation, spaces, symbols).
public struct TextSpan: Equatable, Sendable {
    /// Its range in the normalized scalars.
    public var range: Range<Int>
    /// What kind of word it is; nil when it is not a word.
    public var kind: Token.Kind?
    /// The dictionary source the word came from (an index into
    /// ``UserDictionary/sources``), or nil when ICU (or the fallback to single
    /// characters) gave it.
    public var source: Int?
}

/// Segments one piece of normalized text with a ``UserDictionary`` over ICU's
/// word boundaries.
///
/// The choice is a best path through the lattice of every dictionary word
/// found in the piece: fewest words first, then fewest word ends that are not
/// ICU boundaries (so ICU decides between equally short readings), then fewest
/// characters standing alone that the dictionary does not know, then the
/// longer word first. The candidates:
/// - dictionary words (and number shapes, see ``NumberRuns``) that start and end
///   where a word may: at an ICU boundary, or between two characters of one of
///   ICU's ideographic words; so Latin and digit runs (`5G`, `Hadoop`, `2025`)
///   are never cut, while a word may take them in (`5G网络`, `APT攻击`, `互联网+`);
/// - ICU's words where the dictionary has nothing to say: each ICU ideographic
///   word, clipped to the characters that no dictionary word covers, and every
///   non-ideographic ICU segment whole;
/// - single ideographic characters, so that a path always exists.
/// Where no dictionary word matches, the result is ICU's segmentation.
///
/// Not thread-safe (it keeps buffers): one per ``WordSegmenter``.
final class DictionarySegmenter {
    let dictionary: UserDictionary
    private let trie: HashedTrie

    /// Buffers reused from piece to piece, indexed by position p of the piece
    /// (0...n). They are moved into a local variable while a piece is segmented:
    /// a class's stored arrays would pay for exclusivity checks on every access.
    private struct Work {
        /// Whether a word may start or end at p.
        var breakable: [Bool] = []
        /// Whether p is an ICU boundary.
        var boundary: [Bool] = []
        /// The ICU segment that holds the character at p.
        var icuSegment: [Int32] = []
        /// Whether ICU's segment holding the character at p is ideographic.
        var ideographic: [Bool] = []
        /// How many dictionary words cover the character at p (a difference array first).
        var covered: [Int32] = []
        /// The end of ICU's word starting at p where the dictionary has nothing to say, or -1.
        var icuEdge: [Int32] = []
        /// The dictionary words starting at p: `edgeEnds[edgeFirst[p]..<edgeFirst[p + 1]]`.
        var edgeFirst: [Int32] = []
        var edgeEnds: [Int32] = []
        var edgeSources: [UInt16] = []
        /// The cost of the best path from p to the end, its first word's end and source.
        var best: [UInt64] = []
        var choice: [Int32] = []
        var choiceSource: [Int32] = []
        /// Walks in progress: (trie node, position).
        var pending: [(node: UInt32, at: Int)] = []
    }

    private var work = Work()

    init(dictionary: UserDictionary) {
        self.dictionary = dictionary
        trie = dictionary.trie
    }

    // Path costs, compared as one number: words, then ends off ICU's boundaries,
    // then unknown single characters.
    private static let wordCost: UInt64 = 1 << 42
    private static let offBoundaryCost: UInt64 = 1 << 21
    private static let unknownSingleCost: UInt64 = 1
    private static let unreachable = UInt64.max

    /// Appends the spans of `scalars` (one piece) to `spans`, offsets counted
    /// from `base`. `ends` and `statuses` are ICU's segments of the piece, ends
    /// in scalars relative to its start.
    func segment(_ scalars: ArraySlice<UInt32>, icuEnds ends: [Int], statuses: ArraySlice<Int32>, base: Int,
                 into spans: inout [TextSpan]) {
        let n = scalars.count
        guard n > 0 else { return }
        var w = work
        work = Work()
        defer { work = w }
        Self.prepare(&w, count: n)

        // ICU's segments: boundaries, and where words may be cut.
        var start = 0
        for (index, end) in ends.enumerated() {
            w.boundary[end] = true
            w.breakable[end] = true
            let ideographic = WordSegmenter.kind(ofStatus: statuses[statuses.startIndex + index]) == .ideographic
            for p in start..<end {
                w.icuSegment[p] = Int32(index)
                w.ideographic[p] = ideographic
                if ideographic && p > start { w.breakable[p] = true }
            }
            start = end
        }
        w.boundary[0] = true
        w.breakable[0] = true

        // Every dictionary word that starts and ends where a word may, grouped by start.
        collectWords(scalars, count: n, into: &w)

        // ICU's words where no dictionary word reaches: ideographic words clipped
        // to their uncovered characters, other segments whole.
        var depth: Int32 = 0
        for p in 0..<n {
            depth += w.covered[p]
            w.covered[p] = depth
        }
        start = 0
        for end in ends {
            defer { start = end }
            guard w.ideographic[start] else {
                w.icuEdge[start] = Int32(end)
                continue
            }
            var p = start
            while p < end {
                guard w.covered[p] == 0 else {
                    p += 1
                    continue
                }
                var q = p + 1
                while q < end, w.covered[q] == 0 { q += 1 }
                if q - p > 1 { w.icuEdge[p] = Int32(q) }
                p = q
            }
        }

        // The best path from each position to the end; on equal cost the longer first word.
        w.best[n] = 0
        for i in stride(from: n - 1, through: 0, by: -1) {
            var bestCost = Self.unreachable
            var bestEnd: Int32 = -1
            var bestSource: Int32 = -1
            @inline(__always)
            func consider(_ end: Int, _ cost: UInt64, _ source: Int32) {
                let rest = w.best[end]
                guard rest != Self.unreachable else { return }
                let total = rest + cost + (w.boundary[end] ? 0 : Self.offBoundaryCost)
                if total < bestCost || (total == bestCost && end > bestEnd) {
                    bestCost = total
                    bestEnd = Int32(end)
                    bestSource = source
                }
            }
            if w.breakable[i] {
                for k in Int(w.edgeFirst[i])..<Int(w.edgeFirst[i + 1]) {
                    consider(Int(w.edgeEnds[k]), Self.wordCost, Int32(w.edgeSources[k]) - 1)
                }
                if w.ideographic[i] && w.breakable[i + 1] {
                    consider(i + 1, Self.wordCost + Self.unknownSingleCost, -1)
                }
            }
            if w.icuEdge[i] >= 0 { consider(Int(w.icuEdge[i]), Self.wordCost, -1) }
            w.best[i] = bestCost
            w.choice[i] = bestEnd
            w.choiceSource[i] = bestSource
        }

        // Walk the path; a position with no path (cannot happen: ICU's own
        // segments always form one) falls back to ICU's segment.
        var i = 0
        while i < n {
            var end = Int(w.choice[i])
            var source: Int? = w.choiceSource[i] >= 0 ? Int(w.choiceSource[i]) : nil
            if end <= i {
                end = ends[Int(w.icuSegment[i])]
                source = nil
            }
            let kind = Self.kind(of: i..<end, ends: ends, statuses: statuses, icuSegment: w.icuSegment)
            spans.append(TextSpan(range: base + i..<base + end, kind: kind, source: source))
            i = end
        }
    }

    /// Finds every dictionary word (and number shape) that starts at a
    /// breakable position and ends at one; records them by start in the edge
    /// lists and marks the characters they cover.
    private func collectWords(_ scalars: ArraySlice<UInt32>, count n: Int, into w: inout Work) {
        let s0 = scalars.startIndex
        let shapes = dictionary.hasShapes
        for i in 0..<n {
            w.edgeFirst[i] = Int32(w.edgeEnds.count)
            guard w.breakable[i] else { continue }
            // A walk branches only where a number run may be taken whole.
            w.pending.append((HashedTrie.root, i))
            while let (node, j) = w.pending.popLast() {
                guard j < n else { continue }
                let scalar = scalars[s0 + j]
                if shapes {
                    let previous = j > 0 ? scalars[s0 + j - 1] : 0
                    if NumberRuns.isDigit(scalar) && !NumberRuns.isDigit(previous),
                        let next = trie.child(of: node, NumberRuns.digitPlaceholder)
                    {
                        let end = NumberRuns.digitRunEnd(in: scalars, from: s0 + j) - s0
                        reach(next, at: end, from: i, count: n, into: &w)
                    } else if NumberRuns.isNumeral(scalar) && !NumberRuns.isNumeral(previous),
                        let next = trie.child(of: node, NumberRuns.numeralPlaceholder)
                    {
                        let end = NumberRuns.numeralRunEnd(in: scalars, from: s0 + j) - s0
                        if end > j { reach(next, at: end, from: i, count: n, into: &w) }
                    }
                }
                if let next = trie.child(of: node, scalar) {
                    reach(next, at: j + 1, from: i, count: n, into: &w)
                }
            }
        }
        w.edgeFirst[n] = Int32(w.edgeEnds.count)
    }

    /// Records a word ending at `end` if the trie has one there, and continues the walk.
    @inline(__always)
    private func reach(_ node: UInt32, at end: Int, from start: Int, count n: Int, into w: inout Work) {
        let source = trie.wordSource[Int(node)]
        if source != 0 && w.breakable[end] {
            w.edgeEnds.append(Int32(end))
            w.edgeSources.append(source)
            w.covered[start] += 1
            w.covered[end] -= 1
        }
        if end < n { w.pending.append((node, end)) }
    }

    /// A span's kind: ideographic if it takes in any of ICU's ideographic
    /// characters, else the kind of the first ICU word in it; nil when it holds
    /// no word at all (punctuation, spaces, symbols).
    private static func kind(of range: Range<Int>, ends: [Int], statuses: ArraySlice<Int32>,
                             icuSegment: [Int32]) -> Token.Kind? {
        var found: Token.Kind?
        var segment = Int(icuSegment[range.lowerBound])
        while segment < ends.count {
            let kind = WordSegmenter.kind(ofStatus: statuses[statuses.startIndex + segment])
            if kind == .ideographic { return kind }
            if found == nil { found = kind }
            if ends[segment] >= range.upperBound { break }
            segment += 1
        }
        return found
    }

    private static func prepare(_ w: inout Work, count n: Int) {
        func reset<T>(_ array: inout [T], _ value: T) {
            array.removeAll(keepingCapacity: true)
            array.append(contentsOf: repeatElement(value, count: n + 1))
        }
        reset(&w.breakable, false)
        reset(&w.boundary, false)
        reset(&w.icuSegment, 0)
        reset(&w.ideographic, false)
        reset(&w.covered, 0)
        reset(&w.icuEdge, -1)
        reset(&w.edgeFirst, 0)
        reset(&w.best, Self.unreachable)
        reset(&w.choice, -1)
        reset(&w.choiceSource, -1)
        w.edgeEnds.removeAll(keepingCapacity: true)
        w.edgeSources.removeAll(keepingCapacity: true)
        w.pending.removeAll(keepingCapacity: true)
    }
}
