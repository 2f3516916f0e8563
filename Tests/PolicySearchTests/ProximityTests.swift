import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex
@testable import PolicySearch

/// NEAR, SENTENCE and ARTICLE against an independent scan of each passage's
/// normalized text.
@Suite struct ProximityTests {
    let folder = TemporaryFolder()
    typealias Part = Query.Part
    typealias Proximity = Query.Proximity

    func makeSearcher(_ documents: [String: String]) throws -> Searcher {
        for (name, text) in documents { folder.write("corpus/" + name, text) }
        let directory = IndexDirectory(path: folder.file("index"))
        _ = try IndexBuilder(corpus: folder.file("corpus"), directory: directory).build()
        return try Searcher(reader: IndexReader(directory: directory))
    }

    /// Every start of `part` in `text`, overlapping ones included.
    static func starts(_ part: [UInt32], _ text: [UInt32]) -> [Int] {
        guard !part.isEmpty, text.count >= part.count else { return [] }
        return (0...(text.count - part.count)).filter { Array(text[$0..<($0 + part.count)]) == part }
    }

    /// The sentences of a text as ranges: each runs to and includes its end (。!?; after folding).
    static func sentences(_ text: [UInt32]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = 0
        for (i, c) in text.enumerated() where [0x3002, 0x21, 0x3F, 0x3B].contains(c) {
            result.append(start..<(i + 1))
            start = i + 1
        }
        result.append(start..<text.count)
        return result
    }

    /// Whether the chain holds in `text`, by trying every choice of occurrences.
    static func holds(_ operands: [[[UInt32]]], _ links: [Proximity.Link], in text: [UInt32]) -> Bool {
        let occurrences = operands.map { alternatives in
            alternatives.flatMap { part in starts(part, text).map { $0..<($0 + part.count) } }
        }
        let sentences = sentences(text)
        func linked(_ a: Range<Int>, _ b: Range<Int>, _ link: Proximity.Link) -> Bool {
            switch link {
            case .near(let n):
                let gap = a.upperBound <= b.lowerBound ? b.lowerBound - a.upperBound
                    : b.upperBound <= a.lowerBound ? a.lowerBound - b.upperBound : 0
                return gap <= n
            case .sentence:
                return sentences.contains { $0.contains(a.lowerBound) && $0.contains(a.upperBound - 1)
                    && $0.contains(b.lowerBound) && $0.contains(b.upperBound - 1) }
            case .article:
                return true
            }
        }
        func search(_ k: Int, _ previous: Range<Int>?) -> Bool {
            if k == occurrences.count { return true }
            return occurrences[k].contains { occurrence in
                (previous.map { linked($0, occurrence, links[k - 1]) } ?? true) && search(k + 1, occurrence)
            }
        }
        return search(0, nil)
    }

    /// Random lines of a few words, folded forms and sentence punctuation;
    /// some longer than a passage, so cut into several.
    static func randomCorpus(using generator: inout some RandomNumberGenerator) -> String {
        let tokens = ["数据", "安全", "交易", "平台", "數據", "ＡＢ", "ab", "信息", "数", "据", "安", "，", "。", "！", "？", "；", "!",
                      "、", "（一）", "第三条", " ", "ＡＢ，"]
        return (0..<60).map { line in
            // Every sixth line is long enough (over 360 characters) to be cut
            // into several passages, whatever the draw.
            let long = line % 6 == 0
            let count = long ? Int.random(in: 250...320, using: &generator) : Int.random(in: 1...30, using: &generator)
            return (0..<count).map { _ in tokens.randomElement(using: &generator)! }.joined()
        }.joined(separator: "\n") + "\n"
    }

    @Test func nearAndSentenceFindExactlyThePassagesAnIndependentScanFinds() throws {
        var generator = SystemRandomNumberGenerator()
        let searcher = try makeSearcher(["a.txt": Self.randomCorpus(using: &generator),
                                         "b.txt": Self.randomCorpus(using: &generator)])
        let segment = searcher.segment
        let normalizer = try TextNormalizer()
        let texts = try (0..<segment.passageCount).map { normalizer.normalize(try segment.passage($0).text).scalars }
        #expect(segment.cutLinePassages.count > 5, "some lines are cut into several passages")
        // Parts: words in folded and unfolded forms, single characters, and
        // pieces of the passages themselves (punctuation included).
        let words = ["数据", "數據", "安全", "交易", "ab", "ＡＢ", "信息", "数", "安", "据数", "。数", "，", "！", "ab，", "第三条", "（一）",
                     "数据安全", "不在"]
        func randomPart() -> String {
            if Bool.random(using: &generator) { return words.randomElement(using: &generator)! }
            let text = texts.randomElement(using: &generator)!
            guard text.count > 1 else { return "数据" }
            let length = Int.random(in: 1...min(4, text.count), using: &generator)
            let start = Int.random(in: 0...(text.count - length), using: &generator)
            let piece = String(String.UnicodeScalarView(text[start..<(start + length)].compactMap(Unicode.Scalar.init)))
            return piece.trimmingCharacters(in: .whitespaces).isEmpty ? "数据" : piece
        }
        var withHits = 0
        for round in 0..<120 {
            let operandCount = Int.random(in: 2...3, using: &generator)
            let operands = (0..<operandCount).map { _ in
                (0..<(Int.random(in: 0..<5, using: &generator) == 0 ? 2 : 1)).map { _ in Part(randomPart()) }
            }
            let links = (1..<operandCount).map { _ -> Proximity.Link in
                Int.random(in: 0..<3, using: &generator) == 0 ? .sentence : .near(Int.random(in: 0...12, using: &generator))
            }
            let query = Query(required: [], proximities: [Proximity(operands: operands, links: links)])
            let normalized = operands.map { $0.map { normalizer.normalize($0.text).scalars } }
            let want = texts.indices.filter { Self.holds(normalized, links, in: texts[$0]) }
            let result = try searcher.search(query, options: SearchOptions(limit: nil))
            #expect(result.ranked.map(\.passage).sorted() == want, "round \(round): \(query)")
            #expect(result.ranked.allSatisfy { $0.lastPassage == $0.passage })
            if !want.isEmpty { withHits += 1 }
            // Scored as the AND of the parts scores those passages.
            let and = try searcher.search(Query(required: operands.flatMap { $0 }.map { [$0] }), options: SearchOptions(limit: nil))
            let andScores = Dictionary(and.ranked.map { ($0.passage, $0.score) }, uniquingKeysWith: { a, _ in a })
            for hit in result.ranked where operands.allSatisfy({ $0.count == 1 }) {
                #expect(andScores[hit.passage].map { abs($0 - hit.score) < 1e-9 } == true, "round \(round): \(query)")
            }
        }
        #expect(withHits > 20)
    }

    static let law = """
        # 数据管理条例

        ## 第一章 总则

        第一条　为了规范数据处理活动，制定本条例。
        本条例适用于数据交易。
        第二条　数据安全是基础。
        （一）数据交易应当公平；
        （二）平台应当安全。
        ## 第二章 附则
        第三条　数据交易平台。
        """

    static let plan = """
        一、总体要求
        建设数据交易平台。
        （一）安全保障
        加强数据安全。
        二、其他
        数据交易与安全并重。
        """

    @Test func articleHitsAreTheInnermostClauseOrNumberedHeadingWithTheirLines() throws {
        let searcher = try makeSearcher(["law.md": Self.law, "plan.txt": Self.plan])
        let result = try searcher.search(QueryParser.parse("数据交易 ARTICLE 安全"), options: SearchOptions(limit: nil))
        let hits = try HitLoader(searcher: searcher).hits(of: result).map { try $0.get() }
        let found = hits.map { "\($0.document.path):\($0.passage.line)-\($0.endLine) \($0.passage.section)" }.sorted()
        #expect(found == ["law.md:7-9 第一章 总则 > 第二条", "plan.txt:5-6 二、其他"])
        let clause = try #require(hits.first { $0.document.path == "law.md" })
        #expect(clause.passage.text == "第二条　数据安全是基础。 … （一）数据交易应当公平； … （二）平台应当安全。")
        #expect(clause.matchedStrings == ["安全", "数据交易"])
        #expect(clause.jsonLine(paths: PathDisplay(corpus: folder.file("corpus"))).contains("\"line\":7,\"endLine\":9"))
        // Scored as one passage: the parts' tfs and the passages' lengths summed.
        let dl = (clause.passage.number...clause.lastPassage).reduce(0) { $0 + searcher.segment.length(ofPassage: $1) }
        let bm25 = BM25()
        let n = searcher.reader.passageCount
        let idfTrade = bm25.idf(documentFrequency: try searcher.search(QueryParser.parse("数据交易"), options: SearchOptions(limit: nil)).total,
                                passageCount: n)
        let idfSafe = bm25.idf(documentFrequency: try searcher.search(QueryParser.parse("安全"), options: SearchOptions(limit: nil)).total,
                               passageCount: n)
        let score = bm25.score(termFrequency: 1, passageLength: dl, averageLength: searcher.reader.averageLength, idf: idfTrade)
            + bm25.score(termFrequency: 2, passageLength: dl, averageLength: searcher.reader.averageLength, idf: idfSafe)
        #expect(abs(clause.score - score) < 1e-9)

        // Exclusions look at the whole article; other clauses too.
        let excluding = try searcher.search(QueryParser.parse("数据交易 ARTICLE 安全 -公平"), options: SearchOptions(limit: nil))
        #expect(excluding.ranked.map(\.passage) == hits.filter { $0.document.path == "plan.txt" }.map(\.passage.number))
        let anded = try searcher.search(QueryParser.parse("数据交易 ARTICLE 安全 基础"), options: SearchOptions(limit: nil))
        #expect(anded.ranked.map(\.passage) == [clause.passage.number])
        // 第一条 holds 数据交易 on its second line, but not 安全.
        let first = try searcher.search(QueryParser.parse("规范 ARTICLE 数据交易"), options: SearchOptions(limit: nil))
        let firstHit = try HitLoader(searcher: searcher).hits(of: first).map { try $0.get() }
        #expect(firstHit.map { "\($0.passage.line)-\($0.endLine) \($0.passage.section)" } == ["5-6 第一章 总则 > 第一条"])
        // A NEAR chain inside an article query: in one passage of the article.
        let mixed = try searcher.search(QueryParser.parse("数据 NEAR/0 安全 交易 ARTICLE 公平"), options: SearchOptions(limit: nil))
        #expect(mixed.ranked.map { [$0.passage, $0.lastPassage] } == [[clause.passage.number, clause.lastPassage]])
        // A heading of a chapter is in no article.
        #expect(try searcher.search(QueryParser.parse("总则 ARTICLE 第一章"), options: SearchOptions(limit: nil)).total == 0)
    }

    @Test func chainsCombineWithAndOrExclusionsAndFilters() throws {
        let searcher = try makeSearcher([
            "a.md": "---\nregion: 贵州\n---\n数据和安全。平台建设。\n数据，信息，安全。\n信息安全与数据。\n",
            "b.md": "---\nregion: 上海\n---\n数据和安全。平台建设。\n",
        ])
        func lines(_ text: String) throws -> [String] {
            let result = try searcher.search(QueryParser.parse(text), options: SearchOptions(limit: nil))
            return try HitLoader(searcher: searcher).hits(of: result).map { try $0.get() }
                .map { "\($0.document.path):\($0.passage.line)" }.sorted()
        }
        // 信息安全与数据: the end of 安全 and the start of 数据 are one character apart.
        #expect(try lines("数据 NEAR/1 安全") == ["a.md:4", "a.md:6", "b.md:4"])
        #expect(try lines("数据 NEAR/4 安全") == ["a.md:4", "a.md:5", "a.md:6", "b.md:4"])
        #expect(try lines("数据 NEAR/1 安全 平台") == ["a.md:4", "b.md:4"])
        #expect(try lines("数据 NEAR/1 安全 region:贵州") == ["a.md:4", "a.md:6"])
        #expect(try lines("数据 NEAR/4 安全 -平台") == ["a.md:5", "a.md:6"])
        #expect(try lines("信息 OR 平台 NEAR/0 安全") == ["a.md:6"])
        #expect(try lines("信息 OR 平台 NEAR/1 安全") == ["a.md:4", "a.md:5", "a.md:6", "b.md:4"])
        #expect(try lines("数据 SENTENCE 安全") == ["a.md:4", "a.md:5", "a.md:6", "b.md:4"])
        #expect(try lines("数据 SENTENCE 平台") == [])
        #expect(try lines("数据 NEAR/1 信息 NEAR/1 安全") == ["a.md:5"])
        #expect(try lines("数据 NEAR/0 信息 NEAR/1 安全") == [])
        // The middle occurrence is shared: 安全 NEAR 数据 NEAR 平台 needs one 数据 near both.
        #expect(try lines("安全 NEAR/1 数据 NEAR/6 平台") == ["a.md:4", "b.md:4"])
        #expect(try lines("安全 NEAR/0 数据 NEAR/0 平台") == [])
    }
}
