/// The doc stream of a term (see ``IndexFormat``), both ways: its full blocks
/// of ``IndexFormat/postingsBlockSize`` passages as bit-packed gaps or in
/// Elias-Fano form, their frequencies as exceptions to 1; the rest as varint
/// codes.
///
/// Full blocks are the inner loop of a search (a common pair's list is read
/// whole), so they decode without a branch a value. Gaps of one width unpack
/// fastest but spend the width of the largest gap on every passage; Elias-Fano
/// spends about 2 + log2(span / 128) bits a passage whatever the largest gap,
/// but decodes in two passes, about two and a half times the instructions. A
/// block takes Elias-Fano only where that saves four bits a passage or more:
/// measured on ../shared/corpus, that keeps searches as fast as with gaps
/// alone (instructions per query within 2 %), and with the frequencies as
/// exceptions the postings take 52.7 MB instead of 53.6; Elias-Fano where it
/// saves 2 bits a passage would make them 50.5 MB but cost searches 2-13 %
/// more instructions (5 % in the median time of the bench queries), and
/// wherever smaller 49.1 MB at 2-14 % more instructions. The remainder, and
/// the lists of rare pairs, stay varints, which are as small for few values.
enum DocStreamCodec {
    static let blockSize = IndexFormat.postingsBlockSize

    // MARK: Encoding

    /// Encodes a term's passages (increasing) and frequencies; returns the
    /// stream (without skip table) and the end of each full block in it.
    static func encode(passages: [Int32], frequencies: [Int32], into bytes: inout [UInt8]) -> [Int] {
        var ends: [Int] = []
        let start = bytes.count
        var previous: Int32 = -1
        var index = 0
        var values = [UInt32](repeating: 0, count: blockSize)
        var extra = [UInt32](repeating: 0, count: blockSize)
        while passages.count - index >= blockSize {
            for i in 0..<blockSize {
                values[i] = UInt32(passages[index + i] - previous - 1)
                extra[i] = UInt32(frequencies[index + i] - 1)
            }
            previous = passages[index + blockSize - 1]
            appendBlock(values: values, extraFrequencies: extra, to: &bytes)
            index += blockSize
            ends.append(bytes.count - start)
        }
        // The rest as codes: the difference to the previous passage (the first of
        // a list: the passage itself) shifted left, the low bit set for a
        // frequency of 1, else the frequency follows.
        var last = max(previous, 0)
        while index < passages.count {
            let delta = UInt32(passages[index] - last)
            if frequencies[index] == 1 {
                appendVarint(delta << 1 | 1, to: &bytes)
            } else {
                appendVarint(delta << 1, to: &bytes)
                appendVarint(UInt32(frequencies[index]), to: &bytes)
            }
            last = passages[index]
            index += 1
        }
        return ends
    }

    /// The widest low part a block may use, and the most bytes its high parts may take.
    static let maximumLowBits = 31
    static let maximumUpperBytes = 255
    /// Set in a block's first byte when it holds gaps instead of Elias-Fano,
    /// and in its frequencies' first byte when they are all packed.
    static let gapsFlag: UInt8 = 0x80
    /// Beyond this many passages of a block above frequency 1, listing them one
    /// by one decodes slower than unpacking every frequency.
    static let maximumExceptions = 24

    /// Appends one full block: `values` are its passages minus the one before
    /// the block minus 1 (increasing from 0 or more), `extraFrequencies` each
    /// passage's frequency minus 1.
    static func appendBlock(values: [UInt32], extraFrequencies: [UInt32], to bytes: inout [UInt8]) {
        let last = Int(values[blockSize - 1])
        // The low width that makes the block smallest: each bit more halves
        // the high parts' bitmap and costs 128 bits.
        var lowBits = 0
        var bestSize = Int.max
        for bits in 0...maximumLowBits {
            let upperBits = (last >> bits) + blockSize
            guard upperBits <= maximumUpperBytes * 8 else { continue }
            let size = blockSize * bits + upperBits
            if size < bestSize { (lowBits, bestSize) = (bits, size) }
        }
        // Elias-Fano decodes slower than gaps of one width, so it is used only
        // where it saves four bits a passage or more (spread-out blocks; the
        // dense blocks of common pairs, read whole by many searches, keep gaps).
        var gaps = values
        for i in stride(from: blockSize - 1, to: 0, by: -1) { gaps[i] -= values[i - 1] + 1 }
        let gapBits = gaps.map { BitPacking.width(of: $0) }.max()!
        if (bestSize + 8) / 8 + 4 * blockSize / 8 <= BitPacking.byteCount(blockSize, width: gapBits) {
            let upperBytes = ((last >> lowBits) + blockSize + 7) / 8
            var upper = [UInt8](repeating: 0, count: upperBytes)
            var lows = [UInt32](repeating: 0, count: blockSize)
            for i in 0..<blockSize {
                let value = Int(values[i])
                lows[i] = UInt32(value & ((1 << lowBits) - 1))
                let bit = (value >> lowBits) + i
                upper[bit >> 3] |= UInt8(1) << UInt8(bit & 7)
            }
            bytes.append(UInt8(lowBits))
            bytes.append(UInt8(upperBytes))
            bytes += BitPacking.pack(lows, width: lowBits)
            bytes += upper
        } else {
            bytes.append(UInt8(gapBits) | gapsFlag)
            bytes += BitPacking.pack(gaps, width: gapBits)
        }
        // Frequencies: most passages hold a pair once, so only the others are
        // listed, by a bitmap of 128 bits and their frequencies minus 2.
        var exceptionMap = [UInt8](repeating: 0, count: blockSize / 8)
        var exceptions: [UInt32] = []
        for (i, value) in extraFrequencies.enumerated() where value > 0 {
            exceptionMap[i >> 3] |= UInt8(1) << UInt8(i & 7)
            exceptions.append(value - 1)
        }
        if exceptions.isEmpty {
            bytes.append(0)
        } else if exceptions.count <= maximumExceptions {
            let width = exceptions.map { BitPacking.width(of: $0) }.max()!
            bytes.append(UInt8(width + 1))
            bytes += exceptionMap
            bytes += BitPacking.pack(exceptions, width: width)
        } else {
            // Many passages above 1: every frequency, unpacked in one pass.
            let width = extraFrequencies.map { BitPacking.width(of: $0) }.max()!
            bytes.append(UInt8(width) | gapsFlag)
            bytes += BitPacking.pack(extraFrequencies, width: width)
        }
    }

    private static func appendVarint(_ value: UInt32, to bytes: inout [UInt8]) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    // MARK: Decoding

    /// Decodes `count` postings from `start..<end` into the two buffers:
    /// full blocks first while `count` leaves 128 or more, then codes.
    /// Passage numbers continue from `after` (-1 for none before). Returns how
    /// many it decoded: fewer when the bytes are damaged (passages must
    /// increase and stay below `limit`, frequencies be positive).
    static func decode(from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>, count: Int, after: Int32,
                       limit: Int32, passages: UnsafeMutablePointer<Int32>,
                       frequencies: UnsafeMutablePointer<Int32>) -> Int {
        // A block's high parts, with room for the 8 lanes the last bitmap byte
        // writes: on the stack, as a search decodes many single blocks.
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: blockSize + 8) { highs in
            decode(from: start, to: end, count: count, after: after, limit: limit, passages: passages,
                   frequencies: frequencies, highs: highs.baseAddress!, places: setBitPlaces)
        }
    }

    @inline(__always)
    private static func decode(from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>, count: Int, after: Int32,
                               limit: Int32, passages: UnsafeMutablePointer<Int32>,
                               frequencies: UnsafeMutablePointer<Int32>, highs: UnsafeMutablePointer<Int32>,
                               places: UnsafePointer<SIMD8<Int32>>) -> Int {
        var p = start
        var passage = after
        var written = 0
        while count - written >= blockSize {
            guard end - p >= 2 else { return written }
            let passageOutput = passages + written
            let base = Int(passage) + 1
            if p[0] & gapsFlag != 0 {
                // Gaps of one width, turned into passages as they unpack.
                let gapBits = Int(p[0] & ~gapsFlag)
                p += 1
                let gapBytes = BitPacking.byteCount(blockSize, width: gapBits)
                guard gapBits <= maximumLowBits, end - p > gapBytes else { return written }
                var current = base &- 1
                forEachPacked(p, width: gapBits, available: end - p) { i, gap in
                    current &+= Int(gap) &+ 1
                    passageOutput[i] = Int32(truncatingIfNeeded: current)
                }
                p += gapBytes
            } else {
                let lowBits = Int(p[0])
                let upperBytes = Int(p[1])
                p += 2
                let lowBytes = BitPacking.byteCount(blockSize, width: lowBits)
                guard lowBits <= maximumLowBits, end - p > lowBytes + upperBytes else { return written }
                let lows = p
                p += lowBytes
                // The high parts a bitmap byte at a time: the i-th set bit, at
                // b, stands for b - i. Each byte writes 8 lanes from the table
                // and moves on by its number of set bits, so no loop depends on
                // the bits one by one. The bitmap must hold exactly 128 set bits.
                var found = 0
                for byteIndex in 0..<upperBytes {
                    let row = places[Int(p[byteIndex])]
                    let lanes = (row & 0xFF) &+ SIMD8(repeating: Int32(truncatingIfNeeded: byteIndex &* 8 &- found))
                    UnsafeMutableRawPointer(highs + found).storeBytes(of: lanes, as: SIMD8<Int32>.self)
                    found &+= Int(row[7] &>> 8)
                    guard found <= blockSize else { return written }
                }
                guard found == blockSize else { return written }
                // Then the low parts, joined to the high parts as they unpack.
                let scale = 1 << lowBits
                forEachPacked(lows, width: lowBits, available: end - lows) { i, low in
                    passageOutput[i] = Int32(truncatingIfNeeded: base &+ Int(highs[i]) &* scale &+ Int(low))
                }
                p += upperBytes
            }
            guard p < end else { return written }
            let last = Int(passageOutput[blockSize - 1])
            guard last >= base, last < Int(limit) else { return written }
            // Frequencies: 0 (all 1), the exceptions' width + 1, their bitmap and
            // values, or the flag | width and every frequency - 1.
            let frequencyOutput = frequencies + written
            let exceptionTag = Int(p[0])
            p += 1
            if exceptionTag & Int(gapsFlag) != 0 {
                let width = exceptionTag & ~Int(gapsFlag)
                let packedBytes = BitPacking.byteCount(blockSize, width: width)
                guard width <= 16, end - p >= packedBytes else { return written }
                forEachPacked(p, width: width, available: end - p) { i, extra in
                    frequencyOutput[i] = Int32(truncatingIfNeeded: extra) &+ 1
                }
                p += packedBytes
            } else {
                frequencyOutput.update(repeating: 1, count: blockSize)
            }
            if exceptionTag > 0, exceptionTag & Int(gapsFlag) == 0 {
                let width = exceptionTag - 1
                guard width <= 16, end - p >= blockSize / 8 else { return written }
                let map = p
                p += blockSize / 8
                let listed = (0..<(blockSize / 64)).reduce(0) {
                    $0 + UInt64(littleEndian: UnsafeRawPointer(map + $1 * 8).loadUnaligned(as: UInt64.self)).nonzeroBitCount
                }
                let exceptionBytes = BitPacking.byteCount(listed, width: width)
                guard end - p >= exceptionBytes else { return written }
                var k = 0
                for wordIndex in 0..<(blockSize / 64) {
                    var word = UInt64(littleEndian: UnsafeRawPointer(map + wordIndex * 8).loadUnaligned(as: UInt64.self))
                    while word != 0 {
                        let i = wordIndex * 64 + word.trailingZeroBitCount
                        let value = width == 0 ? 0 : BitPacking.value(at: k * width, width: width, in: p, count: end - p)
                        frequencyOutput[i] = Int32(truncatingIfNeeded: value) &+ 2
                        k += 1
                        word &= word &- 1
                    }
                }
                p += exceptionBytes
            }
            passage = Int32(last)
            written += blockSize
        }
        // The codes. The first delta counts from 0, so the passage before it is
        // 0 too; only the first passage of a list may be 0 (a delta of 0).
        var minimumDelta: Int32 = passage < 0 ? 0 : 1
        passage = max(0, passage)
        while written < count {
            // Most codes are one byte: those skip the varint loop.
            guard p < end else { return written }
            var code = UInt32(p.pointee)
            p += 1
            if code >= 0x80, !readVarintTail(&code, &p, end) { return written }
            let delta = Int32(truncatingIfNeeded: code >> 1)
            var frequency: Int32 = 1
            if code & 1 == 0 {
                guard p < end else { return written }
                var f = UInt32(p.pointee)
                p += 1
                if f >= 0x80, !readVarintTail(&f, &p, end) { return written }
                frequency = Int32(truncatingIfNeeded: f)
            }
            if delta < minimumDelta || frequency <= 0 || delta >= limit - passage { return written }
            minimumDelta = 1
            passage += delta
            passages[written] = passage
            frequencies[written] = frequency
            written += 1
        }
        return written
    }

    /// For each byte value, the place of each of its set bits minus the number
    /// of set bits before it, in lanes from the first (the rest 0).
    /// Lane 7 also holds the number of set bits times 256 (places are below 8,
    /// so the low 8 bits keep its place).
    /// Allocated once and never freed: a pointer, so that reading it costs no
    /// reference counting in the decoding loop.
    nonisolated(unsafe) private static let setBitPlaces: UnsafePointer<SIMD8<Int32>> = {
        let table = UnsafeMutablePointer<SIMD8<Int32>>.allocate(capacity: 256)
        for byte in 0..<256 {
            var lanes = SIMD8<Int32>(repeating: 0)
            var rank = 0
            for bit in 0..<8 where byte >> bit & 1 == 1 {
                lanes[rank] = Int32(bit - rank)
                rank += 1
            }
            lanes[7] += Int32(rank << 8)
            table[byte] = lanes
        }
        return UnsafePointer(table)
    }()

    /// The 64 bits of a high-part bitmap of `count` bytes at byte `start` (a
    /// multiple of 8), zero past its end; `readable` bytes may be read from
    /// `bytes`.
    @inline(__always)
    private static func upperWord(_ bytes: UnsafePointer<UInt8>, at start: Int, count: Int, readable: Int) -> UInt64 {
        let take = min(8, count - start)
        if start + 8 <= readable {
            let word = UInt64(littleEndian: UnsafeRawPointer(bytes + start).loadUnaligned(as: UInt64.self))
            return take == 8 ? word : word & ((1 << UInt64(8 * take)) - 1)
        }
        var word: UInt64 = 0
        for i in 0..<take { word |= UInt64(bytes[start + i]) << UInt64(8 * i) }
        return word
    }

    /// Calls `body` with the index and value of each of 128 values of `width`
    /// bits; `available` bytes are readable from `bytes` (at least the packed
    /// size): with 8 more, each value is one load.
    @inline(__always)
    private static func forEachPacked(_ bytes: UnsafePointer<UInt8>, width: Int, available: Int,
                                      _ body: (Int, UInt32) -> Void) {
        guard width > 0 else {
            for i in 0..<blockSize { body(i, 0) }
            return
        }
        if BitPacking.byteCount(blockSize, width: width) + 8 <= available {
            // One copy of the loop per width, so that each is unrolled with
            // constant shifts.
            switch width {
            case 1: forEachPacked(bytes, constantWidth: 1, body)
            case 2: forEachPacked(bytes, constantWidth: 2, body)
            case 3: forEachPacked(bytes, constantWidth: 3, body)
            case 4: forEachPacked(bytes, constantWidth: 4, body)
            case 5: forEachPacked(bytes, constantWidth: 5, body)
            case 6: forEachPacked(bytes, constantWidth: 6, body)
            case 7: forEachPacked(bytes, constantWidth: 7, body)
            case 8: forEachPacked(bytes, constantWidth: 8, body)
            case 9: forEachPacked(bytes, constantWidth: 9, body)
            case 10: forEachPacked(bytes, constantWidth: 10, body)
            case 11: forEachPacked(bytes, constantWidth: 11, body)
            case 12: forEachPacked(bytes, constantWidth: 12, body)
            case 13: forEachPacked(bytes, constantWidth: 13, body)
            case 14: forEachPacked(bytes, constantWidth: 14, body)
            case 15: forEachPacked(bytes, constantWidth: 15, body)
            case 16: forEachPacked(bytes, constantWidth: 16, body)
            default: forEachPacked(bytes, constantWidth: width, body)
            }
        } else {
            for i in 0..<blockSize { body(i, BitPacking.value(at: i * width, width: width, in: bytes)) }
        }
    }

    /// The fast path of ``forEachPacked(_:width:available:_:)``: 8 bytes are
    /// readable at every value's first byte.
    @inline(__always)
    private static func forEachPacked(_ bytes: UnsafePointer<UInt8>, constantWidth width: Int,
                                      _ body: (Int, UInt32) -> Void) {
        let mask = (UInt64(1) << UInt64(width)) - 1
        let raw = UnsafeRawPointer(bytes)
        for i in 0..<blockSize {
            let bit = i &* width
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: bit &>> 3, as: UInt64.self))
            body(i, UInt32(truncatingIfNeeded: (word &>> UInt64(bit & 7)) & mask))
        }
    }

    /// Finishes a varint whose first byte (with its high bit set) is in `value`.
    @inline(__always)
    static func readVarintTail(_ value: inout UInt32, _ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Bool {
        value &= 0x7F
        var shift: UInt32 = 7
        while p < end, shift < 35 {
            let byte = p.pointee
            p += 1
            value |= UInt32(byte & 0x7F) &<< shift
            if byte < 0x80 { return true }
            shift += 7
        }
        return false
    }
}
