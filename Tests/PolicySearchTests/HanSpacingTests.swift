import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex
@testable import PolicySearch

/// White space between two Han characters is no word break: letter-spaced
/// titles and PDF debris match as if written solid, are shown as written, and
/// are highlighted over their spaces; a space next to Latin or digits stays.
@Suite struct HanSpacingTests {
    let folder = TemporaryFolder()

    static let documents: [String: String] = [
        "notice.md": """
            # 通  知

            数据 中心 联 盟成立大会
            建设数据中心和灾备中心。
            第一章\u{3000}总则
            国 家 粮 食 应 急\t预案
            推进5G 网络建设，发展 Smart Forestry 智慧林业。
            """,
    ]

    func makeSearcher(corpus: String? = nil) throws -> Searcher {
        if corpus == nil {
            for (name, text) in Self.documents { folder.write("corpus/" + name, text) }
        }
        let directory = IndexDirectory(path: folder.file("index"))
        _ = try IndexBuilder(corpus: corpus ?? folder.file("corpus"), directory: directory).build()
        return try Searcher(reader: IndexReader(directory: directory))
    }

    func hits(_ query: String, in searcher: Searcher) throws -> [Hit] {
        let result = try searcher.search(QueryParser.parse(query), options: SearchOptions(limit: nil))
        return try HitLoader(searcher: searcher).hits(of: result).map { try $0.get() }
    }

    @Test("a part matches across spaces between Han characters and is highlighted over them", arguments: [
        ("数据中心联盟", "数据 中心 联 盟"), ("通知", "通  知"), ("章总则", "章\u{3000}总则"), ("国家粮食应急预案", "国 家 粮 食 应 急\t预案"),
        ("心联", "心 联"),
    ])
    func spacedHan(query: String, shown: String) throws {
        let searcher = try makeSearcher()
        let found = try hits(query, in: searcher)
        #expect(found.count == 1)
        let hit = try #require(found.first)
        #expect(hit.matchedStrings == [shown])
        #expect(hit.passage.text.contains(shown))
    }

    @Test("a quoted phrase with a space between Han characters finds it written solid and spaced")
    func quotedPhrase() throws {
        let searcher = try makeSearcher()
        let found = try hits("\"数据 中心\"", in: searcher)
        #expect(Set(found.flatMap(\.matchedStrings)) == ["数据 中心", "数据中心"])
        // Unquoted, two parts: both must occur, anywhere.
        #expect(try hits("数据 中心", in: searcher).count == 2)
    }

    @Test("a space next to Latin letters or digits stays a break", arguments: [
        ("5G网络", 0), ("\"5G 网络\"", 1), ("SmartForestry", 0), ("\"Smart Forestry\"", 1), ("发展Smart", 0),
        ("\"forestry 智慧\"", 1),
    ])
    func latinAndDigitSpacing(query: String, expected: Int) throws {
        #expect(try hits(query, in: try makeSearcher()).count == expected)
    }

    @Test("highlight ranges of a spaced match cover the spaces; a snippet keeps them")
    func highlightRanges() throws {
        let normalizer = try TextNormalizer()
        let text = "成立 数据 中心 联 盟。数据中心"
        let ranges = Highlighter.ranges(of: [normalizer.normalize("数据中心").scalars], in: normalizer.normalize(text))
        #expect(ranges.map { scalarText(text, $0) } == ["数据 中心", "数据中心"])
        let snippet = Snippet(passage: text, highlights: ranges)
        #expect(snippet.highlights.map { scalarText(snippet.text, $0) } == ["数据 中心", "数据中心"])
    }

    @Test("the seed report: 数据中心联盟 finds line 7 (数据 中心 联 盟), 前言 its heading ## 前 言",
          .enabled(if: SharedCorpus.seedReport != nil, "../shared/seed has no seed report: skipped"))
    func seedReport() throws {
        let seed = try #require(SharedCorpus.seedReport)
        let searcher = try makeSearcher(corpus: (seed as NSString).deletingLastPathComponent)
        let alliance = try hits("数据中心联盟", in: searcher)
        #expect(alliance.contains { $0.passage.line == 7 && $0.matchedStrings == ["数据 中心 联 盟"] })
        let preface = try hits("前言", in: searcher)
        #expect(preface.contains { $0.passage.text.hasPrefix("## 前 言") && $0.matchedStrings == ["前 言"] })
    }
}

/// The text of `range` of the Unicode scalars of `text`.
private func scalarText(_ text: String, _ range: Range<Int>) -> String {
    String(String.UnicodeScalarView(Array(text.unicodeScalars)[range]))
}
