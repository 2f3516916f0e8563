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

    /// The text that `codes` stand for; nil when they are damaged (cut in
    /// the middle of a code, or a rank beyond the alphabet).
    static func decode(_ codes: UnsafeRawBufferPointer, alphabet: UnsafeRawBufferPointer) -> String? {
        let alphabetCount = alphabet.count / 2
        var damaged = false
        // At most one unit a byte.
        let units = [UInt16](unsafeUninitializedCapacity: codes.count) { output, written in
            var i = 0
            var n = 0
            let count = codes.count
            while i < count {
                let lead = Int(codes[i])
                var rank: Int
                if lead < oneByteRanks {
                    rank = lead
                    i += 1
                } else if lead != Int(escape) {
                    guard i + 1 < count else { damaged = true; break }
                    rank = oneByteRanks + ((lead - oneByteRanks) << 8 | Int(codes[i + 1]))
                    i += 2
                } else {
                    guard i + 2 < count else { damaged = true; break }
                    output[n] = UInt16(codes[i + 1]) | UInt16(codes[i + 2]) << 8
                    n += 1
                    i += 3
                    continue
                }
                guard rank < alphabetCount else { damaged = true; break }
                output[n] = UInt16(littleEndian: alphabet.loadUnaligned(fromByteOffset: rank * 2, as: UInt16.self))
                n += 1
            }
            written = n
        }
        if damaged { return nil }
        return String(decoding: units, as: UTF16.self)
    }
}
