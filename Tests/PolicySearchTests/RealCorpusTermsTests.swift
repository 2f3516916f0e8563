import Foundation
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex
@testable import PolicySearch

/// Term discovery on the real plans of ../shared/corpus: the policy terms that
/// ICU cuts come out near the top.
@Suite(.enabled(if: SharedCorpus.isAvailable, "../shared/corpus is absent: skipped"))
struct RealCorpusTermsTests {
    @Test func knownPolicyTermsAreProposed() throws {
        let folder = NSTemporaryDirectory() + "/policy-search-tests-real-terms"
        try? FileManager.default.removeItem(atPath: folder)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let directory = IndexDirectory(path: folder)
        _ = try IndexBuilder(corpus: SharedCorpus.root + "/plans", directory: directory).build()
        let corpus = try TermCorpus(reader: IndexReader(directory: directory))
        let terms = try TermDiscovery().terms(in: corpus)
        #expect(terms.count == 100)
        let proposed = Set(terms.map(\.text))
        // Each of these is cut by ICU 72 (大|数据, 互|联|网, 人工|智能, 数字|经济 …).
        let known = ["大数据", "互联网", "人工智能", "数字经济", "物联网", "工业互联网", "知识产权", "智能制造", "云计算", "区块链"]
        let found = known.filter(proposed.contains)
        #expect(found.count >= 5, "found only \(found)")
        for term in terms {
            #expect(term.icuWords.count > 1, "\(term.text) is one ICU word")
            #expect(term.icuWords.joined() == term.text)
            #expect(term.count >= 10 && term.documents >= 2)
        }
    }
}
