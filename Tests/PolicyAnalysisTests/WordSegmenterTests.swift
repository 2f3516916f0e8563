import Testing
@testable import PolicyAnalysis

@Suite("WordSegmenter and Analyzer")
struct WordSegmenterTests {
    let analyzer: Analyzer

    init() throws {
        analyzer = try Analyzer()
    }

    /// Sentences in the style of the corpus, for properties that must hold on any text.
    static let sentences = [
        "中华人民共和国数据安全法",
        "为了规范数据处理活动，保障数据安全，促进数据开发利用，制定本办法。",
        "到2025年，全省数字经济核心产业增加值占GDP比重达到10%以上。",
        "加快5G网络和Hadoop平台建设，推动“互联网+政务服务”。",
        "（一）指导思想。以习近平新时代中国特色社会主义思想为指导。",
        "數據交易市場 雲計算 工業大數據",
        "ＡＢＣ１２３、ｉＰｈｏｎｅ与Ｗｉ－Ｆｉ",
        "著作权人的权利显著提高",
        "著作權人的權利顯著提高，「數據」與資訊",
    ]

    @Test("中华人民共和国数据安全法: ICU words that join back to the text")
    func lawTitle() {
        let text = "中华人民共和国数据安全法"
        let (normalized, tokens) = analyzer.tokens(of: text)
        #expect(normalized.string == text)
        #expect(tokens.count >= 4)  // not one word per character, not the whole title as one word
        #expect(tokens.count < text.count)
        #expect(tokens.map(\.text).joined() == text)
        #expect(tokens.map(\.text).contains("数据"))
        #expect(tokens.map(\.text).contains("安全"))
        for token in tokens {
            #expect(token.kind == .ideographic)
            #expect(scalarText(text, token.sourceRange) == token.text)
            #expect(token.normalizedRange == token.sourceRange)
        }
        // Tokens are in order and do not overlap.
        #expect(zip(tokens, tokens.dropFirst()).allSatisfy { $0.normalizedRange.upperBound <= $1.normalizedRange.lowerBound })
    }

    @Test("punctuation and spaces are not words")
    func punctuationDropped() {
        let (_, tokens) = analyzer.tokens(of: "数据，交易。")
        #expect(tokens.map(\.text) == ["数据", "交易"])
        #expect(!tokens.contains { $0.text.contains("，") || $0.text.contains(",") || $0.text.contains("。") })

        let (_, spaced) = analyzer.tokens(of: "  数据 \u{3000} 交易！？“市场”  ")
        #expect(spaced.map(\.text) == ["数据", "交易", "市场"])
        #expect(spaced.allSatisfy { !$0.text.contains(" ") })
    }

    @Test("mixed Chinese, digits and Latin: 5G and Hadoop stay whole")
    func mixedScripts() throws {
        let text = "5G网络和Hadoop平台"
        let (normalized, tokens) = analyzer.tokens(of: text)
        #expect(normalized.string == "5g网络和hadoop平台")
        let words = tokens.map(\.text)
        #expect(words.contains("5g"))
        #expect(words.contains("hadoop"))
        #expect(words.contains("网络"))
        #expect(words.contains("平台"))
        let hadoop = try #require(tokens.first { $0.text == "hadoop" })
        #expect(hadoop.kind == .letter)
        #expect(scalarText(text, hadoop.sourceRange) == "Hadoop")
        let fiveG = try #require(tokens.first { $0.text == "5g" })
        #expect(scalarText(text, fiveG.sourceRange) == "5G")
    }

    @Test("full-width and Traditional input: tokens are normalized, source ranges point at the original")
    func sourceRangesThroughNormalization() throws {
        let text = "ＡＢ 數據交易"
        let (_, tokens) = analyzer.tokens(of: text)
        #expect(tokens.map(\.text) == ["ab", "数据", "交易"])
        #expect(tokens.map { scalarText(text, $0.sourceRange) } == ["ＡＢ", "數據", "交易"])
        #expect(tokens.first?.kind == .letter)
    }

    /// ICU's words of a text exactly as written (no normalization at all).
    static func icuWords(of text: String) throws -> [String] {
        let breaker = try ICUWordBreaker(locale: "zh")
        let units = Array(text.utf16)
        let (ends, kinds) = units.withUnsafeBufferPointer { breaker.segments(of: $0) }
        var words: [String] = []
        var start = 0
        for (end, kind) in zip(ends, kinds) {
            if WordSegmenter.kind(ofStatus: kind) != nil { words.append(String(decoding: units[start..<Int(end)], as: UTF16.self)) }
            start = Int(end)
        }
        return words
    }

    @Test("words are cut from the text as written: 著 is Simplified too, and 著作权显著 is 著作|权|显著, not 着|作|权|显|着")
    func wordsFromTheTextAsWritten() throws {
        let text = "著作权显著"
        let (normalized, tokens) = analyzer.tokens(of: text)
        #expect(normalized.string == "着作权显着")  // matching still folds
        #expect(tokens.map { scalarText(text, $0.sourceRange) } == ["著作", "权", "显著"])
        #expect(tokens.map(\.text) == ["着作", "权", "显着"])
        #expect(analyzer.analyze(ScalarText.scalars(of: text)[...]).wordCount == 3)
    }

    @Test("Traditional text: the words are ICU's on the text as written", arguments: [
        "顯著", "著作權法", "中華人民共和國著作權法", "為了保護文學、藝術和科學作品作者的著作權",
        "臺灣地區的資訊產業發展顯著", "國家糧食應急預案", "數據交易市場與雲計算",
    ])
    func traditionalWordsAreICUs(text: String) throws {
        let (_, tokens) = analyzer.tokens(of: text)
        #expect(tokens.map { scalarText(text, $0.sourceRange) } == (try Self.icuWords(of: text)))
    }

    @Test("a dictionary's Simplified word still applies to Traditional text (matched folded)")
    func dictionaryOverTraditional() throws {
        let dictionary = UserDictionary(sources: [(name: "test", words: ["数据交易所"])], normalizer: try TextNormalizer())
        let analyzer = try Analyzer(dictionary: dictionary)
        let text = "貴陽數據交易所顯著"
        let (_, tokens) = analyzer.tokens(of: text)
        let words = tokens.map { scalarText(text, $0.sourceRange) }
        #expect(words.contains("數據交易所"))
        #expect(words.last == "顯著")
        #expect(tokens.first { $0.text == "数据交易所" }?.dictionary == "test")
    }

    @Test("characters outside the basic plane: ranges count scalars, not UTF-16 units")
    func supplementaryCharacters() throws {
        let text = "\u{20BB7}野家数据"
        let (_, tokens) = analyzer.tokens(of: text)
        #expect(tokens.map(\.text).joined() == text)
        for token in tokens {
            #expect(scalarText(text, token.sourceRange) == token.text)
        }
        let last = try #require(tokens.last)
        #expect(last.text == "数据")
        #expect(last.sourceRange == 3..<5)
    }

    @Test("countWords equals the number of tokens", arguments: sentences)
    func countMatchesTokens(sentence: String) {
        let (normalized, tokens) = analyzer.tokens(of: sentence)
        #expect(analyzer.segmenter.countWords(in: normalized) == tokens.count)
        #expect(!tokens.isEmpty)
        // Every token's text is its normalized range, and its source range
        // normalizes back to the token.
        for token in tokens {
            #expect(String(String.UnicodeScalarView(normalized.scalars[token.normalizedRange].compactMap(Unicode.Scalar.init))) == token.text)
            #expect(analyzer.normalizer.normalize(scalarText(sentence, token.sourceRange)).string == token.text)
        }
    }

    @Test("Analyzer.analyze on a slice normalizes it and counts its words")
    func analyzeSlice() {
        let text = "第一条 为了规范数据处理活动，保障数据安全。"
        let scalars = text.unicodeScalars.map(\.value)
        let (normalized, count) = analyzer.analyze(scalars[4...])
        #expect(normalized.string == "为了规范数据处理活动,保障数据安全。")
        #expect(normalized.sourceCount == scalars.count - 4)
        #expect(count == analyzer.tokens(of: "为了规范数据处理活动，保障数据安全。").tokens.count)
        #expect(analyzer.analyze([][...]).wordCount == 0)
    }

    @Test("a 5000-character text without punctuation is cut into pieces and segmented")
    func longTextWithoutPunctuation() throws {
        let unit = "推进数据要素市场化配置改革健全数据交易规则"
        var text = ""
        while text.unicodeScalars.count < 5000 { text += unit }
        text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(5000)))
        let (normalized, tokens) = analyzer.tokens(of: text)
        #expect(normalized.scalars.count == 5000)

        let pieces = WordSegmenter.pieces(of: normalized.scalars[...])
        #expect(pieces.count >= 5)
        #expect(pieces.allSatisfy { $0.count <= WordSegmenter.maximumPiece && !$0.isEmpty })

        let count = analyzer.segmenter.countWords(in: normalized)
        #expect(count > 0)
        #expect(count == tokens.count)
        // No punctuation: the words cover the text exactly, and none crosses a piece boundary.
        #expect(tokens.map(\.text).joined() == text)
        #expect(tokens.map(\.normalizedRange.count).reduce(0, +) == 5000)
        let boundaries = Set(pieces.map(\.lowerBound))
        for token in tokens {
            #expect(token.normalizedRange.count <= WordSegmenter.maximumPiece)
            #expect(!boundaries.contains { $0 > token.normalizedRange.lowerBound && $0 < token.normalizedRange.upperBound })
        }
    }

    @Test("pieces are at most maximumPiece long and cover the input exactly", arguments: [0, 1, 1023, 1024, 1025, 2048, 3000, 5000, 10_001])
    func piecesCover(length: Int) {
        let pattern: [UInt32] = Array("数据交易，市场 建设。".unicodeScalars.map(\.value))
        let noPunctuation: [UInt32] = Array("数据交易市场建设".unicodeScalars.map(\.value))
        for source in [pattern, noPunctuation] {
            let scalars = (0..<length).map { source[$0 % source.count] }
            // The whole array, and a slice that does not start at 0.
            for slice in [scalars[...], scalars.dropFirst(min(7, scalars.count))] {
                let pieces = WordSegmenter.pieces(of: slice)
                if slice.isEmpty {
                    #expect(pieces.isEmpty)
                    continue
                }
                #expect(pieces.first?.lowerBound == slice.startIndex)
                #expect(pieces.last?.upperBound == slice.endIndex)
                #expect(zip(pieces, pieces.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound })
                #expect(pieces.allSatisfy { !$0.isEmpty && $0.count <= WordSegmenter.maximumPiece })
            }
        }
    }

    @Test("pieces are cut after punctuation or white space in a piece's last quarter")
    func piecesPreferPunctuation() {
        var scalars = [UInt32](repeating: 0x6570, count: 3000)  // 数
        scalars[899] = 0x3002  // 。
        scalars[1900] = 0x20  // space
        let pieces = WordSegmenter.pieces(of: scalars[...])
        #expect(pieces.first == 0..<900)
        #expect(pieces.dropFirst().first == 900..<1901)
        // Punctuation too early in a piece (not in its last quarter) is not used.
        var early = [UInt32](repeating: 0x6570, count: 2000)
        early[100] = 0xFF0C  // ，
        #expect(WordSegmenter.pieces(of: early[...]).first == 0..<WordSegmenter.maximumPiece)
    }
}
