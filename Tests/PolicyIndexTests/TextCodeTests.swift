import TestSupport
import Testing

@testable import PolicyIndex

/// Stored text coded by rank in the segment's alphabet (IndexFormat, TextCode).
@Suite struct TextCodeTests {
    func roundTrip(_ texts: [String]) -> (codes: [[UInt8]], decoded: [String?]) {
        var counts = [UInt32](repeating: 0, count: 0x10000)
        for text in texts { for unit in text.utf16 { counts[Int(unit)] += 1 } }
        let alphabet = TextCode.alphabet(counts: counts)
        let ranks = TextCode.ranks(of: alphabet)
        let alphabetBytes = alphabet.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8($0 >> 8)] }
        var codes: [[UInt8]] = []
        var decoded: [String?] = []
        for text in texts {
            var bytes: [UInt8] = []
            TextCode.encode(Array(text.utf16)[...], ranks: ranks, into: &bytes)
            codes.append(bytes)
            decoded.append(bytes.withUnsafeBytes { b in alphabetBytes.withUnsafeBytes { TextCode.decode(b, alphabet: $0) } })
        }
        return (codes, decoded)
    }

    @Test func frequentCharactersTakeOneByteAndEveryTextReadsBack() {
        let texts = ["数据交易数据交易数据", "第一条　为了规范數據交易，制定本条例。", "ＡＢＣ abc 123 😀 𠀀", ""]
        let (codes, decoded) = roundTrip(texts)
        #expect(decoded == texts.map { Optional($0) })
        // Few distinct units: every one has a one-byte code.
        #expect(codes[0].count == 10)
        #expect(codes[3].isEmpty)
    }

    @Test func moreUnitsThanTheAlphabetHoldsAreEscaped() {
        // 9,000 distinct Han characters: the rarest 840 beyond the alphabet's
        // 8,160 take three bytes; the most frequent take one.
        var texts: [String] = []
        for i in 0..<9000 {
            let scalar = Unicode.Scalar(UInt32(0x4E00 + i))!
            texts.append(String(repeating: String(Character(scalar)), count: i < 100 ? 5 : 1) + "的")
        }
        let (codes, decoded) = roundTrip(texts)
        #expect(decoded == texts.map { Optional($0) })
        #expect(codes.map(\.count).reduce(0, +) < texts.map { $0.utf16.count * 2 }.reduce(0, +))
        #expect(codes.contains { $0.first == TextCode.escape })
        #expect(codes[0].count == 6)
    }

    @Test func damagedCodesAreNil() {
        let alphabet: [UInt8] = [0x70, 0x65]  // one unit: 数
        for damaged: [UInt8] in [[0xE0], [0xFF, 0x01], [0x01], [0xE5, 0x00]] {
            let decoded = damaged.withUnsafeBytes { b in alphabet.withUnsafeBytes { TextCode.decode(b, alphabet: $0) } }
            #expect(decoded == nil, "\(damaged)")
        }
    }

    /// Any units, lone surrogates included, decode as Swift decodes UTF-16
    /// (a lone surrogate becomes U+FFFD).
    @Test func unitsDecodeAsSwiftDecodesUTF16() {
        var random = SplitMix64(seed: 5)
        let pool: [UInt16] = [0x41, 0x7A, 0x20, 0xE9, 0x4E2D, 0x6570, 0xFF0C, 0xD840, 0xDC00, 0xD83D, 0xDE00, 0xFFFD]
        var counts = [UInt32](repeating: 0, count: 0x10000)
        for unit in pool { counts[Int(unit)] = UInt32(unit % 7 + 1) }
        let alphabet = TextCode.alphabet(counts: counts)
        let ranks = TextCode.ranks(of: alphabet)
        let alphabetBytes = alphabet.flatMap { [UInt8(truncatingIfNeeded: $0), UInt8($0 >> 8)] }
        for _ in 0..<2000 {
            let units = (0..<Int(random.next() % 12)).map { _ in pool[Int(random.next() % UInt64(pool.count))] }
            var bytes: [UInt8] = []
            TextCode.encode(units[...], ranks: ranks, into: &bytes)
            let decoded = bytes.withUnsafeBytes { b in alphabetBytes.withUnsafeBytes { TextCode.decode(b, alphabet: $0) } }
            #expect(decoded == String(decoding: units, as: UTF16.self), "\(units)")
        }
    }
}
