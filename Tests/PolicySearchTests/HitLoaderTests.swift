import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex
@testable import PolicySearch

/// Long hit lists are read a window at a time; the hits must be exactly those
/// loaded one by one: same passage, section path, document and highlights.
@Suite struct HitLoaderTests {
    let folder = TemporaryFolder()

    @Test("hits read ahead in windows equal hits loaded one by one, across segments and runs of cut lines")
    func readAheadEqualsOneByOne() throws {
        var random = SplitMix64(seed: 5)
        let clauses = ["推进数据交易市场建设。", "加强数据安全保护。", "发展工业大数据应用。", "完善个人信息保护制度。"]
        func document(_ n: Int) -> String {
            var lines = ["# 第\(n)号文件", "", "第一章 总则", ""]
            for article in 1...Int(random.next() % 20 + 5) {
                let count = Int(random.next() % 3 + 1)
                lines.append("第\(article)条 " + (0..<count).map { _ in clauses[Int(random.next() % 4)] }.joined())
                if random.next() % 7 == 0 { lines.append(String(repeating: clauses[Int(random.next() % 4)], count: 40)) }
            }
            return lines.joined(separator: "\n") + "\n"
        }
        for n in 0..<40 { folder.write("corpus/d\(n).md", document(n)) }
        let directory = IndexDirectory(path: folder.file("index"))
        _ = try IndexBuilder(corpus: folder.file("corpus"), directory: directory).build()
        // A second segment: some documents changed.
        for n in 0..<4 { folder.write("corpus/d\(n).md", document(n + 100)) }
        _ = try IndexBuilder(corpus: folder.file("corpus"), directory: directory).build()
        let searcher = try Searcher(reader: IndexReader(directory: directory))
        #expect(searcher.reader.segments.count == 2)

        for text in ["数据", "保护 建设", "大数据"] {
            let result = try searcher.search(QueryParser.parse(text), options: SearchOptions(limit: nil))
            #expect(result.ranked.count > 64, "\(text) must have enough hits to be read ahead")
            let ahead = try HitLoader(searcher: searcher).hits(of: result).map { try $0.get() }
            let single = HitLoader(searcher: searcher)
            for (index, hit) in ahead.enumerated() {
                let one = try single.hit(result.ranked[index], rank: index + 1, highlighting: result.highlightParts)
                #expect(hit.passage == one.passage)
                #expect(hit.lastPassage == one.lastPassage)
                #expect(hit.document.path == one.document.path)
                #expect(hit.document.fields == one.document.fields)
                #expect(hit.highlights == one.highlights)
                #expect(hit.rank == one.rank)
            }
            #expect(ahead.contains { !$0.passage.section.isEmpty })
        }
    }
}
