/// Collects the postings of one segment in memory while passages stream in.
///
/// Each term (``GramKey``) gets a doc stream and, for pairs, a position stream,
/// both already in their on-disk encoding (``IndexFormat``), so writing the
/// segment is a copy. Terms are found through an open-addressing hash table on
/// their 64-bit keys: one probe per character of the corpus is the hot loop of
/// indexing.
struct PostingsAccumulator {
    private var slots: [Int32]
    private var mask: Int
    private(set) var keys: [UInt64] = []
    private(set) var docStreams: [[UInt8]] = []
    private(set) var positionStreams: [[UInt8]] = []
    private(set) var documentFrequencies: [Int32] = []
    private var currentPassage: [Int32] = []
    private var pendingFrequency: [Int32] = []
    private var writtenPassage: [Int32] = []
    private var lastPosition: [Int32] = []

    init(expectedTerms: Int = 1 << 16) {
        var capacity = 1024
        while capacity < expectedTerms * 2 { capacity <<= 1 }
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
    }

    var termCount: Int { keys.count }

    /// Adds the terms of one passage (normalized scalars); passages must come in
    /// increasing order.
    mutating func add(passage: Int32, scalars: [UInt32]) {
        let n = scalars.count
        guard n > 0 else { return }
        for i in 0..<n {
            let c = scalars[i]
            if c != 0x20 { occur(GramKey.single(c), passage: passage, position: -1) }
            if i + 1 < n { occur(GramKey.pair(c, scalars[i + 1]), passage: passage, position: Int32(i)) }
        }
    }

    @inline(__always)
    private mutating func occur(_ key: UInt64, passage: Int32, position: Int32) {
        let term = findOrInsert(key)
        if currentPassage[term] != passage {
            if currentPassage[term] >= 0 { flush(term) }
            currentPassage[term] = passage
            pendingFrequency[term] = 0
            lastPosition[term] = 0
        }
        pendingFrequency[term] += 1
        if position >= 0 {
            Self.appendVarint(UInt32(position - lastPosition[term]), to: &positionStreams[term])
            lastPosition[term] = position
        }
    }

    /// Writes the pending passage of `term` to its doc stream.
    private mutating func flush(_ term: Int) {
        let passage = currentPassage[term]
        let frequency = pendingFrequency[term]
        let delta = UInt32(passage - writtenPassage[term])
        if frequency == 1 {
            Self.appendVarint(delta << 1 | 1, to: &docStreams[term])
        } else {
            Self.appendVarint(delta << 1, to: &docStreams[term])
            Self.appendVarint(UInt32(frequency), to: &docStreams[term])
        }
        writtenPassage[term] = passage
        documentFrequencies[term] += 1
    }

    /// Flushes every pending passage; call once, after the last passage.
    mutating func finish() {
        for term in 0..<keys.count where currentPassage[term] >= 0 {
            flush(term)
            currentPassage[term] = -1
        }
    }

    /// Term numbers in key order.
    func sortedTerms() -> [Int] {
        keys.indices.sorted { keys[$0] < keys[$1] }
    }

    @inline(__always)
    private mutating func findOrInsert(_ key: UInt64) -> Int {
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
        while true {
            let term = slots[slot]
            if term < 0 { break }
            if keys[Int(term)] == key { return Int(term) }
            slot = (slot + 1) & mask
        }
        let term = keys.count
        slots[slot] = Int32(term)
        keys.append(key)
        docStreams.append([])
        positionStreams.append([])
        documentFrequencies.append(0)
        currentPassage.append(-1)
        pendingFrequency.append(0)
        writtenPassage.append(0)
        lastPosition.append(0)
        if keys.count * 2 > slots.count { grow() }
        return term
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        for (term, key) in keys.enumerated() {
            var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(term)
        }
    }

    @inline(__always)
    static func appendVarint(_ value: UInt32, to bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }
}
