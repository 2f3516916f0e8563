import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex
@testable import PolicySearch

/// The searcher against an independent answer: the passages whose normalized
/// text contains every part, scored by BM25 recomputed from the passage text.
@Suite struct SearcherTests {
    let folder = TemporaryFolder()

    static let documents: [String: String] = [
        "guizhou.md": """
            ---
            title: 贵州省大数据发展行动计划
            issuer: 贵州省人民政府
            ---
            # 贵州省大数据发展行动计划

            一、总体要求
            建设贵阳大数据交易所，推动数据交易规范发展。
            （一）数据交易
            数据交易所开展数据交易，数据交易规则由交易所制定。
            二、保障措施
            加强数据安全保护，落实信息安全等级保护制度。
            """,
        "law.md": """
            # 数据管理条例

            ## 第一章 总则

            第一条　为了规范数据处理活动，保障数据安全，制定本条例。

            第二条　本条例所称数据交易，是指数据的买卖。

            ## 第二章 数据交易

            第三条　數據交易應當遵循公平原則。
            """,
        "mixed.txt": """
            关于推进“互联网+”政务服务的通知
            推进5G网络和ＨＡＤＯＯＰ平台建设，支持PPP模式。
            “互联网＋”行动与互联网+政务。
            big  data 与 big data 平台
            哈哈哈哈哈，个人信息保护和信息安全保护
            """,
    ]

    func makeSearcher(extra: [String: String] = [:]) throws -> Searcher {
        for (name, text) in Self.documents.merging(extra, uniquingKeysWith: { $1 }) {
            folder.write("corpus/" + name, text)
        }
        let directory = IndexDirectory(path: folder.file("index"))
        _ = try IndexBuilder(corpus: folder.file("corpus"), directory: directory).build()
        return try Searcher(reader: IndexReader(directory: directory))
    }

    /// The independent answer: every passage whose normalized text contains
    /// every required part (one alternative per clause) and no excluded part,
    /// with its BM25 score recomputed from the text.
    func expected(_ query: Query, in searcher: Searcher) throws -> [(passage: Int, score: Double)] {
        let segment = searcher.segment
        let normalizer = try TextNormalizer()
        let segmenter = try WordSegmenter()
        let texts = try (0..<segment.passageCount).map { normalizer.normalize(try segment.passage($0).text) }
        func count(_ part: [UInt32], in text: [UInt32]) -> Int {
            var n = 0
            var i = 0
            while i + part.count <= text.count {
                if Array(text[i..<(i + part.count)]) == part { n += 1; i += part.count } else { i += 1 }
            }
            return n
        }
        let parts = query.scoredParts.map { normalizer.normalize($0.text).scalars }
        let excluded = query.excluded.map { normalizer.normalize($0.text).scalars }
        let totalWords = texts.reduce(0) { $0 + segmenter.countWords(in: $1) }
        let average = Double(totalWords) / Double(texts.count)
        let bm25 = BM25()
        var result: [(Int, Double)] = []
        for (p, text) in texts.enumerated() {
            let required = query.required.allSatisfy { clause in
                clause.contains { count(normalizer.normalize($0.text).scalars, in: text.scalars) > 0 }
            }
            guard required, !excluded.contains(where: { count($0, in: text.scalars) > 0 }) else { continue }
            var score = 0.0
            for part in parts {
                let tf = count(part, in: text.scalars)
                guard tf > 0 else { continue }
                let df = texts.filter { count(part, in: $0.scalars) > 0 }.count
                let idf = log(1 + (Double(texts.count) - Double(df) + 0.5) / (Double(df) + 0.5))
                // The length floor: a passage of fewer than 16 words counts as 16.
                let dl = max(16, Double(segmenter.countWords(in: text)))
                score += idf * Double(tf) * 2.2 / (Double(tf) + 1.2 * (0.25 + 0.75 * dl / average))
            }
            result.append((p, score))
        }
        return result
    }

    @Test(arguments: [
        "数据交易", "交易", "交易所", "数据", "易", "互联网+", "数據交易", "ＰＰＰ", "hadoop", "5G", "\"big data\"",
        "数据 安全", "数据交易 -贵阳", "数据交易 OR 数据安全", "条例", "第三条", "不存在的词", "数据交易 OR 保护 制度",
        "哈哈", "哈哈哈", "个人信息保护", "信息安全", "息保",
        // Punctuation is not indexed: these are checked against the text.
        "（一）", "交易，", "，数据交易", "交易所，数据交易", "数据交易。", "。", "，", "“互联网+”", "(一)", "、", "易，",
        "制定本条例。", "哈，个", "“", "第一条　为了",
    ])
    func findsExactlyThePassagesThatContainTheQuery(text: String) throws {
        try expectTheIndependentAnswer(to: QueryParser.parse(text), from: makeSearcher())
    }

    /// The searcher's answer equals ``expected(_:in:)``: the same passages, the
    /// same scores (within 1e-9, relative), best first with ties in corpus order.
    func expectTheIndependentAnswer(to query: Query, from searcher: Searcher,
                                    sourceLocation: SourceLocation = #_sourceLocation) throws {
        let result = try searcher.search(query, options: SearchOptions(limit: nil))
        let want = try expected(query, in: searcher)
        #expect(result.total == want.count, sourceLocation: sourceLocation)
        #expect(Set(result.ranked.map(\.passage)) == Set(want.map(\.passage)), sourceLocation: sourceLocation)
        let scores = Dictionary(uniqueKeysWithValues: want)
        for hit in result.ranked {
            let reference = try #require(scores[hit.passage], sourceLocation: sourceLocation)
            #expect(abs(hit.score - reference) <= 1e-9 * max(1, abs(reference)), "passage \(hit.passage)",
                    sourceLocation: sourceLocation)
        }
        for (a, b) in zip(result.ranked, result.ranked.dropFirst()) {
            #expect(a.score > b.score || (a.score == b.score && a.passage < b.passage), sourceLocation: sourceLocation)
        }
    }

    /// Pairs in hundreds of passages come in blocks with skip tables: a rare
    /// pair's candidates are looked up in the blocks of the common ones.
    @Test(arguments: ["数据交易规则", "交易规则", "数据交易", "规则数据", "数据 规则", "易规"])
    func findsExactlyWithLongPostingLists(text: String) throws {
        var generator = SystemRandomNumberGenerator()
        let words = ["数据", "交易", "规则", "平台", "开放"]
        let lines = (0..<600).map { n in
            (0..<Int.random(in: 2...8, using: &generator)).map { _ in words.randomElement(using: &generator)! }.joined() + "。\(n)"
        }
        try expectTheIndependentAnswer(to: QueryParser.parse(text),
                                       from: makeSearcher(extra: ["big.md": lines.joined(separator: "\n") + "\n"]))
    }

    @Test func traditionalFullWidthAndCaseFoldTogether() throws {
        let searcher = try makeSearcher()
        let simplified = try searcher.search(QueryParser.parse("数据交易"), options: SearchOptions(limit: nil))
        let traditional = try searcher.search(QueryParser.parse("數據交易"), options: SearchOptions(limit: nil))
        #expect(simplified.ranked == traditional.ranked)
        let texts = try simplified.ranked.map { try searcher.segment.passage($0.passage).text }
        #expect(texts.contains { $0.contains("數據交易") })
        let upper = try searcher.search(QueryParser.parse("HADOOP"), options: SearchOptions(limit: nil))
        let lower = try searcher.search(QueryParser.parse("hadoop"), options: SearchOptions(limit: nil))
        #expect(upper.total == 1 && upper.ranked == lower.ranked)
    }

    @Test func limitAndOffsetPageThroughTheSameOrder() throws {
        let searcher = try makeSearcher()
        let query = try QueryParser.parse("数据")
        let all = try searcher.search(query, options: SearchOptions(limit: nil)).ranked
        #expect(all.count > 5)
        let first = try searcher.search(query, options: SearchOptions(limit: 3)).ranked
        let second = try searcher.search(query, options: SearchOptions(limit: 3, offset: 3))
        #expect(first == Array(all[0..<3]))
        #expect(second.ranked == Array(all[3..<6]))
        #expect(second.total == all.count)
    }

    /// A long paragraph is cut into passages; parts in different pieces of it
    /// still match, as one hit spanning the pieces.
    @Test func partsInDifferentPiecesOfAParagraphMatchAsARun() throws {
        let sentence = "各地区各部门要加强统筹协调，明确责任分工，确保各项任务落到实处。"
        let long = "推进公共数据目录管理。" + String(repeating: sentence, count: 20) + "有序推动数据开放。"
        let searcher = try makeSearcher(extra: ["long.md": long + "\n"])
        let result = try searcher.search(QueryParser.parse("公共数据 开放"), options: SearchOptions(limit: nil))
        #expect(result.total == 1)
        let hit = try #require(result.ranked.first)
        #expect(hit.lastPassage > hit.passage)
        let loaded = try HitLoader(searcher: searcher).hit(hit, rank: 1, highlighting: result.highlightParts)
        #expect(loaded.passage.text.contains("公共数据") && loaded.passage.text.contains("开放"))
        #expect(loaded.passage.line == 1)
        // Each piece alone holds only one part.
        #expect(try searcher.search(QueryParser.parse("公共数据"), options: SearchOptions(limit: nil)).ranked.map(\.passage) == [hit.passage])
    }

    @Test func hitsCarryDocumentSectionAndHighlights() throws {
        let searcher = try makeSearcher()
        let result = try searcher.search(QueryParser.parse("数據交易"), options: SearchOptions(limit: nil))
        let loader = HitLoader(searcher: searcher)
        let hits = try loader.hits(of: result).map { try $0.get() }
        let clause = try #require(hits.first { $0.passage.text.hasPrefix("第三条") })
        #expect(clause.document.title == "数据管理条例")
        #expect(clause.document.path == "law.md")
        #expect(clause.passage.section == "第二章 数据交易 > 第三条")
        #expect(clause.matchedStrings == ["數據交易"])
        let guizhou = try #require(hits.first { $0.document.path == "guizhou.md" && $0.passage.text.hasPrefix("数据交易所") })
        #expect(guizhou.document.fields["issuer"] == "贵州省人民政府")
        #expect(guizhou.passage.section == "一、总体要求 > （一）数据交易")
        #expect(guizhou.highlights.count == 3)
        #expect(hits.map(\.rank) == Array(1...hits.count))
    }

    @Test func filtersKeepTheHitsOfMatchingDocuments() throws {
        let searcher = try makeSearcher()
        let all = try searcher.search(QueryParser.parse("数据交易"), options: SearchOptions(limit: nil))
        let guizhou = try searcher.search(QueryParser.parse("数据交易 issuer:贵州省人民政府"), options: SearchOptions(limit: nil))
        let others = try searcher.search(QueryParser.parse("数据交易 -issuer:贵州省人民政府"), options: SearchOptions(limit: nil))
        #expect(guizhou.total > 0 && others.total > 0)
        #expect(guizhou.total + others.total == all.total)
        let loader = HitLoader(searcher: searcher)
        #expect(try loader.hits(of: guizhou).allSatisfy { try $0.get().document.path == "guizhou.md" })
        // Scores do not change with a filter: it only removes hits.
        let scores = Dictionary(uniqueKeysWithValues: all.ranked.map { ($0.passage, $0.score) })
        #expect(guizhou.ranked.allSatisfy { scores[$0.passage] == $0.score })
    }

    /// Tally counts equal counts made from every hit of each query.
    @Test(arguments: Tally.Grouping.allCases)
    func tallyCountsEqualCountsFromTheHits(grouping: Tally.Grouping) throws {
        let searcher = try makeSearcher()
        let queries = try ["数据交易", "保护", "数据 -交易", "量子纠缠"].map { try QueryParser.parse($0) }
        let tally = try Tally(queries: queries, by: grouping, searcher: searcher)
        let loader = HitLoader(searcher: searcher)
        #expect(tally.total.documents == 3)
        #expect(tally.rows.reduce(0) { $0 + $1.documents } == 3)
        for (index, query) in queries.enumerated() {
            let hits = try loader.hits(of: searcher.search(query, options: SearchOptions(limit: nil))).map { try $0.get() }
            #expect(tally.total.cells[index].passages == hits.count)
            #expect(tally.total.cells[index].documents == Set(hits.map(\.document.path)).count)
            for row in tally.rows {
                let inGroup = hits.filter { grouping.group(of: $0.document) == row.group }
                #expect(row.cells[index].passages == inGroup.count)
                #expect(row.cells[index].documents == Set(inGroup.map(\.document.path)).count)
            }
        }
    }

    @Test func concordanceLinesShowEachOccurrenceInContext() throws {
        let searcher = try makeSearcher()
        let result = try searcher.search(QueryParser.parse("数据交易"), options: SearchOptions(limit: nil))
        let hits = try HitLoader(searcher: searcher).hits(of: result).map { try $0.get() }
        let lines = hits.flatMap { ConcordanceLine.lines(of: $0, width: 4) }
        #expect(lines.count == hits.reduce(0) { $0 + $1.highlights.count })
        for line in lines {
            #expect(line.match == "数据交易" || line.match == "數據交易")
            #expect(line.left.count <= 4 && line.right.count <= 4)
            // The line's hit keeps its place, not its text: the hit of that rank has it.
            #expect(hits[line.rank - 1].passage.text.contains(line.left + line.match + line.right))
            #expect(line.hit.passage.line == hits[line.rank - 1].passage.line)
        }
        let byLeft = ConcordanceLine.sorted(lines, by: .left)
        #expect(byLeft.count == lines.count)
        for (a, b) in zip(byLeft, byLeft.dropFirst()) { #expect(String(a.left.reversed()) <= String(b.left.reversed())) }
        let byRight = ConcordanceLine.sorted(lines, by: .right)
        for (a, b) in zip(byRight, byRight.dropFirst()) { #expect(a.match + a.right <= b.match + b.right) }
    }

    /// Filters combine with phrases, exclusions and OR: the hits are those of
    /// the query without them whose document passes, with the same scores.
    @Test(arguments: ["\"big data\" type:通知", "数据 -交易 type:行动计划", "\"数据交易\" -规则 issuer:贵州省人民政府",
                      "数据交易 OR 保护 -type:条例", "交易 -issuer:贵州"])
    func filtersCombineWithTheRestOfTheQuery(text: String) throws {
        let searcher = try makeSearcher()
        let query = try QueryParser.parse(text)
        #expect(!query.filters.isEmpty)
        let result = try searcher.search(query, options: SearchOptions(limit: nil))
        let unfiltered = try expected(Query(required: query.required, excluded: query.excluded), in: searcher)
        let segment = searcher.segment
        let want = try unfiltered.filter { passage, _ in
            let document = try segment.document(segment.document(ofPassage: passage))
            return query.filters.allSatisfy { $0.admits(title: document.title, fields: document.fields) }
        }
        #expect(!want.isEmpty)
        #expect(want.count <= unfiltered.count)
        #expect(result.ranked.map(\.passage).sorted() == want.map(\.passage).sorted())
        let scores = Dictionary(uniqueKeysWithValues: want)
        for hit in result.ranked { #expect(abs(hit.score - (scores[hit.passage] ?? -1)) <= 1e-9 * max(1, hit.score)) }
    }

    @Test func noHitsSuggestsALooserQuery() throws {
        let searcher = try makeSearcher()
        let query = try QueryParser.parse("交易所数据交易规则")
        #expect(try searcher.search(query).total == 0)
        let suggestion = try #require(try QuerySuggester.looser(than: query, using: searcher))
        #expect(suggestion.total > 0)
        #expect(suggestion.query.required.count > 1)
        #expect(try QuerySuggester.looser(than: QueryParser.parse("量子纠缠"), using: searcher) == nil)
    }

    @Test func aPartThatNormalizesToNothingIsAQueryError() throws {
        let searcher = try makeSearcher()
        #expect(throws: QueryError.self) { try searcher.search(QueryParser.parse("\u{200B}")) }
    }
}
