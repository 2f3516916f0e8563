import Foundation
import PolicyAnalysis

/// The `headings` section of a segment (``IndexFormat``): the documents'
/// heading lists in batches compressed one Zstandard frame each. Keeps the
/// last few batches decompressed (a search's documents often share one, and
/// an export reads documents in order); safe to use from several threads.
final class HeadingBatches: @unchecked Sendable {
    private let file: String
    private let table: UnsafeRawBufferPointer
    private let frames: UnsafeRawBufferPointer
    /// How many compressed batches there are.
    let count: Int
    /// The last batches decompressed (nil for a damaged one).
    private let decompressed = RecentlyUsed<[UInt8]?>(capacity: 16)

    /// Throws when the section is too short for its table.
    init(_ section: UnsafeRawBufferPointer, file: String) throws {
        self.file = file
        let count = section.count >= 4 ? Int(UInt32(littleEndian: section.loadUnaligned(as: UInt32.self))) : -1
        let tableEnd = 4 &+ (count &+ 1) &* 16
        guard count >= 0, tableEnd <= section.count else {
            throw IndexError.corrupt(file: file, problem: "table of section headings cut short")
        }
        self.count = count
        table = UnsafeRawBufferPointer(rebasing: section[4..<tableEnd])
        frames = UnsafeRawBufferPointer(rebasing: section[tableEnd...])
    }

    /// A batch's first document, its uncompressed length and its offset
    /// (batch `count`: the document count and the frames' end).
    func entry(_ batch: Int) -> (firstDocument: Int, length: Int, offset: Int) {
        let base = batch * 16
        let first = UInt32(littleEndian: table.loadUnaligned(fromByteOffset: base, as: UInt32.self))
        let length = UInt32(littleEndian: table.loadUnaligned(fromByteOffset: base + 4, as: UInt32.self))
        let offset = UInt64(littleEndian: table.loadUnaligned(fromByteOffset: base + 8, as: UInt64.self))
        return (Int(first), Int(length), Int(clamping: offset))
    }

    /// The headings of a document (which must be in range).
    func tree(ofDocument number: Int) throws -> SectionTree {
        // The last batch whose first document is <= number.
        var low = 0
        var high = count
        while high - low > 1 {
            let middle = (low + high) / 2
            if entry(middle).firstDocument <= number { low = middle } else { high = middle }
        }
        let batch = low
        let first = entry(batch).firstDocument
        guard first <= number, let bytes = decompressed(batch) else {
            throw IndexError.corrupt(file: file, problem: "heading batch \(batch) (of document \(number)) damaged")
        }
        // Skip the lists of the batch's documents before this one.
        let tree = bytes.withUnsafeBytes { raw -> SectionTree? in
            var cursor = ByteCursor(raw)
            for _ in first..<number {
                let skipped = Int(clamping: cursor.readVarint())
                guard !cursor.overrun, skipped <= raw.count - cursor.offset else { return nil }
                cursor.offset += skipped
            }
            let length = Int(clamping: cursor.readVarint())
            guard !cursor.overrun, length <= raw.count - cursor.offset else { return nil }
            if length == 0 { return SectionTree() }
            return HeadingList.read(UnsafeRawBufferPointer(rebasing: raw[cursor.offset..<(cursor.offset + length)]))
        }
        guard let tree else {
            throw IndexError.corrupt(file: file, problem: "headings of document \(number) in heading batch \(batch) damaged")
        }
        return tree
    }

    /// A batch decompressed, or taken from the few kept; nil when it is damaged.
    private func decompressed(_ batch: Int) -> [UInt8]? {
        decompressed.value(for: batch) { decompress(batch) }
    }

    private func decompress(_ batch: Int) -> [UInt8]? {
        guard batch >= 0, batch < count else { return nil }
        let entry = entry(batch)
        let end = self.entry(batch + 1).offset
        guard entry.offset <= end, end <= frames.count,
            let bytes = BlockCompression.decompress(UnsafeRawBufferPointer(rebasing: frames[entry.offset..<end]), size: entry.length)
        else { return nil }
        return bytes
    }
}
