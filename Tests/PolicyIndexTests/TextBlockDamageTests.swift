import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex

/// A stored-text block whose table of code lengths is damaged is an error,
/// never a crash, even when it passes the checks on open (its section's
/// checksum is verified by `check`, not on open).
@Suite struct TextBlockDamageTests {
    let folder = TemporaryFolder()

    func build() throws -> (IndexDirectory, String, Int) {
        folder.write("corpus/a.txt", "第一行文字。\n第二行文字。\n第三行文字。\n第四行。\n")
        let directory = IndexDirectory(path: folder.file("index"))
        let report = try IndexBuilder(corpus: folder.file("corpus"), directory: directory).build()
        let segment = directory.file(report.manifest!.segments[0].name)
        let passages = try IndexReader(directory: directory).segments[0].passageCount
        return (directory, segment, passages)
    }

    /// Code lengths Int.max, Int.max, 2, 0…: they sum (wrapping) to the block's
    /// length, so decompressBlock accepts the block, but starts[1] < starts[0].
    @Test func wrappingCodeLengthsThrowInsteadOfCrashing() throws {
        let (directory, segment, passages) = try build()
        #expect(passages >= 3)
        var block = SegmentRewriting.varint(UInt64(Int.max)) + SegmentRewriting.varint(UInt64(Int.max)) + SegmentRewriting.varint(2)
        for _ in 3..<passages { block += [0] }
        let frame = BlockCompression.compress(block, .text)
        let index = SegmentRewriting.le(UInt32(0)) + SegmentRewriting.le(UInt32(block.count)) + SegmentRewriting.le(UInt64(0))
            + SegmentRewriting.le(UInt32(passages)) + SegmentRewriting.le(UInt32(0)) + SegmentRewriting.le(UInt64(frame.count))
        try SegmentRewriting.rewrite(segment, replacing: [.textBlocks: frame, .textIndex: index])
        let reader = try IndexReader(directory: directory)
        let error = #expect(throws: IndexError.self) { try reader.segments[0].text(ofPassage: 0) }
        #expect(error?.description.contains("stored text block 0 damaged") == true)
    }

    /// The same rewrite with sane lengths reads back: the damage above is what fails.
    @Test func rewriteItselfWorks() throws {
        let (directory, segment, passages) = try build()
        var block: [UInt8] = []
        for _ in 0..<passages { block += [0] }
        let frame = BlockCompression.compress(block, .text)
        let index = SegmentRewriting.le(UInt32(0)) + SegmentRewriting.le(UInt32(block.count)) + SegmentRewriting.le(UInt64(0))
            + SegmentRewriting.le(UInt32(passages)) + SegmentRewriting.le(UInt32(0)) + SegmentRewriting.le(UInt64(frame.count))
        try SegmentRewriting.rewrite(segment, replacing: [.textBlocks: frame, .textIndex: index])
        let reader = try IndexReader(directory: directory)
        #expect(try reader.segments[0].text(ofPassage: 0) == "")
    }
}
