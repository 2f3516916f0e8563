import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex

/// The one term-dictionary scanner, fed damaged varints whose block
/// checksums were made right (so the damage gets past the checksum to the
/// decoding): every scan is an `IndexError`, never a trap.
@Suite struct TermDictionaryDamageTests {
    let folder = TemporaryFolder()

    func build() throws -> (IndexDirectory, String) {
        folder.write("corpus/a.md", "# 数据交易管理办法\n\n第一条　为了规范数据交易，制定本办法。\n\n第二条　数据交易所应当依法运营。\n")
        let directory = IndexDirectory(path: folder.file("index"))
        let report = try IndexBuilder(corpus: folder.file("corpus"), directory: directory).build()
        return (directory, directory.file(try #require(report.manifest).segments[0].name))
    }

    /// Replaces the term blocks by `blocks` (one term block, from offset 0),
    /// with a term index of one entry whose checksum fits.
    func replaceTermBlocks(of path: String, with blocks: [UInt8]) throws {
        let index = try SegmentRewriting.section(.termIndex, of: path)
        let crc = blocks.withUnsafeBytes { CRC32.checksum($0) }
        var entry = Array(index[0..<8]) + SegmentRewriting.le(UInt32(0)) + SegmentRewriting.le(crc) + Array(index[16..<32])
        // The other blocks start where this one ends: empty, and their checksum fits too.
        for block in 1..<(index.count / TermDictionaryReader.entrySize) {
            let base = block * TermDictionaryReader.entrySize
            entry += Array(index[base..<(base + 8)]) + SegmentRewriting.le(UInt32(blocks.count))
                + SegmentRewriting.le(CRC32.checksum(UnsafeRawBufferPointer(start: nil, count: 0)))
                + Array(index[(base + 16)..<(base + 32)])
        }
        try SegmentRewriting.rewrite(path, replacing: [.termBlocks: blocks, .termIndex: entry])
    }

    static let damage: [(name: String, bytes: [UInt8])] = [
        ("a varint that never ends", [UInt8](repeating: 0xFF, count: 40)),
        ("continuation bytes only", [UInt8](repeating: 0x80, count: 40)),
        ("streams past the postings", [UInt8](repeating: 0x7F, count: 400)),
        // Key 0, frequency 1, then doc and position sizes whose sum overflows.
        ("sizes that overflow", [0, 1] + SegmentRewriting.varint(UInt64(Int.max)) + SegmentRewriting.varint(UInt64(Int.max))),
        ("a varint of more than 64 bits", [0, 1] + [UInt8](repeating: 0xFF, count: 10) + [0x7F, 0]),
    ]

    @Test(arguments: 0..<5) func damagedVarintsAreAnErrorInEveryScan(case number: Int) throws {
        let (name, bytes) = Self.damage[number]
        let (directory, path) = try build()
        let termCount = try IndexReader(directory: directory).segments[0].termCount
        #expect(termCount > 1)
        try replaceTermBlocks(of: path, with: bytes)
        let segment = try IndexReader(directory: directory).segments[0]
        #expect(throws: IndexError.self, "\(name)") { try segment.forEachTerm { _, _ in } }
        #expect(throws: IndexError.self, "\(name)") { _ = try segment.terms(in: 0...UInt64.max) }
        let firstKey = segment.dictionary.firstKey(ofBlock: 0)
        #expect(throws: IndexError.self, "\(name)") { _ = try segment.term(firstKey) }
    }

    /// A flipped bit in a term block is caught by its checksum before any
    /// varint is read.
    /// The segment fuzzer's timeout: a term block count in the statistics
    /// beyond what the term index holds, checksums made right, made the
    /// reader allocate and clear a ledger of billions of bits before the
    /// count was checked. It is refused on open, at once.
    @Test(.timeLimit(.minutes(1)))
    func aTermBlockCountBeyondTheTermIndexIsRefusedBeforeAnythingIsAllocated() throws {
        let (_, path) = try build()
        var statistics = try SegmentRewriting.section(.statistics, of: path)
        // passageCount u32, documentCount u32, totalWords u64, termCount u64, termBlockCount u32 …
        for (k, byte) in SegmentRewriting.le(UInt32.max - 1).enumerated() { statistics[24 + k] = byte }
        try SegmentRewriting.rewrite(path, replacing: [.statistics: statistics])
        let error = #expect(throws: IndexError.self) { _ = try Segment(path: path) }
        #expect(error?.description.contains("section sizes disagree with the statistics") == true)
    }

    @Test func aFlippedBitInATermBlockIsAChecksumMismatch() throws {
        let (directory, path) = try build()
        var blocks = try SegmentRewriting.section(.termBlocks, of: path)
        blocks[blocks.count / 2] ^= 0x10
        let range = try #require(try Segment(path: path).sections[.termBlocks]).range
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        bytes.replaceSubrange(range, with: blocks)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        let segment = try IndexReader(directory: directory).segments[0]
        let error = #expect(throws: IndexError.self) { try segment.forEachTerm { _, _ in } }
        #expect(error?.description.contains("checksum mismatch in term block 0") == true)
    }
}
