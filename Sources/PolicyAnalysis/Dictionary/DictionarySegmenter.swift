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
    private let trie: HashedTrie
    /// Whether Han runs are worth deferring: the dictionary covers most
    /// characters (it lists many single characters), so that few runs need ICU.
    let defersHanRuns: Bool

    /// Buffers reused from piece to piece, indexed by position p of the piece
    /// (0...n), allocated once (again, larger, for a longer piece): reading and
    /// writing them costs no exclusivity or uniqueness checks, as a class's
    /// stored arrays (or a struct's, written to) would.
    private final class Positions {
        let capacity: Int
        /// Whether a word may start or end at p (`breakable`), whether p is an
        /// ICU boundary, and whether ICU's segment holding the character at p
        /// is ideographic.
        let breakable, boundary, ideographic: UnsafeMutablePointer<Bool>
        /// The ICU segment that holds the character at p; how many dictionary
        /// words cover the character at p (a difference array first); the end
        /// of ICU's word starting at p where the dictionary has nothing to say,
        /// or -1; where the dictionary words starting at p are:
        /// `edgeEnds[edgeFirst[p]..<edgeFirst[p + 1]]`.
        let icuSegment, covered, icuEdge, edgeFirst: UnsafeMutablePointer<Int32>
        /// The cost of the best path from p to the end, its first word's end and source.
        let best: UnsafeMutablePointer<UInt64>
        let choice, choiceSource: UnsafeMutablePointer<Int32>
        /// The fewest words from the start to p, and how many paths have that
        /// many (2 standing for more than one).
        let fewest: UnsafeMutablePointer<Int32>
        let paths: UnsafeMutablePointer<UInt8>
        /// The first step of the walk from p, and where the probe for its
        /// second step starts (see ``collectWords``).
        let first, second: UnsafeMutablePointer<HashedTrie.Value>
        /// Whether the character at p may start a number run (see ``NumberRuns``).
        let number: UnsafeMutablePointer<Bool>

        private let memory: UnsafeMutableRawPointer

        /// One allocation holds them all, the widest first (so each is aligned).
        init(capacity: Int) {
            self.capacity = capacity
            let memory = UnsafeMutableRawPointer.allocate(byteCount: capacity * (3 * 8 + 7 * 4 + 5), alignment: 8)
            self.memory = memory
            var offset = 0
            func carve<T>(_: T.Type) -> UnsafeMutablePointer<T> {
                defer { offset += capacity * MemoryLayout<T>.stride }
                return (memory + offset).bindMemory(to: T.self, capacity: capacity)
            }
            best = carve(UInt64.self)
            first = carve(HashedTrie.Value.self)
            second = carve(HashedTrie.Value.self)
            icuSegment = carve(Int32.self)
            covered = carve(Int32.self)
            icuEdge = carve(Int32.self)
            edgeFirst = carve(Int32.self)
            choice = carve(Int32.self)
            choiceSource = carve(Int32.self)
            fewest = carve(Int32.self)
            breakable = carve(Bool.self)
            boundary = carve(Bool.self)
            ideographic = carve(Bool.self)
            paths = carve(UInt8.self)
            number = carve(Bool.self)
        }

        deinit { memory.deallocate() }

        /// Sets positions 0...n to their starting values.
        func reset(count n: Int) {
            let k = n + 1
            breakable.update(repeating: false, count: k)
            boundary.update(repeating: false, count: k)
            icuSegment.update(repeating: 0, count: k)
            ideographic.update(repeating: false, count: k)
            covered.update(repeating: 0, count: k)
            icuEdge.update(repeating: -1, count: k)
            edgeFirst.update(repeating: 0, count: k)
            best.update(repeating: DictionarySegmenter.unreachable, count: k)
            choice.update(repeating: -1, count: k)
            choiceSource.update(repeating: -1, count: k)
            fewest.update(repeating: Int32.max, count: k)
            paths.update(repeating: 0, count: k)
        }
    }

    /// Buffers reused from piece to piece, indexed by ICU segment or by word
    /// found. They are moved into a local variable while a piece is segmented:
    /// a class's stored arrays would pay for exclusivity checks on every access.
    private struct Work {
        /// ICU's segments: ends (relative to the piece), rule statuses, and
        /// whether a segment is a deferred Han run.
        var ends: [Int] = []
        var statuses: [Int32] = []
        var deferred: [Bool] = []
        var spliced: [Int] = []
        var splicedStatuses: [Int32] = []
        var splicedDeferred: [Bool] = []
        /// Deferred segments that ICU must segment after all.
        var needed: [Bool] = []
        /// The dictionary words found, by start (see ``Positions/edgeFirst``).
        var edgeEnds = ScratchBuffer<Int32>()
        var edgeSources = ScratchBuffer<UInt16>()
        /// What the loads meant to fill the cache read (kept so that they stay).
        var touched: UInt64 = 0
        /// Walks in progress: (trie value, position).
        var pending: [(value: HashedTrie.Value, at: Int)] = []
    }

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
    private static let unreachable = UInt64.max

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

    /// Boundaries, where words may be cut, and which segment holds each
    /// position, from the segments in `w.ends`.
    private static func layOut(_ w: inout Work, _ b: Positions) {
        var start = 0
        for index in 0..<w.ends.count {
            let end = w.ends[index]
            b.boundary[end] = true
            b.breakable[end] = true
            let ideographic = WordSegmenter.kind(ofStatus: w.statuses[index]) == .ideographic
            for p in start..<end {
                b.icuSegment[p] = Int32(index)
                b.ideographic[p] = ideographic
                if ideographic && p > start { b.breakable[p] = true }
            }
            start = end
        }
    }

    /// ICU's words where no dictionary word reaches: ideographic words clipped
    /// to their uncovered characters, other segments whole.
    private static func findICUEdges(_ w: inout Work, _ b: Positions, count n: Int) {
        var start = 0
        for index in 0..<w.ends.count {
            let end = w.ends[index]
            defer { start = end }
            guard b.ideographic[start] else {
                b.icuEdge[start] = Int32(end)
                continue
            }
            var p = start
            while p < end {
                guard b.covered[p] == 0 else {
                    p += 1
                    continue
                }
                var q = p + 1
                while q < end, b.covered[q] == 0 { q += 1 }
                if q - p > 1 { b.icuEdge[p] = Int32(q) }
                p = q
            }
        }
    }

    /// Marks the deferred runs holding two uncovered characters in a row;
    /// returns whether there is one.
    private static func markUncoveredRuns(_ w: inout Work, _ b: Positions) -> Bool {
        var any = false
        var start = 0
        for index in 0..<w.ends.count {
            let end = w.ends[index]
            defer { start = end }
            guard w.deferred[index] else { continue }
            var run = 0
            for p in start..<end {
                if b.covered[p] == 0 {
                    run += 1
                    if run == 2 {
                        w.needed[index] = true
                        any = true
                        break
                    }
                } else {
                    run = 0
                }
            }
        }
        return any
    }

    /// Marks the deferred runs with a position inside a tied stretch: a stretch
    /// between two positions that every path goes through, with more than one
    /// path of the fewest words. Returns whether there is one.
    private static func markTiedRuns(_ w: inout Work, _ b: Positions, count n: Int) -> Bool {
        var any = false
        b.fewest[0] = 0
        b.paths[0] = 1
        var reach = 0
        var stretch = 0
        for i in 0...n {
            if reach <= i {
                // Every path goes through i.
                if b.paths[i] > 1 && i - stretch >= 2 {
                    var segment = Int(b.icuSegment[stretch])
                    var segmentStart = segment == 0 ? 0 : w.ends[segment - 1]
                    while segment < w.ends.count && segmentStart < i {
                        let segmentEnd = w.ends[segment]
                        if w.deferred[segment] && max(segmentStart, stretch) + 2 <= min(segmentEnd, i) {
                            w.needed[segment] = true
                            any = true
                        }
                        segmentStart = segmentEnd
                        segment += 1
                    }
                }
                b.paths[i] = 1
                stretch = i
            }
            guard i < n, b.paths[i] != 0 else { continue }
            let words = b.fewest[i] + 1
            let count = b.paths[i]
            @inline(__always)
            func relax(_ end: Int) {
                if end > reach { reach = end }
                let known = b.fewest[end]
                if words < known {
                    b.fewest[end] = words
                    b.paths[end] = count
                } else if words == known {
                    b.paths[end] = min(2, b.paths[end] &+ count)
                }
            }
            if b.breakable[i] {
                for k in Int(b.edgeFirst[i])..<Int(b.edgeFirst[i + 1]) { relax(Int(w.edgeEnds[k])) }
                if b.ideographic[i] && b.breakable[i + 1] { relax(i + 1) }
            }
            if b.icuEdge[i] >= 0 { relax(Int(b.icuEdge[i])) }
        }
        return any
    }

    /// Replaces each needed deferred run by ICU's segments of it, and lays the
    /// segments out again.
    private static func splice(_ w: inout Work, _ b: Positions, count n: Int,
                               segmentRun: (Range<Int>) -> (ends: ArraySlice<Int32>, kinds: ArraySlice<Int32>)) {
        w.spliced.removeAll(keepingCapacity: true)
        w.splicedStatuses.removeAll(keepingCapacity: true)
        w.splicedDeferred.removeAll(keepingCapacity: true)
        var start = 0
        for index in 0..<w.ends.count {
            let end = w.ends[index]
            defer { start = end }
            if w.needed[index] {
                let (runEnds, runStatuses) = segmentRun(start..<end)
                if !runEnds.isEmpty && Int(runEnds.last!) == end - start {
                    for k in runEnds.indices {
                        w.spliced.append(start + Int(runEnds[k]))
                        w.splicedStatuses.append(runStatuses[k])
                        w.splicedDeferred.append(false)
                    }
                    continue
                }
            }
            w.spliced.append(end)
            w.splicedStatuses.append(w.statuses[index])
            w.splicedDeferred.append(w.deferred[index])
        }
        swap(&w.ends, &w.spliced)
        swap(&w.statuses, &w.splicedStatuses)
        swap(&w.deferred, &w.splicedDeferred)
        w.needed.removeAll(keepingCapacity: true)
        w.needed.append(contentsOf: repeatElement(false, count: w.ends.count))
        b.boundary.update(repeating: false, count: n)
        layOut(&w, b)
        b.boundary[0] = true
    }

    /// Finds every dictionary word (and number shape) that starts at a
    /// breakable position and ends at one; records them by start in the edge
    /// lists and marks the characters they cover.
    ///
    /// Most steps miss the cache, so the first step of every walk (the root's
    /// direct table) is taken for all positions in one pass, which also loads
    /// the line where the second step's probe starts: loads that no branch
    /// waits on, so that they overlap; walks then go on from there, and their
    /// second probes hit the cache. A walk branches only where a number run may
    /// be taken whole: such walks go through a stack (`pending`).
    private func collectWords(_ scalars: ArraySlice<UInt32>, count n: Int, into w: inout Work, _ b: Positions) {
        trie.withReader { trie in
            scalars.withUnsafeBufferPointer { text in
                let first = b.first
                let second = b.second
                let breakable = b.breakable
                let number = b.number
                if dictionary.hasShapes {
                    for i in 0..<n { number[i] = NumberRuns.isDigit(text[i]) || NumberRuns.isNumeral(text[i]) }
                } else {
                    number.update(repeating: false, count: n)
                }
                number[n] = false
                var touched: UInt64 = 0
                for i in 0..<n where breakable[i] {
                    let value = trie.first(text[i])
                    first[i] = value
                    if number[i] || number[i + 1] {
                        second[i] = Self.viaStack
                    } else if i + 1 < n, let slot = trie.slot(from: value, text[i + 1]) {
                        second[i] = slot
                        touched ^= trie.touch(Int(truncatingIfNeeded: slot))
                    } else {
                        second[i] = Self.noWalk
                    }
                }
                w.touched = touched
                for i in 0..<n {
                    b.edgeFirst[i] = Int32(w.edgeEnds.count)
                    guard breakable[i] else { continue }
                    if second[i] == Self.viaStack {
                        walkBranching(from: i, text, count: n, trie: trie, into: &w, b)
                        continue
                    }
                    guard first[i] != 0 else { continue }
                    reach(first[i], at: i + 1, from: i, count: n, trie: trie, into: &w, b)
                    guard second[i] != Self.noWalk else { continue }
                    var value = trie.probe(slot: Int(truncatingIfNeeded: second[i]), from: first[i], text[i + 1])
                    var j = i + 2
                    while value != 0 {
                        reach(value, at: j, from: i, count: n, trie: trie, into: &w, b)
                        guard j < n && HashedTrie.hasChildren(value) else { break }
                        if number[j] {
                            w.pending.append((value, j))
                            walkPending(from: i, text, count: n, trie: trie, into: &w, b)
                            break
                        }
                        value = trie.next(value, text[j])
                        j += 1
                    }
                }
            }
        }
        b.edgeFirst[n] = Int32(w.edgeEnds.count)
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

    /// Marks a walk that must go through the stack.
    private static let viaStack: HashedTrie.Value = .max
    /// Marks a walk with no second step.
    private static let noWalk: HashedTrie.Value = .max - 1

    private func walkBranching(from i: Int, _ text: UnsafeBufferPointer<UInt32>, count n: Int,
                               trie: HashedTrie.Reader, into w: inout Work, _ b: Positions) {
        w.pending.append((HashedTrie.rootValue, i))
        walkPending(from: i, text, count: n, trie: trie, into: &w, b)
    }

    /// Takes the walks on the stack to their ends, trying number runs whole.
    private func walkPending(from i: Int, _ text: UnsafeBufferPointer<UInt32>, count n: Int,
                             trie: HashedTrie.Reader, into w: inout Work, _ b: Positions) {
        let shapes = dictionary.hasShapes
        while let (value, j) = w.pending.popLast() {
            guard j < n else { continue }
            let scalar = text[j]
            if shapes {
                let previous = j > 0 ? text[j - 1] : 0
                if NumberRuns.isDigit(scalar) && !NumberRuns.isDigit(previous) {
                    let next = trie.next(value, NumberRuns.digitPlaceholder)
                    if next != 0 {
                        let end = NumberRuns.digitRunEnd(in: text, from: j)
                        reachBranching(next, at: end, from: i, count: n, trie: trie, into: &w, b)
                    }
                } else if NumberRuns.isNumeral(scalar) && !NumberRuns.isNumeral(previous) {
                    let next = trie.next(value, NumberRuns.numeralPlaceholder)
                    if next != 0 {
                        let end = NumberRuns.numeralRunEnd(in: text, from: j)
                        if end > j { reachBranching(next, at: end, from: i, count: n, trie: trie, into: &w, b) }
                    }
                }
            }
            let next = trie.next(value, scalar)
            if next != 0 { reachBranching(next, at: j + 1, from: i, count: n, trie: trie, into: &w, b) }
        }
    }

    /// Records a word ending at `end` if there is one there, and puts the walk on the stack.
    private func reachBranching(_ value: HashedTrie.Value, at end: Int, from start: Int, count n: Int,
                                trie: HashedTrie.Reader, into w: inout Work, _ b: Positions) {
        reach(value, at: end, from: start, count: n, trie: trie, into: &w, b)
        if end < n && HashedTrie.hasChildren(value) { w.pending.append((value, end)) }
    }

    /// Records a word ending at `end` if the walk's `value` has one there.
    @inline(__always)
    private func reach(_ value: HashedTrie.Value, at end: Int, from start: Int, count n: Int,
                       trie: HashedTrie.Reader, into w: inout Work, _ b: Positions) {
        if HashedTrie.isWord(value) && b.breakable[end] {
            w.edgeEnds.append(Int32(end))
            w.edgeSources.append(trie.source(value))
            b.covered[start] += 1
            b.covered[end] -= 1
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
