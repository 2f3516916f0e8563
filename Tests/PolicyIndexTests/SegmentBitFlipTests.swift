import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex

/// A single flipped bit anywhere in a segment gives the same answers or an
/// `IndexError`, never other answers and never a trap (format 6: every byte
/// a read decodes is checked against a checksum first).
@Suite struct SegmentBitFlipTests {
    let folder = TemporaryFolder()

    /// A small corpus with headings, where 数据 is in more than 128 passages
    /// (so that its postings have a skip table and blocks of their own).
    func buildIndex() throws -> (IndexDirectory, String) {
        for document in 0..<4 {
            var lines = ["# 第\(document)号数据管理办法", ""]
            for chapter in 1...3 {
                lines += ["## 第\(chapter)章 总则", ""]
                for article in 1...12 {
                    let extra = article % 3 == 0 ? "数据交易所应当依法运营，尽早公开。" : "推进工业大数据发展。"
                    lines += ["第\(article)条　为了规范数据交易（\(document)-\(article)），推进公共数据开放和个人信息保护，\(extra)", ""]
                }
            }
            folder.write("corpus/d\(document).md", lines.joined(separator: "\n"))
        }
        let directory = IndexDirectory(path: folder.file("index"))
        let report = try IndexBuilder(corpus: folder.file("corpus"), directory: directory).build()
        return (directory, directory.file(try #require(report.manifest).segments[0].name))
    }

    static let queries = ["数据", "数据交易", "个人信息保护", "尽早", "第3条", "总则", "工业大数据", "交易所应当"]

    /// Everything the segment answers, as text: every query's full hit list
    /// (passage, document, line, section, text and a BM25 score, as a search
    /// with `--all` shows them), the blocks of postings read one by one, every
    /// term with its frequency, every document with its headings, and the
    /// stored text of every passage.
    static func answers(_ directory: IndexDirectory) throws -> [String] {
        let reader = try IndexReader(directory: directory)
        let segment = reader.segments[0]
        var result: [String] = []
        for query in queries {
            result.append("query \(query)")
            result += try hits(of: query, in: segment, averageLength: reader.averageLength)
        }
        try segment.forEachTerm { key, frequency in result.append("term \(GramKey.text(of: key)) \(frequency)") }
        for document in 0..<segment.documentCount {
            let entry = try segment.document(document)
            result.append("document \(entry.path) \(entry.title) \(entry.fields) \(entry.sections) \(segment.passages(ofDocument: document))")
        }
        try segment.forEachText(ofPassages: 0..<segment.passageCount) { passage, text in
            result.append("text \(passage) \(segment.line(ofPassage: passage)) \(segment.length(ofPassage: passage)) \(text)")
        }
        return result
    }

    /// The passages where `query` is a phrase, best first, each with what a
    /// search shows of it.
    static func hits(of query: String, in segment: Segment, averageLength: Double) throws -> [String] {
        let scalars = query.unicodeScalars.map(\.value)
        var postings: [DecodedPostings] = []
        var frequencies: [Int] = []
        var blockReads: [String] = []
        for i in 0..<(scalars.count - 1) {
            guard let term = try segment.term(GramKey.pair(scalars[i], scalars[i + 1])) else { return [] }
            postings.append(try segment.decode(term, withPositions: true))
            frequencies.append(term.documentFrequency)
            // The way a search reads a long list: block by block, from the skip table.
            if let blocks = try segment.blocks(of: term) {
                for block in 0..<blocks.count {
                    let docs = try segment.decodeDocs(term, block: block, of: blocks)
                    let positions = try segment.decodePositions(term, block: block, of: blocks, docs: docs)
                    blockReads.append("block \(block) \(docs.passages) \(docs.frequencies) \(positions.starts) \(positions.positions)")
                }
            }
        }
        var scored: [(passage: Int, score: Double)] = []
        for (index, passage) in postings[0].passages.enumerated() {
            let starts = postings[0].positions[Int(postings[0].positionStarts[index])..<Int(postings[0].positionStarts[index + 1])]
            var matches = 0
            for start in starts {
                var found = true
                for part in 1..<postings.count {
                    guard let at = postings[part].passages.firstIndex(of: passage) else { found = false; break }
                    let positions = postings[part].positions[
                        Int(postings[part].positionStarts[at])..<Int(postings[part].positionStarts[at + 1])]
                    if !positions.contains(start + Int32(part)) { found = false; break }
                }
                if found { matches += 1 }
            }
            guard matches > 0 else { continue }
            let idf = log(1 + (Double(segment.passageCount) - Double(frequencies[0]) + 0.5) / (Double(frequencies[0]) + 0.5))
            let length = Double(segment.length(ofPassage: Int(passage)))
            let tf = Double(matches)
            scored.append((Int(passage), idf * tf * 2.2 / (tf + 1.2 * (0.25 + 0.75 * length / averageLength))))
        }
        scored.sort { $0.score > $1.score || ($0.score == $1.score && $0.passage < $1.passage) }
        return try scored.map { hit in
            let stored = try segment.passage(hit.passage)
            let document = try segment.document(stored.document)
            return "\(document.path):\(stored.line) [\(stored.section)] \(String(format: "%.9f", hit.score)) \(stored.text)"
        } + blockReads
    }

    @Test func aFlippedBitAnywhereGivesTheSameAnswersOrAnError() throws {
        let (directory, path) = try buildIndex()
        let original = try #require(FileManager.default.contents(atPath: path))
        let expected = try Self.answers(directory)
        let segment = try IndexReader(directory: directory).segments[0]
        #expect(try segment.blocks(of: try #require(try segment.term(GramKey.pair(0x6570, 0x636E)))) != nil,
                "数据 must have a skip table")
        // Every section, the header, and the directory with the footer; then anywhere.
        var regions = segment.sections.sorted { $0.value.range.lowerBound < $1.value.range.lowerBound }
            .map { ("\($0.key)", $0.value.range) }
        let directoryStart = regions.map(\.1.upperBound).max()!
        regions += [("header", 0..<IndexFormat.headerLength), ("directory and footer", directoryStart..<original.count),
                    ("anywhere", 0..<original.count)]
        #expect(regions.count == IndexFormat.Section.allCases.count + 3)
        var generator = SplitMix64(seed: 6)
        var errors = 0
        var flips = 0
        for (name, range) in regions where !range.isEmpty {
            for _ in 0..<(name == "anywhere" ? 60 : 16) {
                let at = try BitFlip.write(original, flippingOneBitIn: range, to: path, using: &generator)
                flips += 1
                do {
                    let got = try Self.answers(directory)
                    #expect(got == expected, "a flip at byte \(at) (\(name)) changed an answer")
                } catch let error as IndexError {
                    errors += 1
                    #expect(error.description.contains(path) && !error.description.contains("\n"), "\(error)")
                } catch {
                    Issue.record("a flip at byte \(at) (\(name)) gave \(error)")
                }
            }
        }
        try original.write(to: URL(fileURLWithPath: path))
        #expect(try Self.answers(directory) == expected)
        #expect(flips > 250 && errors > flips * 3 / 4, "\(errors) errors of \(flips) flips")
    }
}
