import Testing
import TestSupport

@testable import PolicySearch

@Suite struct ConcordanceTests {
    static func index() throws -> (TemporaryFolder, SearchIndex) {
        let folder = TemporaryFolder()
        let contexts = ["推进", "加快推进", "规范", "促进", "推进", "培育", "发展", "建立健全"]
        for file in 0..<6 {
            let lines = (0..<20).map { line in
                "\(contexts[(file + line) % contexts.count])数据交易\(contexts[(line * 3) % contexts.count])，数据交易市场第\(line % 4)批。"
            }
            folder.write("corpus/plan\(file).md", "# 方案\(file)\n\n" + lines.joined(separator: "\n\n") + "\n")
        }
        return (folder, try SearchIndex.open(.init(index: folder.file("index"), corpus: folder.file("corpus"))))
    }

    /// The orders against their definition, comparing keys made in each
    /// comparison (as it was written first): ties keep rank order.
    @Test func leftAndRightOrdersAreTheirDefinition() throws {
        let (folder, index) = try Self.index()
        _ = folder
        let query = try QueryParser.parse("数据交易")
        let byRank = try index.concordance(of: query, width: 3)
        #expect(byRank.count == 6 * 20 * 2)
        let left = byRank.enumerated().sorted {
            let a = String($0.element.left.reversed()), b = String($1.element.left.reversed())
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
        let right = byRank.enumerated().sorted {
            let a = $0.element.match + $0.element.right, b = $1.element.match + $1.element.right
            return a != b ? a < b : $0.offset < $1.offset
        }.map(\.element)
        let sortedLeft = try index.concordance(of: query, width: 3, order: .left)
        let sortedRight = try index.concordance(of: query, width: 3, order: .right)
        #expect(sortedLeft == left && sortedLeft.map(\.hit.passage.line) == left.map(\.hit.passage.line))
        #expect(sortedRight == right && sortedRight.map(\.hit.document.path) == right.map(\.hit.document.path))
        #expect(sortedLeft != byRank)
    }

    /// A line keeps where its hit is, not the hit's text: the line has its context.
    @Test func linesKeepTheirHitsPlaceWithoutItsText() throws {
        let (folder, index) = try Self.index()
        _ = folder
        let lines = try index.concordance(of: try QueryParser.parse("数据交易"), width: 3)
        let page = try index.search(try QueryParser.parse("数据交易"), HitOptions(search: SearchOptions(limit: nil)))
        let first = try #require(lines.first)
        #expect(first.hit.document.path == page.hits[0].document.path && first.hit.passage.line == page.hits[0].passage.line)
        #expect(first.hit.passage.text.isEmpty && first.hit.highlights.isEmpty)
        #expect(page.hits[0].passage.text.contains(first.left + first.match + first.right))
    }

    /// The streamed lines (what `kwic -o` writes in rank order) are the
    /// concordance's lines in rank order, place for place.
    @Test func streamedLinesAreTheConcordanceInRankOrder() throws {
        let (folder, index) = try Self.index()
        _ = folder
        let query = try QueryParser.parse("数据交易 OR 市场")
        let collected = try index.concordance(of: query, width: 5)
        let streamed = try index.withConcordance(of: query, width: 5) { next in
            var lines: [ConcordanceLine] = []
            while let line = try next() { lines.append(line) }
            #expect(try next() == nil)
            return lines
        }
        #expect(streamed == collected && !streamed.isEmpty)
        #expect(streamed.map(\.hit.passage.line) == collected.map(\.hit.passage.line))
        #expect(streamed.map(\.hit.document.path) == collected.map(\.hit.document.path))
    }
}
