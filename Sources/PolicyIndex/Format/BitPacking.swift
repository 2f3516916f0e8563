/// Integers stored in a fixed number of bits each, least significant bit
/// first: the passage table and the positions of the postings (see
/// ``IndexFormat``).
enum BitPacking {
    /// The bits needed to write every value below `bound` (0 for a bound of 0 or 1).
    @inline(__always)
    static func width(below bound: Int) -> Int {
        bound <= 1 ? 0 : Int.bitWidth - (bound - 1).leadingZeroBitCount
    }

    /// The bits needed to write `value`.
    @inline(__always)
    static func width(of value: UInt32) -> Int {
        UInt32.bitWidth - value.leadingZeroBitCount
    }

    /// `values` at `width` bits each, padded to whole bytes.
    static func pack(_ values: [UInt32], width: Int) -> [UInt8] {
        var writer = BitWriter()
        for value in values { writer.append(value, width: width) }
        writer.pad()
        return writer.bytes
    }

    /// The number of bytes that `count` values of `width` bits take.
    @inline(__always)
    static func byteCount(_ count: Int, width: Int) -> Int {
        (count * width + 7) / 8
    }

    /// The `width`-bit value at bit `offset` of `bytes`; the caller has checked
    /// that `offset + width` bits lie inside them. Reads only the bytes the value
    /// touches, so it is safe at the very end of a buffer.
    @inline(__always)
    static func value(at offset: Int, width: Int, in bytes: UnsafePointer<UInt8>) -> UInt32 {
        guard width > 0 else { return 0 }
        return slowValue(at: offset, width: width, in: bytes)
    }

    /// The same, when at least 8 bytes from the value's first byte are
    /// readable (`count` bytes in all): one unaligned load.
    @inline(__always)
    static func value(at offset: Int, width: Int, in bytes: UnsafePointer<UInt8>, count: Int) -> UInt32 {
        guard width > 0 else { return 0 }
        let first = offset >> 3
        guard first + 8 <= count else { return slowValue(at: offset, width: width, in: bytes) }
        let word = UInt64(littleEndian: UnsafeRawPointer(bytes + first).loadUnaligned(as: UInt64.self))
        return UInt32(truncatingIfNeeded: (word >> UInt64(offset & 7)) & ((1 << UInt64(width)) - 1))
    }

    private static func slowValue(at offset: Int, width: Int, in bytes: UnsafePointer<UInt8>) -> UInt32 {
        var p = bytes + (offset >> 3)
        let shift = offset & 7
        var collected: UInt64 = 0
        var have = 0
        while have < shift + width {
            collected |= UInt64(p.pointee) << UInt64(have)
            have += 8
            p += 1
        }
        return UInt32(truncatingIfNeeded: (collected >> UInt64(shift)) & ((1 << UInt64(width)) - 1))
    }
}

/// Appends integers bit by bit into a byte array.
struct BitWriter {
    private(set) var bytes: [UInt8] = []
    private var buffer: UInt64 = 0
    private var count = 0

    @inline(__always)
    mutating func append(_ value: UInt32, width: Int) {
        guard width > 0 else { return }
        buffer |= UInt64(value & UInt32(truncatingIfNeeded: (1 << UInt64(width)) - 1)) << UInt64(count)
        count += width
        while count >= 8 {
            bytes.append(UInt8(truncatingIfNeeded: buffer))
            buffer >>= 8
            count -= 8
        }
    }

    /// Writes the last, partial byte.
    mutating func pad() {
        if count > 0 { bytes.append(UInt8(truncatingIfNeeded: buffer)) }
        buffer = 0
        count = 0
    }
}

/// A read-only array of `count` integers of `width` bits each.
struct PackedIntegers {
    let bytes: UnsafeRawBufferPointer
    let width: Int
    let count: Int
    private let mask: UInt64
    /// Values below this index are read with one 8-byte load (all of them are
    /// in bounds); the last few byte by byte.
    private let loadable: Int

    /// Nil when `bytes` is too short for `count` values.
    init?(_ bytes: UnsafeRawBufferPointer, width: Int, count: Int) {
        guard width >= 0, width <= 32, count >= 0, bytes.count >= BitPacking.byteCount(count, width: width) else { return nil }
        self.bytes = bytes
        self.width = width
        self.count = count
        mask = (1 << UInt64(width)) - 1
        loadable = width == 0 || bytes.count < 8 ? 0 : min(count, ((bytes.count - 8) * 8) / width + 1)
    }

    /// Read for every hit of a search (the passage lengths): one load, a
    /// shift and a mask.
    @inline(__always)
    subscript(index: Int) -> Int {
        guard let base = bytes.baseAddress, width > 0 else { return 0 }
        let bit = index &* width
        if index < loadable {
            let word = UInt64(littleEndian: (base + (bit &>> 3)).loadUnaligned(as: UInt64.self))
            return Int(truncatingIfNeeded: (word &>> UInt64(bit & 7)) & mask)
        }
        return Int(BitPacking.value(at: bit, width: width, in: base.assumingMemoryBound(to: UInt8.self)))
    }
}
