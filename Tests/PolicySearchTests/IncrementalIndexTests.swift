import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex
@testable import PolicySearch

/// After any sequence of additions, edits and deletions, an updated index
/// answers exactly as an index built from scratch from the same files.
@Suite struct IncrementalIndexTests {
    let folder = TemporaryFolder()

    static let sentences = [
        "推进数据交易市场建设。", "建设贵阳大数据交易所。", "加强数据安全保护。", "发展工业大数据应用。",
        "推动政府数据开放共享。", "完善个人信息保护制度。", "支持5G网络和云计算发展。", "落实信息安全等级保护。",
        "數據交易應當遵循公平原則。", "“互联网+”政务服务。",
    ]
    static let queries = ["数据交易", "数据", "交易", "保护", "大数据 交易所", "数据 -交易", "安全 OR 开放", "易"]

    func write(_ name: String, _ generator: inout SplitMix64) {
        var lines = ["# 文件 \(name)", ""]
        for _ in 0..<Int(generator.next() % 12 + 1) {
            let count = Int(generator.next() % 4 + 1)
            lines.append((0..<count).map { _ in Self.sentences[Int(generator.next() % UInt64(Self.sentences.count))] }.joined())
        }
        // Sometimes a line long enough to be cut into pieces.
        if generator.next() % 3 == 0 { lines.append(String(repeating: Self.sentences[Int(generator.next() % 10)], count: 40)) }
        folder.write("corpus/" + name, lines.joined(separator: "\n") + "\n")
    }

    /// Every hit of every query: file, line, text and score, in rank order.
    func answers(_ directory: IndexDirectory) throws -> [String] {
        let searcher = try Searcher(reader: IndexReader(directory: directory))
        let loader = HitLoader(searcher: searcher)
        var lines: [String] = []
        for text in Self.queries {
            let result = try searcher.search(QueryParser.parse(text), options: SearchOptions(limit: nil))
            lines.append("\(text): \(result.total) in \(result.documents)")
            for hit in loader.hits(of: result) {
                let hit = try hit.get()
                lines.append("\(hit.rank) \(hit.document.path):\(hit.passage.line) \(String(format: "%.9f", hit.score)) \(hit.passage.text)")
            }
        }
        return lines
    }

    @Test func updatesAnswerAsAFullRebuild() throws {
        var generator = SplitMix64(seed: 99)
        for n in 0..<12 { write("doc\(n).md", &generator) }
        let updated = IndexDirectory(path: folder.file("updated"))
        var builder = IndexBuilder(corpus: folder.file("corpus"), directory: updated)
        builder.maximumSegments = 5
        builder.maximumDeletedShare = 0.6
        _ = try builder.build()
        var sawSegments = 1
        var sawMerge = false
        for round in 0..<10 {
            // Add, edit, delete and touch a few files.
            for _ in 0..<Int(generator.next() % 3 + 1) {
                let name = "doc\(generator.next() % 20).md"
                switch generator.next() % 4 {
                case 0, 1: write(name, &generator)
                case 2: try? FileManager.default.removeItem(atPath: folder.file("corpus/" + name))
                default:
                    if FileManager.default.fileExists(atPath: folder.file("corpus/" + name)) {
                        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: Double(round + 1))],
                                                              ofItemAtPath: folder.file("corpus/" + name))
                    }
                }
            }
            let report = try builder.build()
            sawSegments = max(sawSegments, report.manifest?.segments.count ?? 1)
            sawMerge = sawMerge || report.merged
            let scratch = IndexDirectory(path: folder.file("scratch\(round)"))
            var fresh = IndexBuilder(corpus: folder.file("corpus"), directory: scratch)
            fresh.rebuild = true
            _ = try fresh.build()
            #expect(try answers(updated) == answers(scratch), "round \(round)")
            let a = try IndexReader(directory: updated)
            let b = try IndexReader(directory: scratch)
            #expect(a.passageCount == b.passageCount && a.documentCount == b.documentCount && a.totalWords == b.totalWords)
            #expect(try a.corpusChanges() == nil)
        }
        #expect(sawSegments > 1)
        #expect(sawMerge)
    }

    @Test func touchingAFileDoesNotIndexItAgain() throws {
        folder.write("corpus/a.md", "数据交易\n")
        folder.write("corpus/b.md", "工业大数据\n")
        let directory = IndexDirectory(path: folder.file("index"))
        let builder = IndexBuilder(corpus: folder.file("corpus"), directory: directory)
        _ = try builder.build()
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 60)], ofItemAtPath: folder.file("corpus/a.md"))
        let touched = try builder.build()
        #expect(touched.added == 0 && touched.changed == 0 && touched.unchanged == 2)
        #expect(touched.manifest?.segments.count == 1)
        #expect(try IndexReader(directory: directory).corpusChanges() == nil)
        let again = try builder.build()
        #expect(again.documents == 0 && again.manifest?.generation == touched.manifest?.generation)
        // The touched file is listed as refreshed in the manifest, kept as the
        // text of the list (decoded when asked for), and read back whole.
        let reopened = try IndexReader(directory: directory)
        #expect(reopened.manifest.refreshed.map(\.path) == ["a.md"])
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory.manifestPath))) as? [String: Any]
        let stored = (object?["refreshed"] as? String).flatMap { Data(base64Encoded: $0) }
        #expect(stored.map { String(decoding: $0, as: UTF8.self).contains("\"a.md\"") } == true)
        // With another file added, only that file differs: the touched one counts as current.
        folder.write("corpus/c.md", "数据安全\n")
        #expect(try reopened.corpusChanges() == CorpusChanges(added: ["c.md"]))
    }

    /// A manifest written before the list was kept as text holds it as an array.
    @Test func refreshedFilesOfAnOlderManifestRead() throws {
        let files = [CorpusFile(path: "a.md", size: 9, modified: 12), CorpusFile(path: "b/c.md", size: 3, modified: 4)]
        let array = try JSONEncoder().encode(files)
        let old = try JSONDecoder().decode(EncodedList<CorpusFile>.self, from: array)
        #expect(old.elements == files)
        #expect(old == EncodedList(files))
        let written = try JSONDecoder().decode(EncodedList<CorpusFile>.self, from: JSONEncoder().encode(EncodedList(files)))
        #expect(written.elements == files)
        #expect(EncodedList<CorpusFile>([]).elements.isEmpty)
    }

    @Test func deletedAndReplacedDocumentsVanishAtOnce() throws {
        folder.write("corpus/a.md", "数据交易\n")
        folder.write("corpus/b.md", "数据交易所\n")
        let directory = IndexDirectory(path: folder.file("index"))
        let builder = IndexBuilder(corpus: folder.file("corpus"), directory: directory)
        _ = try builder.build()
        try FileManager.default.removeItem(atPath: folder.file("corpus/a.md"))
        folder.write("corpus/b.md", "工业大数据\n")
        let report = try builder.build()
        #expect(report.removed == 1 && report.changed == 1)
        let searcher = try Searcher(reader: IndexReader(directory: directory))
        #expect(try searcher.search(QueryParser.parse("数据交易")).total == 0)
        #expect(try searcher.search(QueryParser.parse("工业")).total == 1)
    }
}
