import Foundation
import ZIPFoundation

/// Writes a ZIP archive of uncompressed ("stored") entries with correct
/// checksums, so that fuzzed XML reaches the DOCX extractor's XML reading
/// rather than stopping at the archive's CRC check.
public enum StoredZIP {
    public static func archive(_ entries: [(name: String, bytes: [UInt8])]) -> [UInt8] {
        var out: [UInt8] = []
        var central: [UInt8] = []
        func u16(_ v: Int, _ into: inout [UInt8]) { into += [UInt8(v & 0xFF), UInt8((v >> 8) & 0xFF)] }
        func u32(_ v: UInt32, _ into: inout [UInt8]) { for shift in stride(from: 0, to: 32, by: 8) { into.append(UInt8((v >> UInt32(shift)) & 0xFF)) } }
        for entry in entries {
            let name = Array(entry.name.utf8)
            let crc = crc32(entry.bytes)
            let offset = UInt32(out.count)
            // Local file header, then the bytes.
            u32(0x0403_4B50, &out); u16(20, &out); u16(0, &out); u16(0, &out); u16(0, &out); u16(0, &out)
            u32(crc, &out); u32(UInt32(entry.bytes.count), &out); u32(UInt32(entry.bytes.count), &out)
            u16(name.count, &out); u16(0, &out); out += name; out += entry.bytes
            // Its central directory record.
            u32(0x0201_4B50, &central); u16(20, &central); u16(20, &central); u16(0, &central); u16(0, &central)
            u16(0, &central); u16(0, &central); u32(crc, &central); u32(UInt32(entry.bytes.count), &central)
            u32(UInt32(entry.bytes.count), &central); u16(name.count, &central); u16(0, &central); u16(0, &central)
            u16(0, &central); u16(0, &central); u32(0, &central); u32(offset, &central); central += name
        }
        let centralOffset = UInt32(out.count)
        out += central
        u32(0x0605_4B50, &out); u16(0, &out); u16(0, &out); u16(entries.count, &out); u16(entries.count, &out)
        u32(UInt32(central.count), &out); u32(centralOffset, &out); u16(0, &out)
        return out
    }
}

/// The CRC-32 of zlib, ZIP and the index format (ZIPFoundation's), for
/// inputs whose checksums a fuzzer mends so that its bytes reach the parser.
public func crc32<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> UInt32 {
    Data(bytes).crc32(checksum: 0)
}
