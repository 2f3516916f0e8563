import Dispatch

/// Collects the postings of one segment in memory while passages stream in.
///
/// Each term (``GramKey``) gets a doc stream and, for pairs, a position stream,
/// both already in their on-disk encoding (``IndexFormat``) and kept in one
/// ``BytePool``, so writing the segment is a copy. Terms are found through an
/// open-addressing hash table on their 64-bit keys: one probe per character of
/// the corpus is the hot loop of indexing.
struct PostingsAccumulator: ~Copyable {
    /// What a term remembers between passages.
    struct TermState: Sendable {
        var key: UInt64
        var documentFrequency: Int32 = 0
        /// The passage being collected, or -1.
        var currentPassage: Int32 = -1
        var pendingFrequency: Int32 = 0
        /// The last passage written to the doc stream (for the delta).
        var writtenPassage: Int32 = 0
        /// Position bits not yet written out as a whole byte.
        var positionBits: UInt64 = 0
        var positionBitCount: Int32 = 0
        var docs = BytePool.Stream()
        var positions = BytePool.Stream()
        /// At the end of each full block of ``IndexFormat/postingsBlockSize``
        /// passages: its last passage, and the doc and position stream lengths
        /// (the doc stream is re-encoded when written: only positions count).
        var blockEnds: [UInt32] = []
    }

    private var slots: [Int32]
    private var mask: Int
    private(set) var terms: [TermState] = []
    private(set) var pool = BytePool()
    private var passageTerms: [Int32] = []

    init(expectedTerms: Int = 1 << 16) {
        var capacity = 1024
        while capacity < expectedTerms * 2 { capacity <<= 1 }
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
    }

    var termCount: Int { terms.count }

    /// Adds the terms of one passage (normalized scalars); passages must come in
    /// increasing order.
    mutating func add(passage: Int32, scalars: [UInt32]) {
        let n = scalars.count
        guard n > 0 else { return }
        // Step 1: the term number of the pair starting at each position (-1
        // where none does: punctuation and white space). This may add terms,
        // so it comes before the unsafe buffer below.
        passageTerms.removeAll(keepingCapacity: true)
        scalars.withUnsafeBufferPointer { scalars in
            for i in 0..<n {
                if let key = GramKey.term(at: i, of: scalars) {
                    passageTerms.append(findOrInsert(key))
                } else {
                    passageTerms.append(-1)
                }
            }
        }
        // Step 2: append to the streams. The term table is moved out of `self`
        // for the while (no copy), so that the pool can be written meanwhile.
        var states = terms
        terms = []
        let width = Int32(BitPacking.width(below: n))
        passageTerms.withUnsafeBufferPointer { ids in
            states.withUnsafeMutableBufferPointer { states in
                for i in 0..<n where ids[i] >= 0 {
                    Self.occur(&states[Int(ids[i])], passage: passage, position: UInt32(i), width: width, &pool)
                }
            }
        }
        terms = states
    }

    @inline(__always)
    private static func occur(_ state: inout TermState, passage: Int32, position: UInt32, width: Int32,
                              _ pool: inout BytePool) {
        if state.currentPassage != passage {
            if state.currentPassage >= 0 { flush(&state, &pool) }
            state.currentPassage = passage
            state.pendingFrequency = 0
        }
        state.pendingFrequency += 1
        // A pair with the end has no positions: nothing follows its
        // character, so no longer part is matched through it.
        guard state.key & UInt64(GramKey.end) != UInt64(GramKey.end) else { return }
        // The position in as many bits as the passage's length needs.
        state.positionBits |= UInt64(position) << UInt64(state.positionBitCount)
        state.positionBitCount += width
        while state.positionBitCount >= 8 {
            pool.append(UInt8(truncatingIfNeeded: state.positionBits), to: &state.positions)
            state.positionBits >>= 8
            state.positionBitCount -= 8
        }
    }

    /// Writes out the last, partial byte of position bits: blocks of postings
    /// start on a whole byte.
    @inline(__always)
    private static func padPositions(_ state: inout TermState, _ pool: inout BytePool) {
        if state.positionBitCount > 0 {
            pool.append(UInt8(truncatingIfNeeded: state.positionBits), to: &state.positions)
        }
        state.positionBits = 0
        state.positionBitCount = 0
    }

    /// Writes the pending passage of a term to its doc stream.
    @inline(__always)
    private static func flush(_ state: inout TermState, _ pool: inout BytePool) {
        let delta = UInt32(state.currentPassage - state.writtenPassage)
        if state.pendingFrequency == 1 {
            pool.appendVarint(delta << 1 | 1, to: &state.docs)
        } else {
            pool.appendVarint(delta << 1, to: &state.docs)
            pool.appendVarint(UInt32(state.pendingFrequency), to: &state.docs)
        }
        state.writtenPassage = state.currentPassage
        state.documentFrequency += 1
        if state.documentFrequency % Int32(IndexFormat.postingsBlockSize) == 0 {
            padPositions(&state, &pool)
            state.blockEnds.append(UInt32(state.currentPassage))
            state.blockEnds.append(state.docs.length)
            state.blockEnds.append(state.positions.length)
        }
    }

    /// Flushes every pending passage; call once, after the last passage.
    mutating func finish() {
        var states = terms
        terms = []
        for term in states.indices where states[term].currentPassage >= 0 {
            Self.flush(&states[term], &pool)
            Self.padPositions(&states[term], &pool)
            states[term].currentPassage = -1
        }
        terms = states
    }

    /// The `postings` section in the order given, encoded on every core: for
    /// each term its doc stream (``appendDocStream(of:pool:to:)``), then its
    /// position stream; in a few large pieces (written one after the other),
    /// with each term's doc stream length.
    func encodedPostings(inOrder order: [Int]) -> (pieces: [[UInt8]], docBytes: [Int]) {
        let chunks = max(1, min(64, order.count / 1024))
        var pieces = [[UInt8]](repeating: [], count: chunks)
        var docBytes = [Int](repeating: 0, count: order.count)
        let terms = self.terms
        let pool = self.pool.reader
        pieces.withUnsafeMutableBufferPointer { piecesBuffer in
            docBytes.withUnsafeMutableBufferPointer { docBytesBuffer in
                let piecesOutput = SharedBuffer(piecesBuffer)
                let docBytesOutput = SharedBuffer(docBytesBuffer)
                DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                    var piece: [UInt8] = []
                    for rank in (order.count * chunk / chunks)..<(order.count * (chunk + 1) / chunks) {
                        let state = terms[order[rank]]
                        let start = piece.count
                        Self.appendDocStream(of: state, pool: pool, to: &piece)
                        docBytesOutput.buffer[rank] = piece.count - start
                        pool.forEachSlice(of: state.positions) { piece.append(contentsOf: $0) }
                    }
                    piecesOutput.buffer[chunk] = piece
                }
            }
        }
        return (pieces, docBytes)
    }

    /// Appends a term's doc stream in its final form (``DocStreamCodec``) to
    /// `bytes`, with its skip table in front when it has more than one block:
    /// for each block of ``IndexFormat/postingsBlockSize`` passages, the
    /// differences to the previous block's last passage and end offsets in the
    /// doc stream (after the table) and the position stream, and the CRC-32
    /// of the block's doc bytes and position bytes; the table opens with its
    /// own CRC-32.
    static func appendDocStream(of state: TermState, pool: BytePool.Reader, to bytes: inout [UInt8]) {
        // Without a full block the stream is the codes as collected: the same
        // varints (the first passage as itself, then differences), so most
        // terms, which are rare, need no decoding.
        guard state.documentFrequency >= Int32(IndexFormat.postingsBlockSize) else {
            pool.forEachSlice(of: state.docs) { bytes.append(contentsOf: $0) }
            return
        }
        // The collected codes back to passages and frequencies.
        var collected: [UInt8] = []
        collected.reserveCapacity(Int(state.docs.length))
        pool.forEachSlice(of: state.docs) { collected += $0 }
        var passages: [Int32] = []
        var frequencies: [Int32] = []
        passages.reserveCapacity(Int(state.documentFrequency))
        frequencies.reserveCapacity(Int(state.documentFrequency))
        collected.withUnsafeBytes { raw in
            var cursor = ByteCursor(raw)
            var passage: Int32 = 0
            while passages.count < Int(state.documentFrequency) {
                let code = cursor.readVarint()
                passage += Int32(truncatingIfNeeded: code >> 1)
                passages.append(passage)
                frequencies.append(code & 1 == 1 ? 1 : Int32(truncatingIfNeeded: cursor.readVarint()))
            }
        }
        var stream: [UInt8] = []
        var docEnds = DocStreamCodec.encode(passages: passages, frequencies: frequencies, into: &stream)
        let blockSize = IndexFormat.postingsBlockSize
        guard passages.count > blockSize else {
            bytes += stream
            return
        }
        if passages.count % blockSize != 0 { docEnds.append(stream.count) }
        // Each block's doc and position bytes get a checksum of their own, so
        // that a search verifies only the blocks it decodes.
        var positions: [UInt8] = []
        positions.reserveCapacity(Int(state.positions.length))
        pool.forEachSlice(of: state.positions) { positions += $0 }
        var table = ByteWriter()
        var previous: (passage: Int32, doc: Int, position: UInt32) = (0, 0, 0)
        for (block, docEnd) in docEnds.enumerated() {
            let last = passages[min(passages.count, (block + 1) * blockSize) - 1]
            let positionEnd = 3 * block + 2 < state.blockEnds.count ? state.blockEnds[3 * block + 2] : state.positions.length
            table.writeVarint(UInt32(last - previous.passage))
            table.writeVarint(docEnd - previous.doc)
            table.writeVarint(positionEnd - previous.position)
            table.write(stream.withUnsafeBytes { CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[previous.doc..<docEnd])) })
            table.write(positions.withUnsafeBytes {
                CRC32.checksum(UnsafeRawBufferPointer(rebasing: $0[Int(previous.position)..<Int(positionEnd)]))
            })
            previous = (last, docEnd, positionEnd)
        }
        var checked: [UInt8] = []
        DocStreamCodec.appendVarint(UInt32(table.count), to: &checked)
        checked += table.bytes
        var crc = ByteWriter(capacity: 4)
        crc.write(checked.withUnsafeBytes { CRC32.checksum($0) })
        bytes += crc.bytes
        bytes += checked
        bytes += stream
    }

    /// Term numbers in key order.
    func sortedTerms() -> [Int] {
        // Keys (unique) with their numbers, sorted as a flat array: comparing
        // through the term table would miss the cache at every comparison.
        var keyed = terms.indices.map { (key: terms[$0].key, term: $0) }
        keyed.sort { $0.key < $1.key }
        return keyed.map(\.term)
    }

    @inline(__always)
    private mutating func findOrInsert(_ key: UInt64) -> Int32 {
        var slot = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
        while true {
            let term = slots[slot]
            if term < 0 { break }
            if terms[Int(term)].key == key { return term }
            slot = (slot + 1) & mask
        }
        let term = Int32(terms.count)
        slots[slot] = term
        terms.append(TermState(key: key))
        if terms.count * 2 > slots.count { grow() }
        return term
    }

    private mutating func grow() {
        let capacity = slots.count * 2
        slots = [Int32](repeating: -1, count: capacity)
        mask = capacity - 1
        for (term, state) in terms.enumerated() {
            var slot = Int(truncatingIfNeeded: (state.key &* 0x9E37_79B9_7F4A_7C15) >> 20) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(term)
        }
    }
}
