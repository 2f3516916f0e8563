import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex

/// Writing a segment and reading it back gives what was written: the round
/// trip of the format in IndexFormat.swift.
@Suite struct SegmentFormatTests {
    let analyzer = try! Analyzer()

    func analyzed(_ texts: [String], firstLine: Int = 1, sameLine: Bool = false) -> [AnalyzedPassage] {
        texts.enumerated().map { index, text in
            let (normalized, words) = analyzer.analyze(text.unicodeScalars.map(\.value)[...])
            return AnalyzedPassage(line: sameLine ? firstLine : firstLine + index, sectionNumber: index % 2,
                                   text: text, normalized: normalized.scalars, wordCount: words,
                                   continuesLine: sameLine && index > 0)
        }
    }

    func document(_ path: String, sections: [String] = ["第一章 总则"]) -> DocumentEntry {
        let tree = SectionTree(nodes: sections.map { SectionTree.Node(parent: -1, label: $0) })
        return document(path, tree: tree)
    }

    func document(_ path: String, tree: SectionTree) -> DocumentEntry {
        DocumentEntry(path: path, title: "标题 \(path)", encoding: "GB18030", size: 1234, modified: 1_700_000_000_123_456_789,
                      contentHash: 0xDEAD_BEEF_0123_4567, lineCount: 42, sections: tree,
                      fields: ["issuer": "国务院", "number": "国发〔2015〕50号"])
    }

    /// The punctuation among the test alphabet's characters (normalized).
    static let punctuation: Set<UInt32> = [0xFF0C, 0x2C, 0x3002, 0x3001, 0xFF08, 0xFF09, 0x28, 0x29]

    /// The checksum is the standard CRC-32 (the check value of "123456789"),
    /// also when fed in pieces, so that indexes written before read alike.
    @Test func crc32IsTheStandardOne() {
        let bytes = Array("123456789".utf8)
        #expect(bytes.withUnsafeBytes { CRC32.checksum($0) } == 0xCBF4_3926)
        var pieces = CRC32()
        pieces.update(Array(bytes[..<4]))
        pieces.update(Array(bytes[4...]))
        #expect(pieces.value == 0xCBF4_3926)
        #expect(CRC32.checksum(UnsafeRawBufferPointer(start: nil, count: 0)) == 0)
    }

    @Test func roundTripOfDocumentsPassagesAndTerms() throws {
        let folder = TemporaryFolder()
        let first = ["数据交易所", "大数据交易，数据交易。", "ＡＢＣ 123"]
        let second = ["交易", "數據交易平台"]
        var builder = SegmentBuilder()
        builder.add(document("a.md"), passages: analyzed(first))
        builder.add(document("sub/b.txt"), passages: analyzed(second, firstLine: 7, sameLine: true))
        builder.add(document("empty.md", sections: []), passages: [])
        try builder.write(to: folder.file("s.psi"))

        let segment = try Segment(path: folder.file("s.psi"))
        try segment.verify()
        #expect(segment.passageCount == 5)
        #expect(segment.documentCount == 3)

        let a = try segment.document(0)
        #expect(a == document("a.md"))
        #expect(try segment.document(1).path == "sub/b.txt")
        #expect(segment.passages(ofDocument: 0) == 0..<3)
        #expect(segment.passages(ofDocument: 1) == 3..<5)
        #expect(segment.passages(ofDocument: 2).isEmpty)
        #expect(segment.document(ofPassage: 2) == 0)
        #expect(segment.document(ofPassage: 3) == 1)

        let stored = try segment.passage(1)
        #expect(stored.text == "大数据交易，数据交易。")
        #expect(stored.line == 2)
        #expect(stored.section == "第一章 总则")
        #expect(stored.document == 0)
        #expect(try segment.passage(0).section == "")
        #expect(try segment.passage(4).line == 7)

        // Lengths are ICU word counts; the run flag marks later pieces of a line.
        let expectedWords = (first + second).map { analyzer.analyze($0.unicodeScalars.map(\.value)[...]).wordCount }
        #expect((0..<5).map(segment.length(ofPassage:)) == expectedWords)
        #expect(segment.totalWords == UInt64(expectedWords.reduce(0, +)))
        #expect((0..<5).map(segment.continuesLine) == [false, false, false, false, true])
        #expect(segment.paragraph(of: 4) == 3...4)
        #expect(segment.paragraph(of: 1) == 1...1)

        // Pair 交易 is in passages 0, 1 (twice), 3 and 4, at these positions.
        let pair = try #require(try segment.term(GramKey.pair(0x4EA4, 0x6613)))
        #expect(pair.documentFrequency == 4)
        let postings = try segment.decode(pair, withPositions: true)
        #expect(postings.passages == [0, 1, 3, 4])
        #expect(postings.frequencies == [1, 2, 1, 1])
        #expect(postings.positions == [2, 3, 8, 0, 2])
        // The pairs that start with 易: 易所 (passage 0), 易$ (易 before ， and 。
        // in passage 1, and passage 3's end) and 易平 (4); a missing term is nil.
        let startingWith = try segment.terms(in: GramKey.pairs(startingWith: 0x6613))
        #expect(Set(startingWith.map { GramKey.text(of: $0.key) }) == ["易所", "易$", "易平"])
        let beforePunctuation = try #require(try segment.term(GramKey.pair(0x6613, GramKey.end)))
        let ends = try segment.decodeDocs(beforePunctuation)
        #expect(ends.passages == [1, 3] && ends.frequencies == [2, 1])
        // A pair with the end has no positions.
        #expect(beforePunctuation.positionStream.isEmpty)
        #expect(try segment.decode(beforePunctuation, withPositions: true).positions.isEmpty)
        // Punctuation and white space start no pair, and end none.
        #expect(try segment.terms(in: GramKey.pairs(startingWith: 0x3002)).isEmpty)
        #expect(try segment.terms(in: GramKey.pairs(startingWith: 0x2C)).isEmpty)
        #expect(try segment.term(GramKey.pair(0x63, 0x20)) == nil)
        #expect(try segment.term(GramKey.pair(0x20, 0x31)) == nil)
        #expect(try segment.term(GramKey.pair(0x9F99, 0x9F99)) == nil)
        // Full-width ＡＢＣ was folded: the index holds "ab".
        #expect(try segment.term(GramKey.pair(0x61, 0x62)) != nil)
    }

    /// Stored text over several compressed blocks (more than 2 MiB of UTF-16)
    /// reads back passage by passage, in any order, and each passage's
    /// document is found from any document before it as from the start.
    @Test func textOverSeveralBlocksAndDocumentsFromAHint() throws {
        let folder = TemporaryFolder()
        var generator = SplitMix64(seed: 11)
        let alphabet = Array("数据交易平台共享开放政府安全保护云计算互联网工业农业标准体系人才培养".unicodeScalars)
        var builder = SegmentBuilder()
        var texts: [String] = []
        var firstPassages: [Int] = []
        for d in 0..<100 {
            let count = Int(generator.next() % 120) + 1
            let passages = (0..<count).map { _ in
                String(String.UnicodeScalarView((0..<(200 + Int(generator.next() % 160))).map { _ in
                    alphabet[Int(generator.next() % UInt64(alphabet.count))]
                }))
            }
            firstPassages.append(texts.count)
            texts += passages
            builder.add(document("d\(d).md"), passages: analyzed(passages))
        }
        try builder.write(to: folder.file("s.psi"))
        let segment = try Segment(path: folder.file("s.psi"))
        #expect(texts.reduce(0) { $0 + $1.utf16.count } * 2 > 2 << 20)
        #expect(segment.textBlockCount >= 3)
        for (p, text) in texts.enumerated().reversed() { #expect(try segment.text(ofPassage: p) == text) }
        let shuffled = Array(texts.indices).shuffled(using: &generator)
        for (passage, text) in try segment.texts(ofPassages: Array(shuffled.prefix(700))) {
            #expect(text == texts[passage])
        }
        for p in Swift.stride(from: 0, to: texts.count, by: 7) {
            let expected = firstPassages.lastIndex { $0 <= p }!
            #expect(segment.document(ofPassage: p) == expected)
            for start in [0, expected / 2, max(0, expected - 1), expected] {
                #expect(segment.document(ofPassage: p, from: start) == expected)
            }
        }
    }

    /// Heading trees over several compressed batches (more than 1 MiB of
    /// heading lists, one of them longer than a batch, documents without
    /// headings among them, first and last in a batch too) read back
    /// document by document, in any order, with their passages' section paths.
    @Test func headingsOverSeveralBatches() throws {
        let folder = TemporaryFolder()
        var generator = SplitMix64(seed: 5)
        let alphabet = Array("数据交易平台共享开放政府安全保护云计算互联网工业农业标准体系人才培养".unicodeScalars)
        func tree(_ count: Int) -> SectionTree {
            var nodes: [SectionTree.Node] = []
            for index in 0..<count {
                // A parent before its heading (as headings are read), or none.
                let parent = index == 0 || generator.next() % 5 == 0 ? -1 : Int32(generator.next() % UInt64(index))
                let words = String(String.UnicodeScalarView((0..<Int(generator.next() % 12)).map { _ in
                    alphabet[Int(generator.next() % UInt64(alphabet.count))]
                }))
                nodes.append(.init(parent: parent, label: index % 3 == 0 ? "第\(index + 1)条" : "（\(index)）\(words)"))
            }
            return SectionTree(nodes: nodes)
        }
        var trees: [SectionTree] = []
        var builder = SegmentBuilder()
        for d in 0..<900 {
            // Runs of documents without headings, and one list longer than a batch.
            let count = d == 450 ? 30000 : d % 8 < 3 ? 0 : Int(generator.next() % 300)
            trees.append(tree(count))
            let passages = analyzed(["数据交易", "第\(d)号"]).enumerated().map { index, passage in
                var passage = passage
                passage.sectionNumber = count == 0 ? 0 : index * count
                return passage
            }
            builder.add(document("d\(d).md", tree: trees[d]), passages: passages)
        }
        try builder.write(to: folder.file("s.psi"))
        let segment = try Segment(path: folder.file("s.psi"))
        try segment.verify()
        #expect(segment.headings.count >= 5)
        let starts = (0..<segment.headings.count).map { segment.headings.table.entry($0).firstItem }
        #expect(starts.contains { trees[$0].nodes.isEmpty } && starts.dropFirst().contains { trees[$0 - 1].nodes.isEmpty })
        #expect(starts.contains(450) && starts.contains(451))
        for d in trees.indices.reversed() {
            #expect(try segment.document(d).sections == trees[d])
            #expect(try segment.document(d, withSections: false).sections.nodes.isEmpty)
        }
        for d in trees.indices.shuffled(using: &generator).prefix(300) {
            let passage = segment.passages(ofDocument: d).upperBound - 1
            let count = trees[d].nodes.count
            #expect(try segment.passage(passage).section == (count == 0 ? "" : trees[d].path(of: count - 1)))
            #expect(try segment.document(d) == document("d\(d).md", tree: trees[d]))
        }
        // From several threads at once, which share the batches kept.
        let wrong = Tally()
        let expected = trees
        DispatchQueue.concurrentPerform(iterations: 4) { thread in
            for d in Swift.stride(from: thread, to: expected.count, by: 4) where (try? segment.document(d).sections) != expected[d] {
                wrong.add()
            }
        }
        #expect(wrong.count == 0)
    }

    /// A heading list reads back as written; a parent that does not come
    /// before its heading is stored as none; a damaged list reads as nil.
    @Test func headingListsAndTheirDamage() throws {
        let tree = SectionTree(nodes: [.init(parent: -1, label: "第一章 总则"), .init(parent: 0, label: "第一条"),
                                       .init(parent: 0, label: ""), .init(parent: 2, label: "（一）數據"),
                                       .init(parent: 5, label: "第二条"), .init(parent: 5, label: "末")])
        var writer = ByteWriter()
        HeadingList.write(tree, to: &writer)
        var expected = tree
        expected.nodes[4].parent = -1
        expected.nodes[5].parent = -1
        #expect(writer.bytes.withUnsafeBytes { HeadingList.read($0) } == expected)
        // Counts, distances and ends: [6, 0 1 2 1 0 0], then the labels.
        #expect(Array(writer.bytes.prefix(7)) == [6, 0, 1, 2, 1, 0, 0])
        #expect(writer.bytes.filter { $0 == 0xFF }.count == 6)
        var tooFar = writer.bytes
        tooFar[3] = 3
        var unended = writer.bytes
        unended.removeLast()
        for damaged in [tooFar, unended, Array(writer.bytes.prefix(5)), writer.bytes + [0x41], [200]] {
            #expect(damaged.withUnsafeBytes { HeadingList.read($0) } == nil)
        }
    }

    /// A count that several threads add to.
    final class Tally: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        var count: Int { lock.withLock { value } }
        func add() { lock.withLock { value += 1 } }
    }

    /// Every term of a text with many distinct characters (several dictionary
    /// blocks) is found, with postings equal to a naive count.
    @Test func dictionaryBlocksMatchANaiveInvertedIndex() throws {
        let folder = TemporaryFolder()
        var generator = SplitMix64(seed: 7)
        let alphabet = Array("数据交易平台共享开放政府安全保护云计算互联网工业农业标准体系人才培养产业园区中心智慧城市,。、()".unicodeScalars)
        var texts: [String] = []
        // A third of the passages use five characters only, so that their pairs
        // are in hundreds of passages: lists of several blocks.
        let small = Array(alphabet.prefix(5))
        for n in 0..<1200 {
            let length = Int(generator.next() % 40) + 1
            let letters = n % 3 == 0 ? small : alphabet
            texts.append(String(String.UnicodeScalarView((0..<length).map { _ in letters[Int(generator.next() % UInt64(letters.count))] })))
        }
        var builder = SegmentBuilder()
        builder.add(document("x.md"), passages: analyzed(texts))
        try builder.write(to: folder.file("s.psi"))
        let segment = try Segment(path: folder.file("s.psi"))

        var expected: [UInt64: [Int32: [Int32]]] = [:]
        for (p, text) in texts.enumerated() {
            let s = text.unicodeScalars.map(\.value)
            // The rule of IndexFormat: a pair at every indexed character, with
            // the next one, or with `end` before punctuation and at the end.
            for i in s.indices where !Self.punctuation.contains(s[i]) {
                let next = i + 1 < s.count && !Self.punctuation.contains(s[i + 1]) ? s[i + 1] : GramKey.end
                expected[GramKey.pair(s[i], next), default: [:]][Int32(p), default: []].append(Int32(i))
            }
        }
        // Every passage reads back (several blocks: textOverSeveralBlocksAndDocumentsFromAHint).
        for (p, text) in texts.enumerated().reversed() {
            #expect(try segment.text(ofPassage: p) == text)
            #expect(segment.line(ofPassage: p) == p + 1)
        }
        let shuffled = Array(texts.indices).shuffled(using: &generator)
        let readAhead = try segment.texts(ofPassages: Array(shuffled.prefix(500)))
        #expect(readAhead.count == 500)
        for (passage, text) in readAhead { #expect(text == texts[passage]) }
        #expect(segment.termCount == expected.count)
        #expect(segment.termCount > 64 * 3)
        var keys: [UInt64] = []
        try segment.forEachTerm { key, frequency in
            keys.append(key)
            #expect(frequency == expected[key]?.count)
        }
        #expect(keys == expected.keys.sorted())
        var checkedBlocks = 0
        for (key, byPassage) in expected {
            let term = try #require(try segment.term(key))
            // A pair with the end has no positions.
            let hasPositions = key & UInt64(GramKey.end) != UInt64(GramKey.end)
            #expect(term.positionStream.isEmpty == !hasPositions)
            let decoded = try segment.decode(term, withPositions: hasPositions)
            #expect(decoded.passages == byPassage.keys.sorted())
            #expect(decoded.frequencies == byPassage.keys.sorted().map { Int32(byPassage[$0]!.count) })
            if hasPositions { #expect(decoded.positions == byPassage.keys.sorted().flatMap { byPassage[$0]! }) }
            // Long lists come in blocks with a skip table; the blocks read back the same.
            if let blocks = try segment.blocks(of: term) {
                checkedBlocks += 1
                var passages: [Int32] = []
                var positions: [Int32] = []
                for block in 0..<blocks.count {
                    let docs = try segment.decodeDocs(term, block: block, of: blocks)
                    #expect(docs.passages.last == blocks.lastPassage[block])
                    passages += docs.passages
                    if hasPositions { positions += try segment.decodePositions(term, block: block, of: blocks, docs: docs).positions }
                }
                #expect(passages == decoded.passages)
                #expect(positions == decoded.positions)
            } else {
                #expect(decoded.passages.count <= IndexFormat.postingsBlockSize)
            }
        }
        #expect(checkedBlocks > 10)
    }
}
