/// The doc stream of a term (see ``IndexFormat``), both ways: its full blocks
/// of ``IndexFormat/postingsBlockSize`` passages bit-packed, the rest as
/// varint codes.
///
/// Full blocks are packed because decoding them is the inner loop of a search
/// (a common pair's list is read whole): 128 gaps of one width unpack without
/// a branch a value, about three times as fast as varints. The remainder, and
/// the lists of rare pairs, stay varints, which are smaller for few values.
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
        var gaps = [UInt32](repeating: 0, count: blockSize)
        var extra = [UInt32](repeating: 0, count: blockSize)
        while passages.count - index >= blockSize {
            var gapBits = 0
            var frequencyBits = 0
            for i in 0..<blockSize {
                gaps[i] = UInt32(passages[index + i] - previous - 1)
                extra[i] = UInt32(frequencies[index + i] - 1)
                previous = passages[index + i]
                gapBits = max(gapBits, BitPacking.width(of: gaps[i]))
                frequencyBits = max(frequencyBits, BitPacking.width(of: extra[i]))
            }
            bytes.append(UInt8(gapBits))
            bytes.append(UInt8(frequencyBits))
            bytes += BitPacking.pack(gaps, width: gapBits)
            bytes += BitPacking.pack(extra, width: frequencyBits)
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
        var p = start
        var passage = after
        var written = 0
        while count - written >= blockSize {
            guard end - p >= 2 else { return written }
            let gapBits = Int(p[0])
            let frequencyBits = Int(p[1])
            p += 2
            let gapBytes = BitPacking.byteCount(blockSize, width: gapBits)
            let frequencyBytes = BitPacking.byteCount(blockSize, width: frequencyBits)
            guard gapBits <= 31, frequencyBits <= 16, end - p >= gapBytes + frequencyBytes else { return written }
            let available = end - p
            // Gaps to passages as they are unpacked (one pass); they only grow,
            // so checking the last against the limit checks them all.
            var current = Int64(passage)
            let passageOutput = passages + written
            forEachPacked(p, width: gapBits, available: available) { i, gap in
                current &+= Int64(gap) &+ 1
                passageOutput[i] = Int32(truncatingIfNeeded: current)
            }
            let frequencyOutput = frequencies + written
            if frequencyBits == 0 {
                frequencyOutput.update(repeating: 1, count: blockSize)
            } else {
                forEachPacked(p + gapBytes, width: frequencyBits, available: available - gapBytes) { i, extra in
                    frequencyOutput[i] = Int32(truncatingIfNeeded: extra) &+ 1
                }
            }
            p += gapBytes + frequencyBytes
            guard current < Int64(limit) else { return written }
            passage = Int32(current)
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
