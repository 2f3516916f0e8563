import Foundation
import PolicyAnalysis

/// The `headings` section of a segment (``IndexFormat``): the documents'
/// heading lists in batches compressed one Zstandard frame each. Keeps the
/// last few batches decompressed (a search's documents often share one, and
/// an export reads documents in order); safe to use from several threads.
final class HeadingBatches: @unchecked Sendable {
    private let file: String
    let table: FrameTable
    private let frames: UnsafeRawBufferPointer
    /// How many compressed batches there are.
    var count: Int { table.count }
    /// The last batches decompressed (nil for a damaged one): up to 64 of
    /// about 128 KiB, so that a server keeps most headings of a large segment
    /// inflated while a single search fills only the few it reads.
    private let decompressed = RecentlyUsed<(bytes: [UInt8], items: Range<Int>)?>(capacity: 64)

    /// Throws when the section is too short for its table, or the table does
    /// not match its checksum (it locates every batch, so it is checked here,
    /// once; each frame carries the checksum of its content).
    init(_ section: UnsafeRawBufferPointer, file: String) throws {
        self.file = file
        let count = section.count >= 8 ? Int(UInt32(littleEndian: section.loadUnaligned(fromByteOffset: 4, as: UInt32.self))) : -1
        let tableEnd = 8 &+ (count &+ 1) &* FrameTable.entrySize
        guard count >= 0, tableEnd <= section.count,
            let table = FrameTable(UnsafeRawBufferPointer(rebasing: section[8..<tableEnd]))
        else {
            throw IndexError.corrupt(file: file, problem: "table of section headings cut short")
        }
        let crc = UInt32(littleEndian: section.loadUnaligned(as: UInt32.self))
        guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: section[4..<tableEnd])) == crc else {
            throw IndexError.corrupt(file: file, problem: "checksum mismatch in the table of section headings")
        }
        self.table = table
        frames = UnsafeRawBufferPointer(rebasing: section[tableEnd...])
    }

    /// The headings of a document (which must be in range).
    func tree(ofDocument number: Int) throws -> SectionTree {
        let batch = table.frame(holding: number)
        guard let (bytes, documents) = decompressed(batch), documents.lowerBound <= number else {
            throw IndexError.corrupt(file: file, problem: "heading batch \(batch) (of document \(number)) damaged")
        }
        // Skip the lists of the batch's documents before this one.
        let tree = bytes.withUnsafeBytes { raw -> SectionTree? in
            var cursor = ByteCursor(raw)
            for _ in documents.lowerBound..<number {
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

    /// A batch decompressed with its documents, or taken from the few kept;
    /// nil when it is damaged.
    private func decompressed(_ batch: Int) -> (bytes: [UInt8], items: Range<Int>)? {
        decompressed.value(for: batch) { table.decompress(batch, of: frames) }
    }
}
