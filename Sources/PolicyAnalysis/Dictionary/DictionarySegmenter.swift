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
/// ICU's dictionary segmentation of Han text is most of its cost, and with a
/// large dictionary it rarely matters: it only breaks ties. So the caller may
/// give each run of Han characters as one *deferred* segment (found by ICU's
/// rules with the Han characters masked, which leaves every other boundary as
/// it is); ICU segments a deferred run on its own (which gives the same words
/// as in context) only when the run holds two uncovered characters in a row,
/// or lies in a stretch of the lattice where two readings have the fewest
/// words. Elsewhere the best path does not depend on ICU's boundaries.
///
/// Not thread-safe (it keeps buffers): one per ``WordSegmenter``.
final class DictionarySegmenter {
    let dictionary: UserDictionary
    let trie: HashedTrie
    /// Whether Han runs are worth deferring: the dictionary covers most
    /// characters (it lists many single characters), so that few runs need ICU.
    let defersHanRuns: Bool

    // The buffers (Positions, Work) are in DictionarySegmenter+Buffers.swift,
    // the lattice and the deferred runs in files of their own.
    private var positions = Positions(capacity: WordSegmenter.maximumPiece + 1)
    private var work = Work()

    deinit {
        work.edgeEnds.deallocate()
        work.edgeSources.deallocate()
    }

    /// `deferringHanRuns` overrides the choice made from the dictionary (for tests).
    init(dictionary: UserDictionary, deferringHanRuns: Bool? = nil) {
        self.dictionary = dictionary
        trie = dictionary.trie
        defersHanRuns = deferringHanRuns ?? (dictionary.singleCharacterWords >= Self.deferringSingleCharacterWords)
    }

    /// How many single-character words a dictionary must list for Han runs to be deferred.
    static let deferringSingleCharacterWords = 500

    // Path costs, compared as one number: words, then ends off ICU's boundaries,
    // then unknown single characters.
    private static let wordCost: UInt64 = 1 << 42
    private static let offBoundaryCost: UInt64 = 1 << 21
    private static let unknownSingleCost: UInt64 = 1
    static let unreachable = UInt64.max

    /// Segments `scalars` (one piece), appends its spans (offsets counted from
    /// `base`) to `spans` when `collecting`, and returns its number of words.
    /// `ends` and `statuses` are ICU's segments of the piece, ends in scalars
    /// relative to its start; `deferred`, when given, marks the segments that
    /// are Han runs not segmented yet, which `segmentRun` segments on demand
    /// (ends relative to the run's start, as ICU gives them).
    func segment(_ scalars: ArraySlice<UInt32>, icuEnds ends: [Int], statuses: ArraySlice<Int32>,
                 deferred: [Bool]?,
                 segmentRun: (Range<Int>) -> (ends: ArraySlice<Int32>, kinds: ArraySlice<Int32>),
                 base: Int, collecting: Bool, into spans: inout [TextSpan]) -> Int {
        let n = scalars.count
        guard n > 0 else { return 0 }
        if positions.capacity < n + 1 { positions = Positions(capacity: n + 1) }
        let b = positions
        var w = work
        work = Work()
        defer { work = w }
        Self.prepare(&w, b, count: n)
        w.ends.append(contentsOf: ends)
        w.statuses.append(contentsOf: statuses)
        if let deferred {
            w.deferred.append(contentsOf: deferred)
        } else {
            w.deferred.append(contentsOf: repeatElement(false, count: ends.count))
        }
        w.needed.removeAll(keepingCapacity: true)
        w.needed.append(contentsOf: repeatElement(false, count: ends.count))
        Self.layOut(&w, b)
        b.boundary[0] = true
        b.breakable[0] = true

        // Every dictionary word that starts and ends where a word may, grouped by start.
        collectWords(scalars, count: n, into: &w, b)
        var depth: Int32 = 0
        for p in 0..<n {
            depth += b.covered[p]
            b.covered[p] = depth
        }

        // Deferred Han runs that ICU must segment: two uncovered characters in a
        // row (ICU groups them), then runs in stretches with ties.
        if deferred != nil {
            if Self.markUncoveredRuns(&w, b) {
                Self.splice(&w, b, count: n, segmentRun: segmentRun)
            }
            Self.findICUEdges(&w, b, count: n)
            if Self.markTiedRuns(&w, b, count: n) {
                Self.splice(&w, b, count: n, segmentRun: segmentRun)
            }
        } else {
            Self.findICUEdges(&w, b, count: n)
        }

        // The best path from each position to the end; on equal cost the longer first word.
        b.best[n] = 0
        let edgeEnds = w.edgeEnds.elements
        let edgeSources = w.edgeSources.elements
        for i in stride(from: n - 1, through: 0, by: -1) {
            var bestCost = Self.unreachable
            var bestEnd: Int32 = -1
            var bestSource: Int32 = -1
            @inline(__always)
            func consider(_ end: Int, _ cost: UInt64, _ source: Int32) {
                let rest = b.best[end]
                guard rest != Self.unreachable else { return }
                let total = rest + cost + (b.boundary[end] ? 0 : Self.offBoundaryCost)
                if total < bestCost || (total == bestCost && end > bestEnd) {
                    bestCost = total
                    bestEnd = Int32(end)
                    bestSource = source
                }
            }
            if b.breakable[i] {
                for k in Int(b.edgeFirst[i])..<Int(b.edgeFirst[i + 1]) {
                    consider(Int(edgeEnds[k]), Self.wordCost, Int32(edgeSources[k]) - 1)
                }
                if b.ideographic[i] && b.breakable[i + 1] {
                    consider(i + 1, Self.wordCost + Self.unknownSingleCost, -1)
                }
            }
            if b.icuEdge[i] >= 0 { consider(Int(b.icuEdge[i]), Self.wordCost, -1) }
            b.best[i] = bestCost
            b.choice[i] = bestEnd
            b.choiceSource[i] = bestSource
        }

        // Walk the path; a position with no path (cannot happen: ICU's own
        // segments always form one) falls back to ICU's segment.
        var words = 0
        var i = 0
        while i < n {
            var end = Int(b.choice[i])
            var source: Int? = b.choiceSource[i] >= 0 ? Int(b.choiceSource[i]) : nil
            if end <= i {
                end = w.ends[Int(b.icuSegment[i])]
                source = nil
            }
            let kind = Self.kind(of: i..<end, ends: w.ends, statuses: w.statuses, icuSegment: b.icuSegment)
            if kind != nil { words += 1 }
            if collecting { spans.append(TextSpan(range: base + i..<base + end, kind: kind, source: source)) }
            i = end
        }
        return words
    }

    /// Whether some dictionary word may occur in `scalars` (false: none does,
    /// so the segmentation is ICU's). A quick look: a word's first two
    /// characters (or number runs), or its only one, wherever they are.
    func mayMatch(_ scalars: ArraySlice<UInt32>) -> Bool {
        let shapes = dictionary.hasShapes
        return trie.withReader { trie in
            // The placeholder a number run starting with `scalar` stands for, if any.
            @inline(__always)
            func placeholder(_ scalar: UInt32) -> UInt32? {
                guard shapes else { return nil }
                if NumberRuns.isDigit(scalar) { return NumberRuns.digitPlaceholder }
                return NumberRuns.isNumeral(scalar) ? NumberRuns.numeralPlaceholder : nil
            }
            return scalars.withUnsafeBufferPointer { text in
                for i in text.indices {
                    let scalar = text[i]
                    if let symbol = placeholder(scalar), trie.first(symbol) != 0 { return true }
                    let first = trie.first(scalar)
                    guard first != 0 else { continue }
                    if HashedTrie.isWord(first) { return true }
                    guard i + 1 < text.count else { continue }
                    if trie.next(first, text[i + 1]) != 0 { return true }
                    if let symbol = placeholder(text[i + 1]), trie.next(first, symbol) != 0 { return true }
                }
                return false
            }
        }
    }

    /// A span's kind: ideographic if it takes in any of ICU's ideographic
    /// characters, else the kind of the first ICU word in it; nil when it holds
    /// no word at all (punctuation, spaces, symbols).
    private static func kind(of range: Range<Int>, ends: [Int], statuses: [Int32],
                             icuSegment: UnsafeMutablePointer<Int32>) -> Token.Kind? {
        var found: Token.Kind?
        var segment = Int(icuSegment[range.lowerBound])
        while segment < ends.count {
            let kind = WordSegmenter.kind(ofStatus: statuses[segment])
            if kind == .ideographic { return kind }
            if found == nil { found = kind }
            if ends[segment] >= range.upperBound { break }
            segment += 1
        }
        return found
    }

    private static func prepare(_ w: inout Work, _ b: Positions, count n: Int) {
        b.reset(count: n)
        w.ends.removeAll(keepingCapacity: true)
        w.statuses.removeAll(keepingCapacity: true)
        w.deferred.removeAll(keepingCapacity: true)
        w.edgeEnds.removeAll()
        w.edgeSources.removeAll()
        w.pending.removeAll(keepingCapacity: true)
    }
}
