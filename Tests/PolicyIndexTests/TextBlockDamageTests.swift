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

    func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }

    /// Rewrites a segment so that `replacements` take the place of those sections:
    /// the new sections are appended after the old ones, with a new directory and footer.
    func rewrite(_ path: String, replacing replacements: [IndexFormat.Section: [UInt8]]) throws {
        var bytes = [UInt8](try #require(FileManager.default.contents(atPath: path)))
        let (tableOffset, count): (Int, Int) = bytes.withUnsafeBytes { raw in
            let t = Int(raw.loadUnaligned(fromByteOffset: raw.count - 24, as: UInt64.self))
            return (t, Int(raw.loadUnaligned(fromByteOffset: t, as: UInt32.self)))
        }
        var entries: [(id: UInt32, offset: UInt64, length: UInt64, crc: UInt32)] = bytes.withUnsafeBytes { raw in
            (0..<count).map { i in
                let e = tableOffset + 4 + i * 24
                return (raw.loadUnaligned(fromByteOffset: e, as: UInt32.self), raw.loadUnaligned(fromByteOffset: e + 4, as: UInt64.self),
                        raw.loadUnaligned(fromByteOffset: e + 12, as: UInt64.self), raw.loadUnaligned(fromByteOffset: e + 20, as: UInt32.self))
            }
        }
        bytes.removeLast(bytes.count - tableOffset)
        for (section, content) in replacements {
            while bytes.count % 8 != 0 { bytes.append(0) }
            let offset = UInt64(bytes.count)
            bytes += content
            let crc = content.withUnsafeBytes { CRC32.checksum($0) }
            let index = try #require(entries.firstIndex { $0.id == section.rawValue })
            entries[index] = (section.rawValue, offset, UInt64(content.count), crc)
        }
        while bytes.count % 8 != 0 { bytes.append(0) }
        var table: [UInt8] = le(UInt32(entries.count))
        for e in entries { table += le(e.id) + le(e.offset) + le(e.length) + le(e.crc) }
        let newTableOffset = bytes.count
        bytes += table
        bytes += le(UInt64(newTableOffset)) + le(UInt64(table.count)) + le(table.withUnsafeBytes { CRC32.checksum($0) }) + Array("XISP".utf8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
    }

    func varint(_ value: UInt64) -> [UInt8] {
        var v = value
        var out: [UInt8] = []
        while v >= 0x80 { out.append(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
        out.append(UInt8(v))
        return out
    }

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
        var block = varint(UInt64(Int.max)) + varint(UInt64(Int.max)) + varint(2)
        for _ in 3..<passages { block += [0] }
        let frame = BlockCompression.compress(block, .text)
        let index = le(UInt32(0)) + le(UInt32(block.count)) + le(UInt64(0))
            + le(UInt32(passages)) + le(UInt32(0)) + le(UInt64(frame.count))
        try rewrite(segment, replacing: [.textBlocks: frame, .textIndex: index])
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
        let index = le(UInt32(0)) + le(UInt32(block.count)) + le(UInt64(0))
            + le(UInt32(passages)) + le(UInt32(0)) + le(UInt64(frame.count))
        try rewrite(segment, replacing: [.textBlocks: frame, .textIndex: index])
        let reader = try IndexReader(directory: directory)
        #expect(try reader.segments[0].text(ofPassage: 0) == "")
    }
}
