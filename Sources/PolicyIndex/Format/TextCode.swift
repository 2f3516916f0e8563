/// The code of stored text: each UTF-16 unit as its rank in the segment's
/// alphabet (its units, most frequent first), in one byte for the 224 most
/// frequent, two for the next 7,936, three for any other.
///
/// Zstandard codes literals byte by byte; in UTF-16 a Chinese character is
/// two bytes of which the second is nearly random, and in UTF-8 three. Ranks
/// give the common characters one byte and make the bytes themselves
/// predictable. Measured on ../shared/corpus (1 MiB blocks of UTF-16, the
/// same compression): 14.4 → 13.2 MB, and fewer bytes to compress.
///
/// ```
/// Code --> Rank u8                                      (rank below 224)
///        | 0xE0 + (Rank - 224) >> 8 u8, (Rank - 224) & 0xFF u8   (rank below 8160)
///        | 0xFF, Unit u16                               (a unit not in the alphabet)
/// ```
enum TextCode {
    static let oneByteRanks = 0xE0
    static let escape: UInt8 = 0xFF
    /// The most units an alphabet holds.
    static let alphabetCapacity = oneByteRanks + (Int(escape) - oneByteRanks) * 256

    /// The alphabet of a text whose units occur `counts[unit]` times: the
    /// units that occur, most frequent first (ties by unit), at most
    /// ``alphabetCapacity``.
    static func alphabet(counts: [UInt32]) -> [UInt16] {
        var units = counts.indices.filter { counts[$0] > 0 }
        units.sort { counts[$0] != counts[$1] ? counts[$0] > counts[$1] : $0 < $1 }
        return units.prefix(alphabetCapacity).map { UInt16($0) }
    }

    /// The rank of every unit in `alphabet`, by unit (`UInt16.max` for none).
    static func ranks(of alphabet: [UInt16]) -> [UInt16] {
        var ranks = [UInt16](repeating: .max, count: 0x10000)
        for (rank, unit) in alphabet.enumerated() { ranks[Int(unit)] = UInt16(rank) }
        return ranks
    }

    /// Appends the codes of `units` to `bytes`.
    static func encode(_ units: ArraySlice<UInt16>, ranks: [UInt16], into bytes: inout [UInt8]) {
        for unit in units {
            let rank = Int(ranks[Int(unit)])
            if rank < oneByteRanks {
                bytes.append(UInt8(rank))
            } else if rank < alphabetCapacity {
                bytes.append(UInt8(oneByteRanks + (rank - oneByteRanks) >> 8))
                bytes.append(UInt8(truncatingIfNeeded: rank - oneByteRanks))
            } else {
                bytes.append(escape)
                bytes.append(UInt8(truncatingIfNeeded: unit))
                bytes.append(UInt8(truncatingIfNeeded: unit >> 8))
            }
        }
    }

    /// The unit of the code at `i` (moving `i` past it); nil when the code is
    /// cut short or its rank is beyond the alphabet.
    @inline(__always)
    private static func nextUnit(_ codes: UnsafeRawBufferPointer, at i: inout Int, alphabet: UnsafeRawBufferPointer,
                                 alphabetCount: Int) -> UInt16? {
        let count = codes.count
        let lead = Int(codes[i])
        if lead == Int(escape) {
            guard i + 2 < count else { return nil }
            defer { i += 3 }
            return UInt16(codes[i + 1]) | UInt16(codes[i + 2]) << 8
        }
        let rank: Int
        if lead < oneByteRanks {
            rank = lead
            i += 1
        } else {
            guard i + 1 < count else { return nil }
            rank = oneByteRanks + ((lead - oneByteRanks) << 8 | Int(codes[i + 1]))
            i += 2
        }
        guard rank < alphabetCount else { return nil }
        return UInt16(littleEndian: alphabet.loadUnaligned(fromByteOffset: rank * 2, as: UInt16.self))
    }

    /// A 64-bit fingerprint (FNV-1a) of the UTF-16 units that `codes` stand
    /// for, the same in every segment whatever its alphabet; nil when the
    /// codes are damaged. Identical texts have equal fingerprints; different
    /// ones, equal fingerprints with a chance of about one in 2⁶⁴.
    static func fingerprint(_ codes: UnsafeRawBufferPointer, alphabet: UnsafeRawBufferPointer) -> UInt64? {
        let alphabetCount = alphabet.count / 2
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var i = 0
        let count = codes.count
        while i < count {
            guard let unit = nextUnit(codes, at: &i, alphabet: alphabet, alphabetCount: alphabetCount) else { return nil }
            hash = (hash ^ UInt64(unit & 0xFF)) &* 0x0000_0100_0000_01B3
            hash = (hash ^ UInt64(unit >> 8)) &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// The text that `codes` stand for; nil when they are damaged (cut in
    /// the middle of a code, or a rank beyond the alphabet).
    ///
    /// Written straight as UTF-8 into the string: `String(decoding:as:)` from
    /// UTF-16 runs a generic, unspecialized transcoder (measured: most of the
    /// time of a scan of every passage's text).
    static func decode(_ codes: UnsafeRawBufferPointer, alphabet: UnsafeRawBufferPointer) -> String? {
        let alphabetCount = alphabet.count / 2
        var damaged = false
        // A code byte gives at most 3 bytes of UTF-8 (a surrogate pair, 4 from 2 or more).
        let text = String(unsafeUninitializedCapacity: codes.count * 3) { output in
            var n = 0
            @inline(__always) func put(_ scalar: UInt32) {
                if scalar < 0x80 {
                    output[n] = UInt8(scalar)
                    n += 1
                } else if scalar < 0x800 {
                    output[n] = UInt8(0xC0 | scalar >> 6)
                    output[n + 1] = UInt8(0x80 | scalar & 0x3F)
                    n += 2
                } else if scalar < 0x10000 {
                    output[n] = UInt8(0xE0 | scalar >> 12)
                    output[n + 1] = UInt8(0x80 | scalar >> 6 & 0x3F)
                    output[n + 2] = UInt8(0x80 | scalar & 0x3F)
                    n += 3
                } else {
                    output[n] = UInt8(0xF0 | scalar >> 18)
                    output[n + 1] = UInt8(0x80 | scalar >> 12 & 0x3F)
                    output[n + 2] = UInt8(0x80 | scalar >> 6 & 0x3F)
                    output[n + 3] = UInt8(0x80 | scalar & 0x3F)
                    n += 4
                }
            }
            // A high surrogate waiting for its low one; a lone one becomes U+FFFD.
            var high: UInt32 = 0
            var i = 0
            let count = codes.count
            while i < count {
                guard let code = nextUnit(codes, at: &i, alphabet: alphabet, alphabetCount: alphabetCount) else {
                    damaged = true
                    break
                }
                let unit = UInt32(code)
                switch unit {
                case 0xD800...0xDBFF:
                    if high != 0 { put(0xFFFD) }
                    high = unit
                case 0xDC00...0xDFFF:
                    put(high != 0 ? 0x10000 + (high - 0xD800) << 10 + (unit - 0xDC00) : 0xFFFD)
                    high = 0
                default:
                    if high != 0 { put(0xFFFD) }
                    high = 0
                    put(unit)
                }
            }
            if high != 0 { put(0xFFFD) }
            return n
        }
        return damaged ? nil : text
    }
}
