import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex
@testable import PolicySearch

/// Counting, cohesion and boundary entropy on texts small enough to count by
/// hand, then term discovery end to end.
@Suite struct TermDiscoveryTests {
    func counts(_ documents: [[String]], minimumCount: Int, longest: Int = 6) throws -> (TermCorpus, NGramCounts) {
        let corpus = try TermCorpus(documents: documents)
        return (corpus, NGramCounts(corpus: corpus, minimumCount: minimumCount, longestLength: longest))
    }

    @Test func countsStayWithinRunsOfHanCharacters() throws {
        // 甲乙丙甲乙 | 甲乙，丙甲: 9 Han characters; the comma and the passage end cut runs.
        let (_, all) = try counts([["甲乙丙甲乙"], ["甲乙，丙甲"]], minimumCount: 1)
        #expect(all.characterTotal == 9)
        #expect(all.count(of: "甲") == 4)
        #expect(all.count(of: "乙") == 3)
        #expect(all.count(of: "甲乙") == 3)
        #expect(all.count(of: "丙甲") == 2)
        #expect(all.count(of: "乙丙") == 1)
        #expect(all.count(of: "乙，") == 0)
        #expect(all.count(of: "乙丙甲乙") == 1)
        #expect(all.count(of: "甲乙丙甲乙") == 1)
        #expect(all.count(of: "乙甲") == 0)  // across the passages
        #expect(all.string(of: try #require(all.gram(of: "丙甲乙".unicodeScalars.map(\.value)))) == "丙甲乙")
    }

    @Test func levelsArePrunedByTheMinimumCount() throws {
        let (_, frequent) = try counts([["甲乙丙甲乙"], ["甲乙，丙甲"]], minimumCount: 2)
        #expect(frequent.count(of: "甲乙") == 3)
        #expect(frequent.count(of: "丙甲") == 2)
        #expect(frequent.count(of: "乙丙") == 0)
        // 丙甲乙 occurs once: counted (both its pairs are frequent) and dropped.
        #expect(frequent.gramCount(ofLength: 3) == 0)
        #expect(frequent.gramCount(ofLength: 2) == 2)
    }

    /// Against counting every substring directly, on random text over a small
    /// alphabet with punctuation, Latin letters and passage ends.
    @Test func countsMatchBruteForce() throws {
        var random = SplitMix64(seed: 42)
        let alphabet = Array("甲乙丙丁戊，a 𠀀")
        let documents = (0..<20).map { _ in
            (0..<5).map { _ in String((0..<Int.random(in: 0...40, using: &random)).map { _ in alphabet.randomElement(using: &random)! }) }
        }
        // Terms are counted in normalized text, where white space between two
        // Han characters is gone (甲 乙 is 甲乙).
        let normalizer = try TextNormalizer()
        for minimum in [1, 3, 10] {
            let (_, counted) = try counts(documents, minimumCount: minimum, longest: 5)
            var expected: [String: Int] = [:]
            for passage in documents.joined() {
                let scalars = normalizer.normalize(passage).scalars
                for start in scalars.indices {
                    for length in 1...5 where start + length <= scalars.count {
                        let part = scalars[start..<(start + length)]
                        guard part.allSatisfy({ TermCorpus.isHan($0) }) else { break }
                        expected[ScalarText.string(part), default: 0] += 1
                    }
                }
            }
            let kept = expected.filter { $0.value >= minimum }
            var found = 0
            for length in 1...5 {
                for gram in counted.grams(ofLength: length) {
                    #expect(kept[counted.string(of: gram)] == counted.count(gram))
                    found += 1
                }
            }
            #expect(found == kept.count, "minimum \(minimum)")
        }
    }

    @Test func cohesionIsTheWeakestSplit() throws {
        // 甲 3, 乙 3, 丙 4, 甲乙 3, 乙丙 2, 甲乙丙 2, over 10 Han characters.
        let (_, counted) = try counts([["甲乙丙", "甲乙丙", "甲乙", "丙丙"]], minimumCount: 2)
        let gram = try #require(counted.gram(of: "甲乙丙".unicodeScalars.map(\.value)))
        #expect(counted.characterTotal == 10)
        // 甲|乙丙: log2(2 · 10 / (3 · 2)) = log2(10/3); 甲乙|丙: log2(2 · 10 / (3 · 4)) = log2(5/3).
        #expect(abs(counted.pointwiseMutualInformation(of: gram, splitAt: 1) - log2(10.0 / 3)) < 1e-12)
        #expect(abs(counted.pointwiseMutualInformation(of: gram, splitAt: 2) - log2(5.0 / 3)) < 1e-12)
        #expect(abs(counted.cohesion(of: gram) - log2(5.0 / 3)) < 1e-12)
        // 甲乙: log2(3 · 10 / (3 · 3)) = log2(10/3).
        let pair = try #require(counted.gram(of: "甲乙".unicodeScalars.map(\.value)))
        #expect(abs(counted.cohesion(of: pair) - log2(10.0 / 3)) < 1e-12)
    }

    @Test func entropyOfCounts() {
        #expect(BoundaryEntropy.entropy(ofCounts: [2, 1, 1]) == 1.5)
        #expect(BoundaryEntropy.entropy(ofCounts: [5]) == 0)
        #expect(BoundaryEntropy.entropy(ofCounts: [1, 1, 1, 1]) == 2)
    }

    @Test func boundaryEntropyAndDocuments() throws {
        // 甲乙 four times: left 丙 丙 己 and a passage start (a neighbour of its
        // own), so counts 2 1 1 → 1.5 bits; right 丁 戊 丁 ， → 1.5 bits.
        let documents = [["丙甲乙丁", "丙甲乙戊"], ["己甲乙丁", "甲乙，"], ["丙丁"]]
        let (corpus, counted) = try counts(documents, minimumCount: 2)
        let gram = try #require(counted.gram(of: "甲乙".unicodeScalars.map(\.value)))
        let other = try #require(counted.gram(of: "丙甲".unicodeScalars.map(\.value)))
        let measured = BoundaryEntropy(of: [gram, other], in: corpus, counts: counted)
        #expect(measured.left[0] == 1.5)
        #expect(measured.right[0] == 1.5)
        #expect(measured.documents == [2, 1])
        // 丙甲 twice, after a passage start both times (two distinct edges: 1 bit),
        // before 乙 both times (0 bits).
        #expect(measured.left[1] == 1)
        #expect(measured.right[1] == 0)
    }

    @Test func fragmentsOfLongerStringsAreDropped() throws {
        // 联网 only inside 互联网; 数据 also on its own, so not a fragment of 大数据.
        var passages: [String] = []
        let contexts = ["推进", "发展", "建设", "加强", "完善", "支持"]
        for (context, next) in zip(contexts, contexts.dropFirst() + contexts.prefix(1)) {
            passages += ["\(context)互联网\(next)", "大数据\(context)", "\(context)数据，数据"]
        }
        let corpus = try TermCorpus(documents: [passages])
        let counted = NGramCounts(corpus: corpus, minimumCount: 3, longestLength: 5)
        let shortlist = TermDiscovery().shortlist(counted, lengths: 2...4, excluding: [])
        let strings = Set(shortlist.map { counted.string(of: $0) })
        #expect(strings.contains("互联网"))
        #expect(!strings.contains("联网"))
        #expect(!strings.contains("互联"))
        #expect(strings.contains("大数据"))
        #expect(strings.contains("数据"))
        // Known words are left out.
        let known = Set(TermDiscovery().shortlist(counted, lengths: 2...4, excluding: ["互联网"]).map { counted.string(of: $0) })
        #expect(!known.contains("互联网"))
    }

    @Test func phrasesAroundFunctionCharactersAreDropped() throws {
        // 的 everywhere, so that 的数据 is no more cohesive than chance; 对外开放
        // is bound at 对|外开放 (外开放 never occurs without 对): 8 bits, in
        // 2,000-odd characters of which filler takes 1,800.
        var passages = [String](repeating: "山水田园风光", count: 300)
        for context in ["推进", "发展", "建设", "加强", "完善", "支持", "管理", "服务"] {
            passages += ["\(context)的数据", "\(context)的平台", "\(context)的企业", "\(context)对外开放", "数据的\(context)"]
        }
        let corpus = try TermCorpus(documents: [passages])
        let counted = NGramCounts(corpus: corpus, minimumCount: 3, longestLength: 5)
        let strings = Set(TermDiscovery().shortlist(counted, lengths: 2...4, excluding: []).map { counted.string(of: $0) })
        #expect(counted.count(of: "的数据") == 8)
        #expect(!strings.contains("的数据"))
        #expect(!strings.contains("数据的"))
        #expect(strings.contains("对外开放"))
    }

    @Test func aPlantedTermRanksFirst() throws {
        let corpus = try TermCorpus(documents: PlantedTermCorpus.documents())
        let terms = try TermDiscovery(options: TermDiscoveryOptions(limit: 10, minimumCount: 5)).terms(in: corpus)
        let first = try #require(terms.first)
        #expect(first.text == PlantedTermCorpus.term)
        #expect(first.icuWords == PlantedTermCorpus.term.map(String.init))
        #expect(first.documents == 12)
        #expect(first.score == TermDiscovery.score(count: first.count, cohesion: first.cohesion,
                                                    leftEntropy: first.leftEntropy, rightEntropy: first.rightEntropy))
        // Its own fragments are not proposed beside it.
        #expect(!terms.contains { $0.text != first.text && first.text.contains($0.text) })
        // Ranked best first.
        #expect(terms.map(\.score) == terms.map(\.score).sorted(by: >))
        let known = try TermDiscovery(options: TermDiscoveryOptions(limit: 10, minimumCount: 5))
            .terms(in: corpus, excluding: [PlantedTermCorpus.term])
        #expect(!known.contains { $0.text == PlantedTermCorpus.term })
    }

    @Test func indexedTextAndFilters() throws {
        let folder = TemporaryFolder()
        for (number, passages) in PlantedTermCorpus.documents().enumerated() {
            folder.write("corpus/planted-\(number).md", "---\ntitle: 文件\(number)\nregion: 甲省\n---\n" + passages.joined(separator: "\n"))
        }
        for (number, passages) in PlantedTermCorpus.documents(term: "坤衡锦瑞港", seed: 9).enumerated() {
            folder.write("corpus/other-\(number).md", "---\ntitle: 文件\(number)\nregion: 乙省\n---\n" + passages.joined(separator: "\n"))
        }
        let directory = IndexDirectory(path: folder.file("index"))
        _ = try IndexBuilder(corpus: folder.file("corpus"), directory: directory).build()
        let reader = try IndexReader(directory: directory)
        let discovery = TermDiscovery(options: TermDiscoveryOptions(limit: 5, minimumCount: 5))
        let all = try discovery.terms(in: TermCorpus(reader: reader)).map(\.text)
        #expect(Set(all.prefix(2)) == ["澜沧智链枢", "坤衡锦瑞港"])
        let filtered = try TermCorpus(reader: reader, filters: [Query.Filter(field: "region", value: "乙")])
        #expect(filtered.documentCount == 12)
        let terms = try discovery.terms(in: filtered).map(\.text)
        #expect(terms.first == "坤衡锦瑞港")
        #expect(!terms.contains("澜沧智链枢"))
    }
}
