import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex
@testable import PolicySearch

/// A user dictionary changes words, so passage lengths (BM25) change; it never
/// changes which passages match, since parts match as exact character pairs.
@Suite struct DictionaryIndexTests {
    let folder = TemporaryFolder()
    let normalizer = try! TextNormalizer()

    func writeCorpus() {
        for (n, sentence) in IncrementalIndexTests.sentences.enumerated() {
            let lines = (0..<6).map { k in IncrementalIndexTests.sentences[(n + k * 3) % IncrementalIndexTests.sentences.count] }
            folder.write("corpus/doc\(n).md", "# 文件\(n)\n\n\(sentence)\n" + lines.joined(separator: "\n") + "\n推进放管服改革，建设大数据交易所。\n")
        }
    }

    func build(_ name: String, dictionary: UserDictionary?) throws -> (IndexDirectory, BuildReport) {
        let directory = IndexDirectory(path: folder.file(name))
        var builder = IndexBuilder(corpus: folder.file("corpus"), directory: directory)
        builder.dictionary = dictionary
        return (directory, try builder.build())
    }

    /// Every hit of every query: (file, line) in corpus order, and the scores in rank order.
    func hits(_ directory: IndexDirectory, dictionary: UserDictionary?) throws -> (sets: [[String]], scores: [[Double]]) {
        let searcher = try Searcher(reader: IndexReader(directory: directory), dictionary: dictionary)
        let loader = HitLoader(searcher: searcher)
        var sets: [[String]] = []
        var scores: [[Double]] = []
        for text in IncrementalIndexTests.queries + ["大数据交易所", "放管服", "互联网+", "数据交易 OR 放管服"] {
            let result = try searcher.search(QueryParser.parse(text), options: SearchOptions(limit: nil))
            let found = try loader.hits(of: result).map { try $0.get() }
            sets.append(found.map { "\($0.document.path):\($0.passage.line):\($0.passage.text)" }.sorted())
            scores.append(found.map(\.score))
        }
        return (sets, scores)
    }

    @Test func theResultSetNeverChangesWithTheDictionary() throws {
        writeCorpus()
        let policy = UserDictionary(sources: [("policy", PolicyDictionary.words)], normalizer: normalizer)
        let custom = UserDictionary(sources: [("custom", ["数据交易", "建设贵阳", "交易所", "政务服务"])], normalizer: normalizer)
        let (plain, _) = try build("plain", dictionary: nil)
        let (withPolicy, _) = try build("policy", dictionary: policy)
        let (withCustom, _) = try build("custom", dictionary: custom)
        let reference = try hits(plain, dictionary: nil)
        #expect(reference.sets.contains { !$0.isEmpty })
        let policyHits = try hits(withPolicy, dictionary: policy)
        let customHits = try hits(withCustom, dictionary: custom)
        #expect(policyHits.sets == reference.sets)
        #expect(customHits.sets == reference.sets)
        // The words, hence the lengths and the scores, did change.
        #expect(try IndexReader(directory: withPolicy).totalWords < IndexReader(directory: plain).totalWords)
        #expect(policyHits.scores != reference.scores)
    }

    @Test func theManifestRecordsTheDictionaryAndAnotherOneRebuilds() throws {
        writeCorpus()
        let first = UserDictionary(sources: [("a", ["大数据", "放管服"])], normalizer: normalizer)
        let second = UserDictionary(sources: [("b", ["大数据", "放管服", "交易所"])], normalizer: normalizer)
        let (directory, report) = try build("index", dictionary: first)
        #expect(report.manifest?.analysis.dictionary == first.identity)
        let reader = try IndexReader(directory: directory)
        #expect(reader.dictionaryMismatch(first) == nil)
        let mismatch = try #require(reader.dictionaryMismatch(second))
        #expect(mismatch.contains(first.identity) && mismatch.contains(second.identity))
        #expect(reader.dictionaryMismatch(nil)?.contains("none") == true)
        #expect(reader.analysisMismatch == nil)

        // The same dictionary: nothing to do. Another one: every file analyzed again.
        let (_, same) = try build("index", dictionary: first)
        #expect(same.added == 0 && same.unchanged == IncrementalIndexTests.sentences.count)
        let (_, other) = try build("index", dictionary: second)
        #expect(other.added == IncrementalIndexTests.sentences.count)
        #expect(other.manifest?.analysis.dictionary == second.identity)
        #expect(try IndexReader(directory: directory).dictionaryMismatch(second) == nil)
        // Without a dictionary the manifest says so, as indexes written before dictionaries did.
        let (_, none) = try build("index", dictionary: nil)
        #expect(none.manifest?.analysis.dictionary == nil)
    }

    @Test func anOlderManifestWithoutADictionaryStillReads() throws {
        let json = #"{"normalizer":"n","icu":"72.1","passageLimit":360}"#
        let identity = try JSONDecoder().decode(AnalysisIdentity.self, from: Data(json.utf8))
        #expect(identity.dictionary == nil)
    }
}
