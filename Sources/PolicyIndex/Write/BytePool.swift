/// Many growing byte streams in one block of memory, as Lucene's
/// ByteBlockPool keeps postings while it indexes.
///
/// A stream is a chain of slices of growing size (8, 16 … 1024 bytes), each
/// followed by the 4-byte offset of the next. Appending a byte is a store and
/// a compare: no per-stream array, so no allocation and no copy-on-write
/// check per byte, and small streams (most terms are rare) waste little.
struct BytePool: ~Copyable {
    /// Where a stream is, and how long it is.
    struct Stream: Sendable {
        var head: UInt32 = .max
        var write: UInt32 = 0
        var end: UInt32 = 0
        var level: UInt32 = 0
        var length: UInt32 = 0
    }

    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private(set) var count = 0

    init(capacity: Int = 1 << 20) {
        self.capacity = capacity
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    @inline(__always)
    mutating func append(_ byte: UInt8, to stream: inout Stream) {
        if stream.write == stream.end { startSlice(of: &stream) }
        base[Int(stream.write)] = byte
        stream.write &+= 1
        stream.length &+= 1
    }

    @inline(__always)
    mutating func appendVarint(_ value: UInt32, to stream: inout Stream) {
        var v = value
        while v >= 0x80 {
            append(UInt8(truncatingIfNeeded: v) | 0x80, to: &stream)
            v >>= 7
        }
        append(UInt8(v), to: &stream)
    }

    private mutating func startSlice(of stream: inout Stream) {
        let size = 8 << min(Int(stream.level), 7)
        if count + size + 4 > capacity {
            var newCapacity = capacity * 2
            while newCapacity < count + size + 4 { newCapacity *= 2 }
            precondition(newCapacity <= Int(UInt32.max), "a segment's postings are limited to 4 GiB")
            let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
            grown.update(from: base, count: count)
            base.deallocate()
            base = grown
            capacity = newCapacity
        }
        let slice = UInt32(count)
        count += size + 4
        if stream.head == .max {
            stream.head = slice
        } else {
            // Link the full slice to the new one.
            UnsafeMutableRawPointer(base + Int(stream.end)).storeBytes(of: slice, as: UInt32.self)
        }
        stream.write = slice
        stream.end = slice + UInt32(size)
        stream.level += 1
    }

    /// Calls `body` with the stream's bytes, slice by slice, in order.
    func forEachSlice(of stream: Stream, _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
        try reader.forEachSlice(of: stream, body)
    }

    /// A read-only view of the pool, for worker threads while nothing is appended.
    var reader: Reader { Reader(base: base) }

    /// Reads streams of a pool that is not being written.
    struct Reader: @unchecked Sendable {
        let base: UnsafeMutablePointer<UInt8>

        func forEachSlice(of stream: Stream, _ body: (UnsafeRawBufferPointer) throws -> Void) rethrows {
            guard stream.head != .max else { return }
            var remaining = Int(stream.length)
            var slice = Int(stream.head)
            var level = 0
            while remaining > 0 {
                let size = 8 << min(level, 7)
                let take = min(size, remaining)
                try body(UnsafeRawBufferPointer(start: base + slice, count: take))
                remaining -= take
                if remaining > 0 {
                    slice = Int(UnsafeRawPointer(base + slice + size).loadUnaligned(as: UInt32.self))
                }
                level += 1
            }
        }
    }
}
