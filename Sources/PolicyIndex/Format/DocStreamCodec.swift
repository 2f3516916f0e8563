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
            unpack(p, width: gapBits, available: available, into: passages + written)
            unpack(p + gapBytes, width: frequencyBits, available: available - gapBytes, into: frequencies + written)
            p += gapBytes + frequencyBytes
            // Gaps to passages, checking they stay below the limit.
            var current = Int64(passage)
            for i in written..<(written + blockSize) {
                current += Int64(passages[i]) + 1
                passages[i] = Int32(truncatingIfNeeded: current)
                frequencies[i] &+= 1
            }
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

    /// Unpacks 128 values of `width` bits; `available` bytes are readable from
    /// `bytes` (at least the packed size): with 8 more, each value is one load.
    @inline(__always)
    private static func unpack(_ bytes: UnsafePointer<UInt8>, width: Int, available: Int,
                               into output: UnsafeMutablePointer<Int32>) {
        guard width > 0 else {
            output.update(repeating: 0, count: blockSize)
            return
        }
        if BitPacking.byteCount(blockSize, width: width) + 8 <= available {
            // One copy of the loop per width, so that each is unrolled with
            // constant shifts.
            switch width {
            case 1: unpack(bytes, constantWidth: 1, into: output)
            case 2: unpack(bytes, constantWidth: 2, into: output)
            case 3: unpack(bytes, constantWidth: 3, into: output)
            case 4: unpack(bytes, constantWidth: 4, into: output)
            case 5: unpack(bytes, constantWidth: 5, into: output)
            case 6: unpack(bytes, constantWidth: 6, into: output)
            case 7: unpack(bytes, constantWidth: 7, into: output)
            case 8: unpack(bytes, constantWidth: 8, into: output)
            case 9: unpack(bytes, constantWidth: 9, into: output)
            case 10: unpack(bytes, constantWidth: 10, into: output)
            case 11: unpack(bytes, constantWidth: 11, into: output)
            case 12: unpack(bytes, constantWidth: 12, into: output)
            case 13: unpack(bytes, constantWidth: 13, into: output)
            case 14: unpack(bytes, constantWidth: 14, into: output)
            case 15: unpack(bytes, constantWidth: 15, into: output)
            case 16: unpack(bytes, constantWidth: 16, into: output)
            default: unpack(bytes, constantWidth: width, into: output)
            }
        } else {
            for i in 0..<blockSize {
                output[i] = Int32(truncatingIfNeeded: BitPacking.value(at: i * width, width: width, in: bytes))
            }
        }
    }

    /// The fast path of ``unpack(_:width:available:into:)``: 8 bytes are
    /// readable at every value's first byte.
    @inline(__always)
    private static func unpack(_ bytes: UnsafePointer<UInt8>, constantWidth width: Int,
                               into output: UnsafeMutablePointer<Int32>) {
        let mask = (UInt64(1) << UInt64(width)) - 1
        let raw = UnsafeRawPointer(bytes)
        for i in 0..<blockSize {
            let bit = i &* width
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: bit &>> 3, as: UInt64.self))
            output[i] = Int32(truncatingIfNeeded: (word &>> UInt64(bit & 7)) & mask)
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
