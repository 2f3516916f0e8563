import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex
@testable import PolicySearch

/// What a search with `--all` shows never changes because a bit of the
/// index flipped: each flip, in any section of the segment, gives the same
/// hits (text, line, section, score, rank) or an `IndexError` naming the
/// file. (With format 5, 9 of 60 random flips changed the answer to 数据,
/// 尽早 shown as 附早 among them.)
@Suite struct IndexDamageSearchTests {
    static let corpus = GoldenIndexTests.corpus
    let folder = TemporaryFolder()

    static let queries = ["数据", "数据交易", "个人信息 保护", "尽早", "第一条", "大数据 发展 规划", "云计算", "交易 -平台"]

    func answers(_ directory: IndexDirectory, dictionary: UserDictionary?) throws -> [String] {
        let searcher = try Searcher(reader: IndexReader(directory: directory), dictionary: dictionary)
        var lines: [String] = []
        for query in Self.queries {
            let result = try searcher.search(QueryParser.parse(query), options: SearchOptions(limit: nil))
            lines.append("\(query): \(result.total) hits in \(result.documents) documents")
            for hit in HitLoader(searcher: searcher).hits(of: result) {
                let hit = try hit.get()
                lines.append("\(hit.rank) \(hit.document.path):\(hit.passage.line) [\(hit.passage.section)] \(hit.score) "
                             + "\(hit.document.title) \(hit.highlights) \(hit.passage.text)")
            }
        }
        return lines
    }

    @Test func aFlippedBitInAnySectionNeverChangesWhatASearchShows() throws {
        let dictionary = try DictionarySelection().load(corpus: Self.corpus)
        let directory = IndexDirectory(path: folder.file("index"))
        var builder = IndexBuilder(corpus: Self.corpus, directory: directory)
        builder.dictionary = dictionary
        let name = try #require(try builder.build().manifest).segments[0].name
        let path = directory.file(name)
        let original = try #require(FileManager.default.contents(atPath: path))
        let expected = try answers(directory, dictionary: dictionary)
        #expect(expected.count > 300)
        let sections = try IndexReader(directory: directory).segments[0].sections
        var generator = SplitMix64(seed: 60)
        var errors = 0
        var flips = 0
        for section in IndexFormat.Section.allCases {
            let range = try #require(sections[section]).range
            for _ in 0..<12 where !range.isEmpty {
                let at = try BitFlip.write(original, flippingOneBitIn: range, to: path, using: &generator)
                flips += 1
                do {
                    #expect(try answers(directory, dictionary: dictionary) == expected, "a flip at byte \(at) (\(section))")
                } catch let error as IndexError {
                    errors += 1
                    #expect(error.description.contains(path) && !error.description.contains("\n"), "\(error)")
                }
            }
        }
        #expect(flips == 12 * IndexFormat.Section.allCases.count && errors > flips / 2, "\(errors) errors of \(flips) flips")
    }
}
