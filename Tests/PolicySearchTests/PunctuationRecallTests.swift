import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex
@testable import PolicySearch

/// Every part, with or without punctuation and white space (not indexed), finds
/// exactly the live passages whose normalized stored text holds it, with
/// non-overlapping counts, in every segment of an updated index: random text
/// over a few characters and much punctuation, a tenth of its lines long
/// enough to be cut into pieces.
@Suite struct PunctuationRecallTests {
    let folder = TemporaryFolder()

    static let alphabet: [String] = ["数", "据", "交", "易", "哈", "哈", "，", "。", "、", " ", "（", "）", "a", "A", "“", "”",
                                     "·", "\u{3000}", "！", "!", ",", "1", ".", "-", "%", "：", "…", "\u{00A0}", "國", "ﾟ", "\u{FF0C}"]

    func line(_ g: inout SplitMix64, length: Int) -> String {
        var s = ""
        for _ in 0..<length { s += Self.alphabet[Int(g.next() % UInt64(Self.alphabet.count))] }
        return s
    }

    func write(_ name: String, _ g: inout SplitMix64) {
        var lines: [String] = []
        for _ in 0..<Int(g.next() % 30 + 5) {
            let long = g.next() % 10 == 0
            lines.append("行" + line(&g, length: long ? Int(g.next() % 600 + 360) : Int(g.next() % 40 + 1)))
        }
        folder.write("corpus/" + name, lines.joined(separator: "\n") + "\n")
    }

    static func occurrences(_ part: [UInt32], _ text: [UInt32]) -> Int32 {
        var n: Int32 = 0
        var i = 0
        while i + part.count <= text.count {
            if Array(text[i..<(i + part.count)]) == part { n += 1; i += part.count } else { i += 1 }
        }
        return n
    }

    @Test func randomPartsWithPunctuationMatchABruteForceScan() throws {
        var g = SplitMix64(seed: 7)
        for n in 0..<8 { write("d\(n).txt", &g) }
        let directory = IndexDirectory(path: folder.file("index"))
        var builder = IndexBuilder(corpus: folder.file("corpus"), directory: directory)
        builder.maximumDeletedShare = 0.9
        _ = try builder.build()
        // An update: change two documents, add one: several segments, with deletions.
        write("d1.txt", &g)
        write("d5.txt", &g)
        write("d9.txt", &g)
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 5)], ofItemAtPath: folder.file("corpus/d1.txt"))
        try FileManager.default.setAttributes([.modificationDate: Date(timeIntervalSinceNow: 5)], ofItemAtPath: folder.file("corpus/d5.txt"))
        _ = try builder.build()
        let reader = try IndexReader(directory: directory)
        #expect(reader.segments.count > 1 && reader.hasDeletions)
        let searcher = try Searcher(reader: reader)
        let normalizer = try TextNormalizer()
        var texts: [[[UInt32]]] = []
        var cut = 0
        for segment in reader.segments {
            texts.append(try (0..<segment.passageCount).map { normalizer.normalize(try segment.text(ofPassage: $0)).scalars })
            cut += segment.cutLinePassages.count
        }
        #expect(cut > 0)
        // Parts: pieces of passages, and random strings.
        var parts: [[UInt32]] = []
        for _ in 0..<1500 {
            let s = Int(g.next() % UInt64(texts.count))
            guard !texts[s].isEmpty else { continue }
            let t = texts[s][Int(g.next() % UInt64(texts[s].count))]
            guard !t.isEmpty else { continue }
            let a = Int(g.next() % UInt64(t.count))
            let b = min(t.count, a + 1 + Int(g.next() % 6))
            parts.append(Array(t[a..<b]))
        }
        for _ in 0..<300 { parts.append(normalizer.normalize(line(&g, length: Int(g.next() % 4 + 1))).scalars) }
        var failures = 0
        for part in Set(parts) where !part.isEmpty && part.first != 0x20 && part.last != 0x20 {
            for s in reader.segments.indices {
                let found = try searcher.matches(part, in: s)
                var want = PartMatches()
                for (p, text) in texts[s].enumerated() where reader.isLive(p, in: s) {
                    let c = Self.occurrences(part, text)
                    if c > 0 { want.passages.append(Int32(p)); want.frequencies.append(c) }
                }
                if found != want {
                    failures += 1
                    if failures <= 5 { Issue.record("part \(ScalarText.string(part).debugDescription), segment \(s): \(found.count) passages, want \(want.count)") }
                }
            }
        }
        #expect(failures == 0)
    }
}
