/// Fast conversions between strings and arrays of Unicode scalar values.
///
/// The analysis works on `[UInt32]` (one element a character, indexable in
/// O(1)); the standard library's scalar views decode and encode one scalar at
/// a time through generic code, which was a fifth of the indexing time.
public enum ScalarText {
    /// The Unicode scalar values of a string.
    public static func scalars(of text: String) -> [UInt32] {
        var text = text
        return text.withUTF8 { utf8 in
            var result = [UInt32]()
            result.reserveCapacity(utf8.count)
            var i = 0
            let n = utf8.count
            // The string is valid UTF-8, so the lead byte tells the length.
            while i < n {
                let b0 = UInt32(utf8[i])
                if b0 < 0x80 {
                    result.append(b0)
                    i += 1
                } else if b0 < 0xE0 {
                    result.append((b0 & 0x1F) << 6 | UInt32(utf8[i + 1] & 0x3F))
                    i += 2
                } else if b0 < 0xF0 {
                    result.append((b0 & 0x0F) << 12 | UInt32(utf8[i + 1] & 0x3F) << 6 | UInt32(utf8[i + 2] & 0x3F))
                    i += 3
                } else {
                    result.append((b0 & 0x07) << 18 | UInt32(utf8[i + 1] & 0x3F) << 12
                        | UInt32(utf8[i + 2] & 0x3F) << 6 | UInt32(utf8[i + 3] & 0x3F))
                    i += 4
                }
            }
            return result
        }
    }

    /// A string of Unicode scalar values (invalid values are skipped).
    public static func string<C: Collection>(_ scalars: C) -> String where C.Element == UInt32 {
        String(unsafeUninitializedCapacity: scalars.count * 4) { buffer in
            var written = 0
            for v in scalars { written += writeUTF8(v, to: buffer.baseAddress! + written) }
            return written
        }
    }

    /// Writes the UTF-8 bytes of a scalar value at `out` (room for 4 bytes),
    /// nothing for an invalid one; returns how many it wrote. For a caller
    /// that encodes a lot of text into a buffer it sized itself.
    @inlinable
    public static func writeUTF8(_ v: UInt32, to out: UnsafeMutablePointer<UInt8>) -> Int {
        if v < 0x80 {
            out[0] = UInt8(v)
            return 1
        } else if v < 0x800 {
            out[0] = UInt8(0xC0 | v >> 6)
            out[1] = UInt8(0x80 | v & 0x3F)
            return 2
        } else if v < 0x10000 {
            if (0xD800..<0xE000).contains(v) { return 0 }
            out[0] = UInt8(0xE0 | v >> 12)
            out[1] = UInt8(0x80 | (v >> 6) & 0x3F)
            out[2] = UInt8(0x80 | v & 0x3F)
            return 3
        } else if v < 0x110000 {
            out[0] = UInt8(0xF0 | v >> 18)
            out[1] = UInt8(0x80 | (v >> 12) & 0x3F)
            out[2] = UInt8(0x80 | (v >> 6) & 0x3F)
            out[3] = UInt8(0x80 | v & 0x3F)
            return 4
        }
        return 0
    }

    /// The UTF-16 code units of Unicode scalar values (invalid values are
    /// skipped, as ``string(_:)`` skips them).
    @inlinable
    public static func utf16<C: Collection>(_ scalars: C) -> [UInt16] where C.Element == UInt32 {
        var units = [UInt16]()
        units.reserveCapacity(scalars.count)
        for v in scalars {
            if v < 0x10000 {
                if (0xD800..<0xE000).contains(v) { continue }
                units.append(UInt16(v))
            } else if v < 0x110000 {
                units.append(UInt16(0xD800 + ((v - 0x10000) >> 10)))
                units.append(UInt16(0xDC00 + ((v - 0x10000) & 0x3FF)))
            }
        }
        return units
    }
}
