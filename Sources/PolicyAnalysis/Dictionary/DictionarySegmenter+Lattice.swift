/// The lattice: where words may start and end (ICU's segments laid out), every
/// dictionary word (and number shape) found in the piece, and ICU's own words
/// where the dictionary has nothing to say.
extension DictionarySegmenter {
    /// Boundaries, where words may be cut, and which segment holds each
    /// position, from the segments in `w.ends`.
    static func layOut(_ w: inout Work, _ b: Positions) {
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
    static func findICUEdges(_ w: inout Work, _ b: Positions, count n: Int) {
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
    func collectWords(_ scalars: ArraySlice<UInt32>, count n: Int, into w: inout Work, _ b: Positions) {
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

    /// Marks a walk that must go through the stack.
    static let viaStack: HashedTrie.Value = .max
    /// Marks a walk with no second step.
    static let noWalk: HashedTrie.Value = .max - 1

    func walkBranching(from i: Int, _ text: UnsafeBufferPointer<UInt32>, count n: Int,
                               trie: HashedTrie.Reader, into w: inout Work, _ b: Positions) {
        w.pending.append((HashedTrie.rootValue, i))
        walkPending(from: i, text, count: n, trie: trie, into: &w, b)
    }

    /// Takes the walks on the stack to their ends, trying number runs whole.
    func walkPending(from i: Int, _ text: UnsafeBufferPointer<UInt32>, count n: Int,
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
    func reachBranching(_ value: HashedTrie.Value, at end: Int, from start: Int, count n: Int,
                                trie: HashedTrie.Reader, into w: inout Work, _ b: Positions) {
        reach(value, at: end, from: start, count: n, trie: trie, into: &w, b)
        if end < n && HashedTrie.hasChildren(value) { w.pending.append((value, end)) }
    }

    /// Records a word ending at `end` if the walk's `value` has one there.
    @inline(__always)
    func reach(_ value: HashedTrie.Value, at end: Int, from start: Int, count n: Int,
                       trie: HashedTrie.Reader, into w: inout Work, _ b: Positions) {
        if HashedTrie.isWord(value) && b.breakable[end] {
            w.edgeEnds.append(Int32(end))
            w.edgeSources.append(trie.source(value))
            b.covered[start] += 1
            b.covered[end] -= 1
        }
    }
}
