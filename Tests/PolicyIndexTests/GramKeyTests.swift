import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex

/// Which characters the index keys (IndexFormat, GramKey): everything but
/// white space and a fixed list of punctuation.
@Suite struct GramKeyTests {
    @Test func asciiPunctuationAndSpaceAreNotIndexedButSignsOfNumbersAre() {
        // The controls, space and DEL too.
        let unindexed = Set("!\"#'()*,:;?@[\\]_{}".unicodeScalars.map(\.value) + Array(0...0x20) + [0x7F])
        for c in UInt32(0)..<0x80 {
            #expect(GramKey.isIndexed(c) == !unindexed.contains(c), "U+\(String(c, radix: 16))")
        }
        for c in "aZ09.-/%&+=$<>|~`^".unicodeScalars { #expect(GramKey.isIndexed(c.value), "\(c)") }
    }

    @Test func chinesePunctuationIsNotIndexedButHanKanaAndSymbolsAre() {
        for c in "，。、；：！？“”‘’《》〈〉（）【】〔〕「」『』—·・\u{3000}\u{00A0}\u{2002}※‰".unicodeScalars {
            #expect(!GramKey.isIndexed(c.value), "\(c)")
        }
        for c in "数据交易國發ひらカナ①×℃²ⅡαБ가".unicodeScalars { #expect(GramKey.isIndexed(c.value), "\(c)") }
        #expect(GramKey.isIndexed(0x2_0000))  // 𠀀, outside the basic plane
    }

    @Test func eachIndexedCharacterStartsOnePairEndedBeforePunctuation() {
        let text = Array("数据，交易。a b".unicodeScalars.map(\.value))
        let terms = text.withUnsafeBufferPointer { scalars in
            scalars.indices.map { GramKey.term(at: $0, of: scalars).map(GramKey.text(of:)) }
        }
        #expect(terms == ["数据", "据$", nil, "交易", "易$", nil, "a$", nil, "b$"])
    }

    /// `…` and `‥` never reach the index as such: NFKC makes them dots, which
    /// are indexed (as in `4.0`).
    @Test func anEllipsisIsNormalizedToIndexedDots() throws {
        let normalized = try TextNormalizer().normalize("……‥").scalars
        #expect(normalized == [UInt32](repeating: 0x2E, count: 8))
        #expect(normalized.allSatisfy(GramKey.isIndexed))
    }
}
