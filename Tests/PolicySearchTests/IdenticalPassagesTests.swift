import Foundation
import TestSupport
import Testing

@testable import PolicyIndex
@testable import PolicySearch

/// Identical passages collapsed on a page, against the plain ranking: the
/// page is the ranking with every repeat of a text above taken out, each hit
/// carries exactly the other hits of its text, totals count both.
@Suite struct IdenticalPassagesTests {
    let folder = TemporaryFolder()

    /// Two copies of one plan under different names (a different header
    /// line), a standard whose table cells repeat, and a plan of its own.
    func makeSearcher() throws -> Searcher {
        let body = """
            一、总体要求
            推动工业大数据创新发展，建设工业大数据平台。
            （一）工业大数据
            工业大数据
            开展工业大数据应用试点示范，完善工业大数据标准体系。
            """
        folder.write("corpus/central/037.md", "# 关于工业大数据发展的指导意见\n\n" + body)
        folder.write("corpus/shandong/033.md", "# Guiding Opinions on Industrial Big Data\n\n" + body)
        folder.write("corpus/standard.md", """
            # 工业大数据标准
            | AHB工业大数据 | 1 |
            AHB工业大数据
            AHB工业大数据
            AHB工业大数据
            工业大数据平台应当支持数据采集、存储、分析和可视化，满足工业企业的数字化转型需要。
            """)
        folder.write("corpus/other.md", "# 其他\n\n加快工业大数据与制造业融合，培育工业大数据服务商。\n工业大数据\n")
        let directory = IndexDirectory(path: folder.file("index"))
        _ = try IndexBuilder(corpus: folder.file("corpus"), directory: directory).build()
        return try Searcher(reader: IndexReader(directory: directory))
    }

    func text(_ hit: RankedPassage, _ searcher: Searcher) throws -> String {
        try searcher.reader.segments[hit.segment].text(ofPassage: hit.passage)
    }

    /// Both ways of reading fingerprints: from the stored text as needed (a
    /// one-shot search), and from the table in memory (a server).
    @Test(arguments: ["工业大数据", "AHB工业大数据", "工业大数据 平台", "标准", "数据"], [false, true])
    func aPageIsTheRankingWithoutRepeatsAndEachHitCarriesItsTwins(query: String, inMemory: Bool) throws {
        let searcher = try makeSearcher()
        if inMemory { for segment in searcher.reader.segments { try segment.loadFingerprints() } }
        let parsed = try QueryParser.parse(query)
        let plain = try searcher.search(parsed, options: SearchOptions(limit: nil))
        let texts = try plain.ranked.map { try text($0, searcher) }
        // The independent answer: the first hit of each text, in rank order.
        var seen = Set<String>()
        let heads = plain.ranked.indices.filter { seen.insert(texts[$0]).inserted }
        for (offset, limit) in [(0, 3), (0, 10), (2, 2), (1, 100)] {
            let page = try searcher.search(parsed, options: SearchOptions(limit: limit, offset: offset, collapsesIdentical: true))
            #expect(page.total == plain.total, "every passage is counted")
            #expect(page.distinctTexts == Set(texts).count)
            let expected = Array(heads.dropFirst(offset).prefix(limit))
            #expect(page.ranked.map(\.passage) == expected.map { plain.ranked[$0].passage }, "\(query) \(offset) \(limit)")
            for hit in page.ranked {
                let own = try text(hit, searcher)
                let twins = plain.ranked.filter { $0.passage != hit.passage }.filter { (try? text($0, searcher)) == own }
                #expect(Set(hit.identical.map(\.passage)) == Set(twins.map(\.passage)))
                #expect(hit.identical.allSatisfy { $0.score == hit.score })
            }
        }
        // Without a limit, every passage is listed, repeats included.
        let every = try searcher.search(parsed, options: SearchOptions(limit: nil, collapsesIdentical: true))
        #expect(every.ranked.count == plain.total)
    }

    @Test func theLoaderSaysWhereTheTwinsAre() throws {
        let searcher = try makeSearcher()
        let page = try searcher.search(QueryParser.parse("应用试点示范"), options: SearchOptions(limit: 10, collapsesIdentical: true))
        #expect(page.total == 2 && page.ranked.count == 1)
        let hit = try #require(HitLoader(searcher: searcher).hits(of: page).first { _ in true }).get()
        #expect(hit.identical.count == 1)
        let other = try #require(hit.identical.first)
        #expect(Set([hit.document.path, other.path]) == ["central/037.md", "shandong/033.md"])
        #expect(other.line == hit.passage.line)
        #expect(hit.jsonLine(paths: PathDisplay(corpus: "/c", workingFolder: "/c")).contains("\"identical\":[{\"file\":\"\(other.path)\",\"line\":\(other.line)"))
    }

    @Test func anExportKeepsEveryRowAndMarksRepeats() throws {
        let searcher = try makeSearcher()
        let result = try searcher.search(QueryParser.parse("AHB工业大数据"), options: SearchOptions(limit: nil))
        var rows = ExportRows(paths: PathDisplay(corpus: "/c", workingFolder: "/c"))
        let table = try HitLoader(searcher: searcher).hits(of: result).map { rows.row(try $0.get()) }
        #expect(table.count == result.total)
        let sameAs = table.map { $0[Hit.exportColumns.firstIndex(of: "same_as")!] }
        let text = table.map { $0[Hit.exportColumns.firstIndex(of: "text")!] }
        for (i, mark) in sameAs.enumerated() {
            let first = text.firstIndex(of: text[i])!
            #expect(mark == (first == i ? "" : table[first][0]), "row \(i)")
        }
        #expect(sameAs.filter { !$0.isEmpty }.count == 2)
    }

    /// A hit on a bare heading says what the section it opens holds.
    @Test func aHeadingsHitOpensItsSection() throws {
        folder.write("corpus/plan.md", """
            # 标准体系建设指南
            一、建设内容
            （一）基础标准
            1. 术语标准
            （2）工业大数据标准
            主要包括面向计划调度、协同生产的数据采集、存储和分析标准。
            用于指导工业企业开展数据治理。
            （3）工业互联网标准
            主要包括网络、平台和安全标准。
            （4）其他标准
            """)
        let directory = IndexDirectory(path: folder.file("index"))
        _ = try IndexBuilder(corpus: folder.file("corpus"), directory: directory).build()
        let searcher = try Searcher(reader: IndexReader(directory: directory))
        let result = try searcher.search(QueryParser.parse("标准"), options: SearchOptions(limit: nil))
        let hits = try HitLoader(searcher: searcher).hits(of: result).map { try $0.get() }
        let heading = try #require(hits.first { $0.passage.text == "（2）工业大数据标准" })
        #expect(heading.opensSection == SectionOpening(passages: 2, endLine: 7, first: "主要包括面向计划调度、协同生产的数据采集、存储和分析标准。"))
        #expect(try #require(hits.first { $0.passage.text == "（一）基础标准" }).opensSection?.passages == 7)
        // A passage under a heading opens nothing; a heading with nothing under it neither.
        #expect(hits.first { $0.passage.text.hasPrefix("主要包括网络") }?.opensSection == nil)
        // 1. is above （2）, by the numbering: its section holds both subsections.
        #expect(try #require(hits.first { $0.passage.text == "1. 术语标准" }).opensSection?.passages == 6)
        #expect(try #require(hits.first { $0.passage.text == "（4）其他标准" }).opensSection == nil)
        #expect(heading.jsonLine(paths: PathDisplay(corpus: "/c", workingFolder: "/c")).contains(#""opens":{"passages":2,"endLine":7"#))
    }
}
