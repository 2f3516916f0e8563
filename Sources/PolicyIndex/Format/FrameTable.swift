/// The table of a run of Zstandard frames, each holding consecutive items
/// (the passages of a text block, the documents of a heading batch):
/// `<FirstItem u32, Length u32, Offset u64>^(FrameCount+1)`, a frame's first
/// item, uncompressed length and offset among the frames, the last entry the
/// item count and the frames' end (``IndexFormat``).
struct FrameTable {
    private let bytes: UnsafeRawBufferPointer
    /// How many frames there are.
    let count: Int

    static let entrySize = 16

    /// Nil unless `bytes` holds whole entries, at least the last one.
    init?(_ bytes: UnsafeRawBufferPointer) {
        guard bytes.count >= Self.entrySize, bytes.count % Self.entrySize == 0 else { return nil }
        self.bytes = bytes
        count = bytes.count / Self.entrySize - 1
    }

    /// Frame `frame`'s entry (frame `count`: the item count and the frames' end).
    func entry(_ frame: Int) -> (firstItem: Int, length: Int, offset: Int) {
        let base = frame * Self.entrySize
        let first = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: base, as: UInt32.self))
        let length = UInt32(littleEndian: bytes.loadUnaligned(fromByteOffset: base + 4, as: UInt32.self))
        let offset = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self))
        return (Int(first), Int(length), Int(clamping: offset))
    }

    /// The frame that holds `item`: the last whose first item is at or before
    /// it (searching from frame `low` on).
    func frame(holding item: Int, from low: Int = 0) -> Int {
        var low = low
        var high = count
        while high - low > 1 {
            let middle = (low + high) / 2
            if entry(middle).firstItem <= item { low = middle } else { high = middle }
        }
        return low
    }

    /// Frame `frame` of `frames` decompressed, with its first item and the
    /// item after its last; nil when the frame or its entries are damaged.
    func decompress(_ frame: Int, of frames: UnsafeRawBufferPointer) -> (bytes: [UInt8], items: Range<Int>)? {
        guard frame >= 0, frame < count else { return nil }
        let this = entry(frame)
        let next = entry(frame + 1)
        guard this.offset <= next.offset, next.offset <= frames.count, this.firstItem <= next.firstItem,
            let bytes = BlockCompression.decompress(UnsafeRawBufferPointer(rebasing: frames[this.offset..<next.offset]),
                                                    size: this.length)
        else { return nil }
        return (bytes, this.firstItem..<next.firstItem)
    }

    /// The table of `frames` (compressed), where frame `i` holds the items from
    /// `firstItems[i]` on, `lengths[i]` bytes uncompressed, of `itemCount` in all.
    static func encode(firstItems: [Int], lengths: [Int], frames: [[UInt8]], itemCount: Int) -> [UInt8] {
        var table = ByteWriter(capacity: (frames.count + 1) * entrySize)
        var offset: UInt64 = 0
        for (first, (length, frame)) in zip(firstItems, zip(lengths, frames)) {
            table.write(UInt32(first))
            table.write(UInt32(length))
            table.write(offset)
            offset += UInt64(frame.count)
        }
        table.write(UInt32(itemCount))
        table.write(UInt32(0))
        table.write(offset)
        return table.bytes
    }
}
