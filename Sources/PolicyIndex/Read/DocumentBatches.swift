import Foundation
import PolicyAnalysis

/// A section of a piece of bytes per document in batches compressed one
/// Zstandard frame each (``IndexFormat``: `headings`, `citations`). Keeps the
/// last few batches decompressed (a search's documents often share one, and
/// an export reads documents in order); safe to use from several threads.
final class DocumentBatches: @unchecked Sendable {
    private let file: String
    /// What the section holds, for messages: "section headings".
    private let name: String
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
    init(_ section: UnsafeRawBufferPointer, name: String, file: String) throws {
        self.file = file
        self.name = name
        let count = section.count >= 8 ? Int(UInt32(littleEndian: section.loadUnaligned(fromByteOffset: 4, as: UInt32.self))) : -1
        let tableEnd = 8 &+ (count &+ 1) &* FrameTable.entrySize
        guard count >= 0, tableEnd <= section.count,
            let table = FrameTable(UnsafeRawBufferPointer(rebasing: section[8..<tableEnd]))
        else {
            throw IndexError.corrupt(file: file, problem: "table of \(name) cut short")
        }
        let crc = UInt32(littleEndian: section.loadUnaligned(as: UInt32.self))
        guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: section[4..<tableEnd])) == crc else {
            throw IndexError.corrupt(file: file, problem: "checksum mismatch in the table of \(name)")
        }
        self.table = table
        frames = UnsafeRawBufferPointer(rebasing: section[tableEnd...])
    }

    /// Decodes the piece of a document (which must be in range) with `decode`,
    /// which gets its bytes (empty for a document with nothing stored) and
    /// returns nil when they are damaged.
    func piece<T>(ofDocument number: Int, _ decode: (UnsafeRawBufferPointer) -> T?) throws -> T {
        let batch = table.frame(holding: number)
        guard let (bytes, documents) = decompressed(batch), documents.lowerBound <= number else {
            throw IndexError.corrupt(file: file, problem: "batch \(batch) of \(name) (of document \(number)) damaged")
        }
        // Skip the pieces of the batch's documents before this one.
        let value = bytes.withUnsafeBytes { raw -> T? in
            var cursor = ByteCursor(raw)
            for _ in documents.lowerBound..<number {
                let skipped = Int(clamping: cursor.readVarint())
                guard !cursor.overrun, skipped <= raw.count - cursor.offset else { return nil }
                cursor.offset += skipped
            }
            let length = Int(clamping: cursor.readVarint())
            guard !cursor.overrun, length <= raw.count - cursor.offset else { return nil }
            return decode(UnsafeRawBufferPointer(rebasing: raw[cursor.offset..<(cursor.offset + length)]))
        }
        guard let value else {
            throw IndexError.corrupt(file: file, problem: "\(name) of document \(number) in batch \(batch) damaged")
        }
        return value
    }

    /// The headings of a document, from the `headings` section: the last
    /// 4,096 decoded are kept (all of ../shared/corpus's), since a server shows
    /// the same laws' hits again and again, an export of every hit meets each
    /// document many times in rank order, and decoding a law's hundreds of 第X条 took a twentieth of
    /// each `/api/search` request.
    func tree(ofDocument number: Int) throws -> SectionTree {
        try trees.value(for: number) {
            try piece(ofDocument: number) { $0.isEmpty ? SectionTree() : HeadingList.read($0) }
        }
    }

    private let trees = RecentlyUsed<SectionTree>(capacity: 4_096)

    /// A batch decompressed with its documents, or taken from the few kept;
    /// nil when it is damaged.
    private func decompressed(_ batch: Int) -> (bytes: [UInt8], items: Range<Int>)? {
        decompressed.value(for: batch) { table.decompress(batch, of: frames) }
    }
}
