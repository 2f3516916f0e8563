/// The doc stream of a term (see ``IndexFormat``), both ways: its full blocks
/// of ``IndexFormat/postingsBlockSize`` passages as bit-packed gaps, the few
/// widest patched, their frequencies as exceptions to 1; the rest as varint
/// codes.
///
/// Full blocks are the inner loop of a search (a common pair's list is read
/// whole), so they decode without a branch a value: gaps of one width unpack
/// with the passages summed on the way. One wide gap would widen all 128, so
/// the widest are patched (``PatchedGaps``) where that saves 2 bits a
/// passage; patching costs a second pass when decoding. Measured on
/// ../shared/corpus against plain gaps: postings 53.6 → 51.3 MB with the
/// frequencies as exceptions, 0.4-2.9 % more instructions in four searches.
/// Elias-Fano, tried in this place, saves more where used on every block
/// (48.7 MB with patches) but decodes in two passes over a bitmap, 2-14 %
/// more instructions a search (5-10 % in the bench's median time), and where
/// it saves 4 bits a passage it was never chosen over patched gaps. The
/// remainder, and the lists of rare pairs, stay varints, which are as small
/// for few values.
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
            for i in 0..<blockSize {
                gaps[i] = UInt32(passages[index + i] - previous - 1)
                extra[i] = UInt32(frequencies[index + i] - 1)
                previous = passages[index + i]
            }
            appendBlock(gaps: gaps, extraFrequencies: extra, to: &bytes)
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

    /// The widest gap a block may pack.
    static let maximumGapBits = 31
    /// Set in a block's first byte when patches follow its gaps.
    static let patchesFlag: UInt8 = 0x40
    /// Set in a block's frequencies' first byte when every frequency is packed.
    static let packedFrequenciesFlag: UInt8 = 0x80
    /// Set in a block's frequencies' first byte when the places of the
    /// exceptions are listed instead of mapped.
    static let placesFlag: UInt8 = 0x40
    /// At most a quarter of a block patched: each patch is a step of its own
    /// when decoding.
    static let maximumPatches = blockSize / 4
    /// Patching costs a second pass over the block when decoding, so it is
    /// used only where it saves 2 bits a passage (32 bytes) or more.
    static let minimumPatchSaving = 32

    /// A block of gaps at one width, the few wider ones patched (one outlier
    /// no longer widens all 128): the width that makes the block smallest,
    /// counting for each wider gap a byte for its place and a varint for its
    /// high bits. Measured on ../shared/corpus (postings, and instructions of
    /// four searches against no patching): patching where it saves 2 bits a
    /// passage, 52.7 → 51.3 MB at 0.4-2.9 % more instructions; where it saves 1
    /// bit, 50.5 MB at 0.7-6.0 % (the bench's median time 1.8 % more); wherever
    /// smaller, 50.0 MB at 1.1-6.5 %.
    struct PatchedGaps {
        let width: Int
        let patches: Int
        let byteCount: Int

        init(_ gaps: [UInt32]) {
            // How many gaps need each width: a gap of width k patched at width
            // w costs a place byte and a varint of k - w bits.
            var counts = [Int](repeating: 0, count: 33)
            for gap in gaps { counts[BitPacking.width(of: gap)] += 1 }
            let widest = counts.lastIndex { $0 > 0 } ?? 0
            let plainBytes = 1 + BitPacking.byteCount(blockSize, width: widest)
            var best = (width: widest, patches: 0, bytes: plainBytes)
            var patched = 0
            for width in stride(from: widest - 1, through: 0, by: -1) {
                patched += counts[width + 1]
                // Narrower widths only patch more.
                if patched > maximumPatches { break }
                var patchBytes = 1
                for wider in (width + 1)...widest where counts[wider] > 0 {
                    patchBytes += counts[wider] * (1 + (wider - width + 6) / 7)
                }
                let bytes = 1 + BitPacking.byteCount(blockSize, width: width) + patchBytes
                if bytes + minimumPatchSaving <= plainBytes, bytes < best.bytes { best = (width, patched, bytes) }
            }
            (width, patches, byteCount) = best
        }

        /// `Width` (with 0x40 when patched), the low bits, then, when patched,
        /// the patch count and each patch's place and high bits.
        func append(_ gaps: [UInt32], to bytes: inout [UInt8]) {
            bytes.append(UInt8(width) | (patches > 0 ? patchesFlag : 0))
            let mask = width >= 32 ? UInt32.max : (UInt32(1) << UInt32(width)) &- 1
            bytes += BitPacking.pack(gaps.map { $0 & mask }, width: width)
            guard patches > 0 else { return }
            bytes.append(UInt8(patches))
            for (place, gap) in gaps.enumerated() where gap >> width != 0 {
                bytes.append(UInt8(place))
                appendVarint(gap >> width, to: &bytes)
            }
        }
    }

    /// Beyond this many passages of a block above frequency 1, listing them one
    /// by one decodes slower than unpacking every frequency.
    static let maximumExceptions = 24

    /// Appends one full block: `gaps` are its passages minus the one before
    /// each minus 1 (the first: minus the passage before the block),
    /// `extraFrequencies` each passage's frequency minus 1.
    static func appendBlock(gaps: [UInt32], extraFrequencies: [UInt32], to bytes: inout [UInt8]) {
        PatchedGaps(gaps).append(gaps, to: &bytes)
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
            // Their places: a bitmap, or for a few, each in 7 bits.
            let places = extraFrequencies.indices.filter { extraFrequencies[$0] > 0 }.map(UInt32.init)
            let placeBytes = BitPacking.byteCount(places.count, width: 7)
            if 1 + placeBytes < exceptionMap.count {
                bytes.append(UInt8(width + 1) | placesFlag)
                bytes.append(UInt8(places.count))
                bytes += BitPacking.pack(places, width: 7)
            } else {
                bytes.append(UInt8(width + 1))
                bytes += exceptionMap
            }
            bytes += BitPacking.pack(exceptions, width: width)
        } else {
            // Many passages above 1: every frequency, unpacked in one pass.
            let width = extraFrequencies.map { BitPacking.width(of: $0) }.max()!
            bytes.append(UInt8(width) | packedFrequenciesFlag)
            bytes += BitPacking.pack(extraFrequencies, width: width)
        }
    }

    static func appendVarint(_ value: UInt32, to bytes: inout [UInt8]) {
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
        // A patched block's gaps: on the stack, as a search decodes many single
        // blocks.
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: blockSize) { gaps in
            decode(from: start, to: end, count: count, after: after, limit: limit, passages: passages,
                   frequencies: frequencies, gaps: gaps.baseAddress!)
        }
    }

    @inline(__always)
    private static func decode(from start: UnsafePointer<UInt8>, to end: UnsafePointer<UInt8>, count: Int, after: Int32,
                               limit: Int32, passages: UnsafeMutablePointer<Int32>,
                               frequencies: UnsafeMutablePointer<Int32>, gaps: UnsafeMutablePointer<UInt32>) -> Int {
        var p = start
        var passage = after
        var written = 0
        while count - written >= blockSize {
            guard end - p >= 2 else { return written }
            let passageOutput = passages + written
            let base = Int(passage) + 1
            let isPatched = p[0] & patchesFlag != 0
            let gapBits = Int(p[0] & ~patchesFlag)
            p += 1
            let gapBytes = BitPacking.byteCount(blockSize, width: gapBits)
            guard gapBits <= maximumGapBits, end - p > gapBytes else { return written }
            if !isPatched {
                // Gaps of one width, turned into passages as they unpack.
                var current = Int(passage)
                forEachPacked(p, width: gapBits, available: end - p) { i, gap in
                    current &+= Int(gap) &+ 1
                    passageOutput[i] = Int32(truncatingIfNeeded: current)
                }
                p += gapBytes
            } else {
                // The low bits, then the patches' high bits, then the sums.
                forEachPacked(p, width: gapBits, available: end - p) { i, gap in gaps[i] = gap }
                p += gapBytes
                let patches = Int(p[0])
                p += 1
                for _ in 0..<patches {
                    guard end - p >= 2 else { return written }
                    let place = Int(p[0])
                    p += 1
                    var high = UInt32(p.pointee)
                    p += 1
                    if high >= 0x80, !readVarintTail(&high, &p, end) { return written }
                    guard place < blockSize, UInt64(high) << UInt64(gapBits) < 1 << 31 else { return written }
                    gaps[place] |= high << UInt32(gapBits)
                }
                var current = Int(passage)
                for i in 0..<blockSize {
                    current &+= Int(gaps[i]) &+ 1
                    passageOutput[i] = Int32(truncatingIfNeeded: current)
                }
            }
            guard p < end else { return written }
            let last = Int(passageOutput[blockSize - 1])
            guard last >= base, last < Int(limit) else { return written }
            // Frequencies: 0 (all 1), the exceptions' width + 1, their bitmap and
            // values, or the flag | width and every frequency - 1.
            let frequencyOutput = frequencies + written
            let exceptionTag = Int(p[0])
            p += 1
            if exceptionTag & Int(packedFrequenciesFlag) != 0 {
                let width = exceptionTag & ~Int(packedFrequenciesFlag)
                let packedBytes = BitPacking.byteCount(blockSize, width: width)
                guard width <= 16, end - p >= packedBytes else { return written }
                forEachPacked(p, width: width, available: end - p) { i, extra in
                    frequencyOutput[i] = Int32(truncatingIfNeeded: extra) &+ 1
                }
                p += packedBytes
            } else if exceptionTag & Int(placesFlag) != 0 {
                // A few passages above 1: their places, then their frequencies - 2.
                frequencyOutput.update(repeating: 1, count: blockSize)
                let width = exceptionTag & ~Int(placesFlag) - 1
                guard width >= 0, width <= 16, p < end else { return written }
                let listed = Int(p[0])
                p += 1
                let placeBytes = BitPacking.byteCount(listed, width: 7)
                let exceptionBytes = BitPacking.byteCount(listed, width: width)
                guard listed <= maximumExceptions, end - p >= placeBytes + exceptionBytes else { return written }
                let values = p + placeBytes
                for k in 0..<listed {
                    let place = Int(BitPacking.value(at: k * 7, width: 7, in: p, count: end - p))
                    let value = width == 0 ? 0 : BitPacking.value(at: k * width, width: width, in: values, count: end - values)
                    frequencyOutput[place] = Int32(truncatingIfNeeded: value) &+ 2
                }
                p += placeBytes + exceptionBytes
            } else {
                frequencyOutput.update(repeating: 1, count: blockSize)
                if exceptionTag > 0 {
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
