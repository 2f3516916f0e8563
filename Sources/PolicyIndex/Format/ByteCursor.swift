/// Reads integers and strings from a byte range, never past its end.
///
/// Reading past the end does not trap: it yields zeros and sets ``overrun``,
/// which the caller turns into a "corrupt index" error. So damaged index bytes
/// give an error, not a crash.
struct ByteCursor {
    let base: UnsafeRawPointer
    let end: Int
    var offset: Int
    private(set) var overrun = false

    init(_ buffer: UnsafeRawBufferPointer, offset: Int = 0) {
        // An empty buffer may have no base address; any valid pointer will do, as nothing is read.
        self.base = buffer.baseAddress ?? UnsafeRawPointer(bitPattern: 8)!
        self.end = buffer.count
        self.offset = offset
    }

    @inline(__always)
    mutating func readVarint() -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while offset < end {
            let byte = base.load(fromByteOffset: offset, as: UInt8.self)
            offset += 1
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            if shift > 63 { break }
        }
        overrun = true
        offset = end
        return 0
    }

    @inline(__always)
    mutating func readVarint32() -> Int {
        Int(truncatingIfNeeded: UInt32(truncatingIfNeeded: readVarint()))
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type) -> T {
        let size = MemoryLayout<T>.size
        guard offset + size <= end, offset >= 0 else {
            overrun = true
            offset = end
            return 0
        }
        let value = T(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: T.self))
        offset += size
        return value
    }

    mutating func readString() -> String {
        let length = Int(clamping: readVarint())
        guard length <= end - offset else {
            overrun = true
            offset = end
            return ""
        }
        let text = String(decoding: UnsafeRawBufferPointer(start: base + offset, count: length), as: UTF8.self)
        offset += length
        return text
    }

    /// Skips `count` varints without decoding them.
    @inline(__always)
    mutating func skipVarints(_ count: Int) {
        var remaining = count
        while remaining > 0 && offset < end {
            if base.load(fromByteOffset: offset, as: UInt8.self) < 0x80 { remaining -= 1 }
            offset += 1
        }
        if remaining > 0 { overrun = true }
    }
}
