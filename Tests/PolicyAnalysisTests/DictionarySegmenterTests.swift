import Testing
import TestSupport
@testable import PolicyAnalysis

@Suite("Dictionary segmentation over ICU")
struct DictionarySegmenterTests {
    let normalizer = try! TextNormalizer()
    let icu = try! Analyzer()

    func analyzer(_ words: [String]) throws -> Analyzer {
        try Analyzer(dictionary: UserDictionary(sources: [("test", words)], normalizer: normalizer))
    }

    func words(_ text: String, _ analyzer: Analyzer) -> [String] {
        analyzer.tokens(of: text).tokens.map(\.text)
    }

    @Test("where no dictionary word matches, the words are exactly ICU's")
    func noMatchIsICU() throws {
        let unrelated = try analyzer(["魑魅魍魉", "xyzzy"])
        for sentence in WordSegmenterTests.sentences + ["", "   ", "，。", "中华人民共和国数据安全法（草案）第3条"] {
            #expect(unrelated.tokens(of: sentence).tokens == icu.tokens(of: sentence).tokens, "\(sentence)")
            let normalized = normalizer.normalize(sentence).scalars[...]
            #expect(unrelated.segmenter.countWords(in: normalized) == icu.segmenter.countWords(in: normalized))
        }
    }

    @Test("the longest dictionary word wins over ICU's boundaries: 大|数据 → 大数据")
    func longestMatch() throws {
        #expect(words("大数据交易所", icu) != ["大数据", "交易所"])
        #expect(words("放管服改革", icu).count > 2)
        let dictionary = try analyzer(["大数据", "放管服", "数据交易", "数据交易所"])
        #expect(words("建设大数据交易所", dictionary) == ["建设", "大", "数据交易所"])
        #expect(words("推进放管服改革", dictionary) == ["推进", "放管服", "改革"])
        let tokens = dictionary.tokens(of: "发展大数据").tokens
        #expect(tokens.map(\.text) == ["发展", "大数据"])
        #expect(tokens.map(\.dictionary) == [nil, "test"])
    }

    @Test("a dictionary word that overlaps two ICU words: it stays whole, the rest is cut around it")
    func overlapsTwoICUWords() throws {
        // ICU reads 数据|交易所; 数据交易 takes all of the one and part of the other.
        #expect(words("数据交易所", icu) == ["数据", "交易所"])
        let dictionary = try analyzer(["数据交易"])
        let tokens = dictionary.tokens(of: "数据交易所").tokens
        #expect(tokens.map(\.text) == ["数据交易", "所"])
        #expect(tokens.map(\.dictionary) == ["test", nil])
        #expect(tokens.map(\.normalizedRange) == [0..<4, 4..<5])
    }

    @Test("mixed scripts: 5G, APT攻击, 互联网+ as words; Latin and digit runs are never cut")
    func mixedScripts() throws {
        let dictionary = try analyzer(["5G", "APT攻击", "互联网+", "had", "20"])
        let text = "加快5G网络建设，防范APT攻击，推进“互联网+”行动，Hadoop平台2025年"
        let tokens = dictionary.tokens(of: text).tokens
        let found = tokens.map(\.text)
        #expect(found.contains("5g"))
        #expect(found.contains("apt攻击"))
        #expect(found.contains("互联网+"))
        #expect(found.contains("hadoop"))  // not had|oop: the dictionary cannot cut a Latin run
        #expect(found.contains("2025"))  // nor a number
        #expect(!found.contains("had") && !found.contains("20"))
        let apt = try #require(tokens.first { $0.text == "apt攻击" })
        #expect(apt.kind == .ideographic)
        #expect(apt.dictionary == "test")
        let plus = try #require(tokens.first { $0.text == "互联网+" })
        #expect(Array(text.unicodeScalars)[plus.sourceRange].map { Character($0) } == Array("互联网+"))
    }

    @Test("words are matched on normalized text and map back to the original: 大數據, ＡＰＴ攻擊")
    func normalizedMatching() throws {
        let dictionary = try analyzer(["大数据", "APT攻击"])
        let text = "發展大數據，防範ＡＰＴ攻擊"
        let tokens = dictionary.tokens(of: text).tokens
        let big = try #require(tokens.first { $0.text == "大数据" })
        let scalars = Array(text.unicodeScalars)
        #expect(String(String.UnicodeScalarView(scalars[big.sourceRange])) == "大數據")
        let apt = try #require(tokens.first { $0.text == "apt攻击" })
        #expect(String(String.UnicodeScalarView(scalars[apt.sourceRange])) == "ＡＰＴ攻擊")
    }

    @Test("numbers generalize from the dictionary's shapes: 1998年 2001年 1949年 → 2025年; 二○○一年")
    func numberShapes() throws {
        let dictionary = try analyzer(["1998年", "2001年", "1949年", "一九九八年", "二○○○年", "一九四九年", "十二月", "五月", "三月"])
        #expect(words("2025年发展", dictionary) == ["2025年", "发展"])
        #expect(words("二○○一年十一月", dictionary) == ["二○○一年", "十一月"])
        // A lone 一 is no number: 一月 is not made of 三月's shape.
        let few = try analyzer(["三月", "五月", "十二月"])
        #expect(!words("统一月度", few).contains("一月"))
        // Two words of a shape are not enough.
        let two = try analyzer(["1998年", "2001年"])
        #expect(!words("2025年", two).contains("2025年"))
    }

    @Test("counting words agrees with the tokens, with a dictionary too")
    func countsAgree() throws {
        let dictionary = try analyzer(PolicyDictionary.words)
        for sentence in WordSegmenterTests.sentences {
            let (normalized, tokens) = dictionary.tokens(of: sentence)
            #expect(dictionary.segmenter.countWords(in: normalized) == tokens.count)
            // The spans tile the text.
            let spans = dictionary.segmenter.spans(of: normalized.scalars[...])
            #expect(spans.first?.range.lowerBound ?? 0 == 0)
            #expect(spans.last?.range.upperBound ?? 0 == normalized.scalars.count)
            #expect(zip(spans, spans.dropFirst()).allSatisfy { $0.range.upperBound == $1.range.lowerBound })
        }
    }

    @Test("long text goes in pieces with a dictionary too")
    func longText() throws {
        let dictionary = try analyzer(["大数据", "交易所"])
        let text = String(repeating: "大数据交易所", count: 500)
        let (normalized, tokens) = dictionary.tokens(of: text)
        #expect(tokens.map(\.text).joined() == normalized.string)
        #expect(tokens.filter { $0.text == "大数据" }.count >= 498)
    }

    @Test("deferring Han runs to ICU only where they matter changes no word (random text, dense dictionary)")
    func deferredHanRunsAgree() throws {
        var random = SplitMix64(seed: 2005)
        let han = Array("中国人民数据安全发展经济市场服务政府大网络交易所平台建设改革开放合作区域城乡一二三十年月日")
        let other = Array("5GAPTxyz2025 ，。、：“”（）の カ·.%+-")
        var words = Set(han.map { String($0) })
        while words.count < han.count + 400 {
            let length = Int.random(in: 2...4, using: &random)
            words.insert(String((0..<length).map { _ in han.randomElement(using: &random)! }))
        }
        words.formUnion(["5G网络", "APT攻击", "互联网+", "1998年", "2001年", "1949年", "二○○一年"])
        let dictionary = UserDictionary(sources: [("test", words.sorted())], normalizer: normalizer)
        let deferring = try WordSegmenter(locale: "zh", dictionary: dictionary, deferringHanRuns: true)
        let whole = try WordSegmenter(locale: "zh", dictionary: dictionary, deferringHanRuns: false)
        var texts = WordSegmenterTests.sentences + [String(repeating: "中国人民数据安全", count: 300)]
        for _ in 0..<400 {
            let length = Int.random(in: 0...80, using: &random)
            texts.append(String((0..<length).map { _ in
                Int.random(in: 0..<5, using: &random) == 0 ? other.randomElement(using: &random)! : han.randomElement(using: &random)!
            }))
        }
        for text in texts {
            let normalized = normalizer.normalize(text).scalars[...]
            #expect(deferring.spans(of: normalized) == whole.spans(of: normalized), "\(text)")
            #expect(deferring.countWords(in: normalized) == whole.countWords(in: normalized), "\(text)")
        }
    }
}
