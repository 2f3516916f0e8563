import Foundation
import Synchronization
import PolicyAnalysis

/// One segment file, opened read-only through a memory map (see ``IndexFormat``):
/// the composition of the readers of its parts, behind one API.
///
/// Opening checks the frame, the identity and the sections read a value at a
/// time; the term blocks, postings, stored text and headings are verified a
/// block at a time where they are decoded, each against a checksum in a
/// verified section or in the block (Zstandard's), and decoded with bounds
/// checks. So a damaged byte anywhere gives the same answer or an
/// ``IndexError/corrupt(file:problem:)``, never another answer and never a
/// trap. ``verify()`` checks every section's checksum.
public final class Segment: @unchecked Sendable {
    /// The segment file.
    public let path: String
    private let file: MappedFile
    private(set) var sections: [IndexFormat.Section: (range: Range<Int>, crc: UInt32)] = [:]
    /// How many passages the segment holds.
    public let passageCount: Int
    /// How many documents the segment holds.
    public let documentCount: Int
    /// The ICU words of all its passages.
    public let totalWords: UInt64
    /// How many terms its dictionary holds.
    public let termCount: Int

    let passageTable: PassageTable
    let documents: DocumentTable
    let storedText: StoredTextReader
    /// Every passage's text fingerprint, once ``loadFingerprints()`` made it.
    let fingerprints = Mutex<[UInt64]?>(nil)
    let dictionary: TermDictionaryReader
    let postings: PostingsReader

    /// The documents' heading lists, in compressed batches.
    var headings: DocumentBatches { documents.headings }
    /// The documents' citations, in compressed batches.
    let citationBatches: DocumentBatches
    /// How many compressed blocks hold the stored text.
    var textBlockCount: Int { storedText.blockCount }

    /// The identity in its header (32 hex digits, ``SegmentEntry/id``).
    public let id: String

    /// Opens the segment file at `path`; throws ``IndexError`` when it is not
    /// a segment of this format, its frame or small sections are damaged, or
    /// its identity is not `expectedID` (when given: the manifest's).
    public init(path: String, id expectedID: String? = nil) throws {
        self.path = path
        file = try MappedFile(path: path)
        let bytes = file.bytes
        func corrupt(_ problem: String) -> IndexError { .corrupt(file: path, problem: problem) }

        guard bytes.count >= IndexFormat.headerLength + IndexFormat.footerLength else {
            throw corrupt("only \(bytes.count) bytes long")
        }
        guard Array(bytes[0..<4]) == IndexFormat.headerMagic else { throw corrupt("not a policy-search segment: bad header") }
        var header = ByteCursor(bytes, offset: 4)
        let version = header.read(UInt32.self)
        guard version == IndexFormat.version else { throw IndexError.incompatible(file: path, found: version) }
        id = IndexFormat.segmentID(UnsafeRawBufferPointer(rebasing: bytes[8..<24]))
        if let expectedID, expectedID != id {
            throw corrupt("it is not the segment the manifest names (identity \(id), the manifest's \(expectedID))")
        }
        guard Array(bytes[(bytes.count - 4)...]) == IndexFormat.footerMagic else {
            throw corrupt("bad footer: the file was cut short or overwritten")
        }
        var footer = ByteCursor(bytes, offset: bytes.count - IndexFormat.footerLength)
        let tableOffset = Int(clamping: footer.read(UInt64.self))
        let tableLength = Int(clamping: footer.read(UInt64.self))
        let tableCRC = footer.read(UInt32.self)
        guard tableOffset >= IndexFormat.headerLength, tableLength >= 4,
            tableOffset <= bytes.count - IndexFormat.footerLength - tableLength
        else { throw corrupt("section directory out of bounds") }
        let table = UnsafeRawBufferPointer(rebasing: bytes[tableOffset..<(tableOffset + tableLength)])
        guard CRC32.checksum(table) == tableCRC else { throw corrupt("section directory checksum mismatch") }
        var cursor = ByteCursor(table)
        var found: [IndexFormat.Section: (range: Range<Int>, crc: UInt32)] = [:]
        let count = Int(cursor.read(UInt32.self))
        for _ in 0..<min(count, 64) {
            let id = cursor.read(UInt32.self)
            let offset = Int(clamping: cursor.read(UInt64.self))
            let length = Int(clamping: cursor.read(UInt64.self))
            let crc = cursor.read(UInt32.self)
            guard !cursor.overrun, offset >= IndexFormat.headerLength, length >= 0, offset <= tableOffset - length else {
                throw corrupt("section \(id) out of bounds")
            }
            if let section = IndexFormat.Section(rawValue: id) { found[section] = (offset..<(offset + length), crc) }
        }
        sections = found
        func section(_ id: IndexFormat.Section) throws -> UnsafeRawBufferPointer {
            guard let entry = found[id] else { throw corrupt("section \(id) is missing") }
            let slice = UnsafeRawBufferPointer(rebasing: bytes[entry.range])
            if id.isVerifiedOnOpen, CRC32.checksum(slice) != entry.crc {
                throw corrupt("checksum mismatch in section \(id)")
            }
            return slice
        }
        var statistics = ByteCursor(try section(.statistics))
        passageCount = Int(statistics.read(UInt32.self))
        documentCount = Int(statistics.read(UInt32.self))
        totalWords = statistics.read(UInt64.self)
        termCount = Int(clamping: statistics.read(UInt64.self))
        let termBlockCount = Int(statistics.read(UInt32.self))
        let blockSize = Int(statistics.read(UInt32.self))
        _ = statistics.read(UInt32.self)  // text block size: how the writer cut, not needed to read
        let widths = (0..<4).map { _ in Int(statistics.read(UInt8.self)) }
        guard !statistics.overrun else { throw corrupt("statistics cut short") }

        passageTable = try PassageTable(count: passageCount, lengths: try section(.lengths), lengthBits: widths[3],
                                        passageInfo: try section(.passageInfo), widths: widths, file: path)
        storedText = try StoredTextReader(passageCount: passageCount, index: try section(.textIndex),
                                          alphabet: try section(.textAlphabet), blocks: try section(.textBlocks), file: path)
        documents = try DocumentTable(count: documentCount, passageCount: passageCount, index: try section(.documentIndex),
                                      records: try section(.documentRecords),
                                      headings: try DocumentBatches(try section(.headings), name: "section headings",
                                                                    file: path), file: path)
        citationBatches = try DocumentBatches(try section(.citations), name: "section citations", file: path)
        let postingsSection = try section(.postings)
        let termIndex = try section(.termIndex)
        // Checked before the ledger is made for that many blocks: a damaged
        // count would allocate and clear gigabytes (the segment fuzzer's timeout).
        guard termBlockCount >= 0, termBlockCount <= termIndex.count / TermDictionaryReader.entrySize else {
            throw corrupt("section sizes disagree with the statistics")
        }
        let ledger = VerificationLedger(termBlockCount: termBlockCount)
        dictionary = try TermDictionaryReader(termCount: termCount, blockCount: termBlockCount, blockSize: blockSize,
                                              index: termIndex, blocks: try section(.termBlocks),
                                              postings: postingsSection, ledger: ledger, file: path)
        postings = PostingsReader(postingsSection, passages: passageTable, ledger: ledger, file: path)
    }

    /// Verifies the checksum of every section; throws on the first mismatch.
    public func verify() throws {
        for section in IndexFormat.Section.allCases {
            guard let entry = sections[section] else {
                throw IndexError.corrupt(file: path, problem: "section \(section) is missing")
            }
            if CRC32.checksum(UnsafeRawBufferPointer(rebasing: file.bytes[entry.range])) != entry.crc {
                throw IndexError.corrupt(file: path, problem: "checksum mismatch in section \(section)")
            }
        }
    }

    /// The size of the segment file in bytes.
    public var byteCount: Int { file.bytes.count }
}
