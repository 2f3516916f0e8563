import Foundation
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex
@testable import PolicySearch

/// Proximity on the real plans of `../shared/corpus` (skipped, saying so,
/// when it is absent): NEAR and SENTENCE find exactly the passages, among
/// those that hold every operand, where an independent scan of the text finds
/// the chain; ARTICLE hits hold every operand in articles.
@Suite(.enabled(if: SharedCorpus.isAvailable, "../shared/corpus is absent: skipped"))
struct ProximityRealCorpusTests {
    @Test(arguments: ["数据 NEAR/5 安全", "数据 NEAR/0 开放", "数据 SENTENCE 安全", "大数据 NEAR/10 产业 NEAR/3 发展",
                       "数 NEAR/3 \"，\"", "政务 OR 公共 NEAR/2 数据 SENTENCE 共享", "《网络安全法》 NEAR/20 数据"])
    func nearAndSentenceMatchAScanOfThePassagesThatHoldTheOperands(query text: String) throws {
        let folder = try #require(RealCorpusSearchTests.indexFolder)
        let searcher = try Searcher(reader: IndexReader(directory: IndexDirectory(path: folder)))
        let query = try QueryParser.parse(text)
        let chain = try #require(query.proximities.first)
        let result = try searcher.search(query, options: SearchOptions(limit: nil))
        // The passages that hold every operand: the single-passage hits of their AND.
        let and = try searcher.search(Query(required: chain.operands), options: SearchOptions(limit: nil))
        let normalizer = try TextNormalizer()
        let operands = chain.operands.map { $0.map { normalizer.normalize($0.text).scalars } }
        var want: [Int] = []
        for hit in and.ranked where hit.passage == hit.lastPassage {
            let text = normalizer.normalize(try searcher.segment.text(ofPassage: hit.passage)).scalars
            if ProximityTests.holds(operands, chain.links, in: text) { want.append(hit.passage) }
        }
        #expect(result.ranked.map(\.passage).sorted() == want.sorted())
        #expect(!want.isEmpty)
    }

    @Test func articleHitsHoldEveryOperandAndNameTheirArticle() throws {
        let folder = try #require(RealCorpusSearchTests.indexFolder)
        let searcher = try Searcher(reader: IndexReader(directory: IndexDirectory(path: folder)))
        let result = try searcher.search(QueryParser.parse("数据 ARTICLE 安全 ARTICLE 人才"), options: SearchOptions(limit: nil))
        #expect(result.total > 0)
        let normalizer = try TextNormalizer()
        for hit in try HitLoader(searcher: searcher).hits(of: result).map({ try $0.get() }) {
            let text = normalizer.normalize(hit.passage.text).string
            #expect(["数据", "安全", "人才"].allSatisfy(text.contains), "\(hit.document.path):\(hit.passage.line)")
            #expect(hit.endLine >= hit.passage.line)
            #expect(!hit.passage.section.isEmpty)
        }
    }
}
