import Foundation
import Testing

@testable import PolicyIndex

/// Rewrites sections of a segment file with their checksums made right, to
/// feed a reader damage that passes the checks on open.
enum SegmentRewriting {
    static func le<T: FixedWidthInteger>(_ v: T) -> [UInt8] { withUnsafeBytes(of: v.littleEndian) { Array($0) } }

    /// Rewrites a segment so that `replacements` take the place of those sections:
    /// the new sections are appended after the old ones, with a new directory and footer.
    static func rewrite(_ path: String, replacing replacements: [IndexFormat.Section: [UInt8]]) throws {
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

    static func varint(_ value: UInt64) -> [UInt8] {
        var v = value
        var out: [UInt8] = []
        while v >= 0x80 { out.append(UInt8(truncatingIfNeeded: v) | 0x80); v >>= 7 }
        out.append(UInt8(v))
        return out
    }

    /// A section's bytes, from the directory.
    static func section(_ section: IndexFormat.Section, of path: String) throws -> [UInt8] {
        let segment = try Segment(path: path)
        let range = try #require(segment.sections[section]).range
        return Array(try #require(FileManager.default.contents(atPath: path))[range])
    }
}
