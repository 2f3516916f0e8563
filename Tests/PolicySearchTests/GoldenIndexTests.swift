import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex
@testable import PolicySearch

/// The golden indexes of `Tests/Fixtures/` (see ``IndexFormat``,
/// "Compatibility"): the one of this format answers exactly as a fresh build
/// of `Corpus/` does; those of older formats are refused as incompatible.
@Suite struct GoldenIndexTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let corpus = packageRoot + "/Corpus"
    let folder = TemporaryFolder()

    /// A copy of a golden index, so that nothing a test does can touch the fixture.
    func golden(_ format: Int) throws -> IndexDirectory {
        let copy = folder.file("golden-v\(format)")
        try FileManager.default.copyItem(atPath: Self.packageRoot + "/Tests/Fixtures/golden-v\(format)", toPath: copy)
        return IndexDirectory(path: copy)
    }

    /// Every hit of a query as a search with `--all` shows it.
    func hits(_ text: String, in directory: IndexDirectory) throws -> [String] {
        let dictionary = try DictionarySelection().load(corpus: Self.corpus)
        let searcher = try Searcher(reader: IndexReader(directory: directory), dictionary: dictionary)
        let result = try searcher.search(QueryParser.parse(text), options: SearchOptions(limit: nil))
        return try HitLoader(searcher: searcher).hits(of: result).map { try $0.get() }.map {
            "\($0.rank) \($0.document.path):\($0.passage.line) [\($0.passage.section)] \($0.score) \($0.passage.text)"
        }
    }

    @Test func theGoldenIndexOfThisFormatAnswersAsAFreshBuild() throws {
        #expect(IndexFormat.version == 7, "a new format adds its golden index (IndexFormat, Compatibility)")
        let golden = try golden(7)
        let fresh = IndexDirectory(path: folder.file("fresh"))
        _ = try SearchIndex.build(configuration: .init(index: fresh.path, corpus: Self.corpus), corpus: Self.corpus)
        let reader = try IndexReader(directory: golden)
        #expect(reader.manifest.format == 7)
        #expect(reader.documentCount == 12)
        for query in ["数据", "数据交易", "大数据 发展", "个人信息保护", "第一条", "云计算", "数据 cites:国发〔2015〕50号"] {
            let expected = try hits(query, in: fresh)
            #expect(!expected.isEmpty || query == "云计算")
            #expect(try hits(query, in: golden) == expected, "\(query)")
        }
        // The citations, as a fresh build extracts them.
        let freshReader = try IndexReader(directory: fresh)
        for number in 0..<reader.segments[0].documentCount {
            #expect(try reader.segments[0].citations(ofDocument: number) == freshReader.segments[0].citations(ofDocument: number))
        }
        #expect(try (0..<reader.segments[0].documentCount).contains { try !reader.segments[0].citations(ofDocument: $0).citations.isEmpty })
    }

    /// An index whose titles and sections came from older document-structure
    /// rules (one that records none, as every index before `sections/v2`) is
    /// rebuilt on open, and says why; `index` rebuilds it whole.
    @Test func anIndexOfOlderStructureRulesIsRebuilt() throws {
        let golden = try golden(7)
        let manifest = golden.manifestPath
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        let structureLine = try #require(text.split(separator: "\n").first { $0.contains("\"structure\"") })
        // The golden manifest names the corpus of the worktree it was built in.
        let corpusLine = try #require(text.split(separator: "\n").first { $0.contains("\"corpus\"") })
        let older = text.replacingOccurrences(of: "\"passageLimit\" : 360,\n" + structureLine, with: "\"passageLimit\" : 360")
            .replacingOccurrences(of: String(corpusLine), with: "  \"corpus\" : \"\(Self.corpus)\",")
        #expect(older != text && !older.contains("structure"))
        try Data(older.utf8).write(to: URL(fileURLWithPath: manifest))
        #expect(try IndexReader(directory: golden).manifest.analysis.structureMismatch?.contains("sections/v1") == true)
        let index = try SearchIndex.open(.init(index: golden.path, corpus: Self.corpus))
        #expect(index.reader.manifest.analysis.structure == PassageSplitter.structureIdentity)
        let rebuilt = index.notices.compactMap { if case .rebuilt(_, let reason, _) = $0 { reason } else { nil } }
        #expect(rebuilt.count == 1 && rebuilt[0].contains("document-structure rules sections/v1"), "\(index.notices)")
    }

    @Test(arguments: [5, 6]) func aGoldenIndexOfAnOlderFormatIsRefusedAsIncompatible(format: Int) throws {
        let golden = try golden(format)
        do {
            _ = try IndexReader(directory: golden)
            Issue.record("an index of format \(format) opened")
        } catch IndexError.incompatible(let file, let found) {
            #expect(file == golden.manifestPath)
            #expect(found == UInt32(format))
        }
        // Its segment too, named on its own.
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: golden.path).first { $0.hasSuffix(".psi") })
        do {
            _ = try Segment(path: golden.file(segment))
            Issue.record("a segment of format \(format) opened")
        } catch IndexError.incompatible(let file, let found) {
            #expect(file == golden.file(segment))
            #expect(found == UInt32(format))
        }
    }

    /// The search layer rebuilds an index of another format from the corpus
    /// its manifest names, and says so.
    @Test(arguments: [5, 6]) func theSearchLayerRebuildsAnIndexOfAnOlderFormat(format: Int) throws {
        let golden = try golden(format)
        // The fixture's manifest names the corpus of the worktree it was built in.
        let manifest = golden.manifestPath
        let text = try String(contentsOfFile: manifest, encoding: .utf8)
        let corpusLine = try #require(text.split(separator: "\n").first { $0.contains("\"corpus\"") })
        try text.replacingOccurrences(of: String(corpusLine), with: "  \"corpus\" : \"\(Self.corpus)\",")
            .write(toFile: manifest, atomically: true, encoding: .utf8)
        let index = try SearchIndex.open(.init(index: golden.path, corpus: folder.file("elsewhere")))
        #expect(index.reader.manifest.format == IndexFormat.version)
        #expect(index.notices.contains { if case .rebuilt = $0 { true } else { false } })
        #expect(try !hits("数据交易", in: golden).isEmpty)
    }
}
