/// Deferred runs: Han runs given as one segment, which ICU segments on demand
/// (see ``DictionarySegmenter``): only those holding two uncovered characters
/// in a row or lying in a stretch of tied readings are spliced into ICU's words.
extension DictionarySegmenter {
    /// Marks the deferred runs holding two uncovered characters in a row;
    /// returns whether there is one.
    static func markUncoveredRuns(_ w: inout Work, _ b: Positions) -> Bool {
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
    static func markTiedRuns(_ w: inout Work, _ b: Positions, count n: Int) -> Bool {
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
    static func splice(_ w: inout Work, _ b: Positions, count n: Int,
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
}
