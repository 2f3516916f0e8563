extension DictionarySegmenter {
    /// Buffers reused from piece to piece, indexed by position p of the piece
    /// (0...n), allocated once (again, larger, for a longer piece): reading and
    /// writing them costs no exclusivity or uniqueness checks, as a class's
    /// stored arrays (or a struct's, written to) would.
    final class Positions {
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
    struct Work {
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
}
