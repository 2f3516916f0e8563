import Foundation
import TestSupport
import Testing

/// User dictionaries from the command line: analyze, segment, index and search.
@Suite struct DictionaryCommandTests {
    let folder = TemporaryFolder()
    var cli: CommandRunner { CommandRunner(workingDirectory: folder.path) }

    @Test func analyzeSaysWhichWordsCameFromWhichDictionary() throws {
        folder.write("mine.txt", "商事制度 10\n")
        let output = try cli.run(["analyze", "推进商事制度改革，建设大数据交易所", "--dictionary", "mine.txt"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("商事制度\tideographic\t[2, 6)\t商事制度\tmine.txt"))
        #expect(output.stdout.contains("大数据交易所\tideographic\t[11, 17)\t大数据交易所\tpolicy"))
        #expect(output.stdout.contains("推进\tideographic\t[0, 2)\t推进\tICU"))
        #expect(output.stdout.contains("pairs ("))

        let plain = try cli.run(["analyze", "大数据交易所", "--no-policy-dictionary", "--format", "json"])
        #expect(plain.stdout.contains(#""dictionary":"""#))
        #expect(plain.stdout.contains(#""word":"大","kind":"ideographic","start":0,"end":1,"source":"icu""#))
    }

    @Test func aMalformedDictionaryIsOneLineNamingTheFileAndLine() throws {
        folder.write("bad.txt", "# terms\n大数据 12\n云计算 lots\n")
        for arguments in [["analyze", "数据"], ["index", "corpus"], ["search", "数据"], ["segment", "in.txt"]] {
            folder.write("corpus/a.md", "数据交易\n")
            folder.write("in.txt", "数据交易\n")
            let output = try cli.run(arguments + ["--dictionary", "bad.txt"])
            #expect(output.status == 2, "\(arguments)")
            #expect(output.stderr == "policy-search: error: dictionary bad.txt:3: the frequency after 云计算 must be a whole number, not lots\n")
        }
        let missing = try cli.run(["analyze", "数据", "--dictionary", "nope.txt"])
        #expect(missing.status == 2)
        #expect(missing.stderr.hasPrefix("policy-search: error: dictionary nope.txt: "))
    }

    @Test func theCorpusDictionaryIsUsedNotIndexedAndAnotherDictionaryWarns() throws {
        folder.write("Corpus/a.md", "# 甲\n\n推进放管服改革，发展数据铁笼。\n")
        folder.write("Corpus/dictionary.txt", "数据铁笼\n")
        let built = try cli.run(["index"])
        #expect(built.status == 0)
        #expect(built.stdout.contains("indexed 1 document"))
        let documents = try cli.run(["documents"])
        #expect(!documents.stdout.contains("dictionary.txt"))

        let same = try cli.run(["search", "数据铁笼"])
        #expect(same.status == 0)
        #expect(same.stderr.isEmpty)

        folder.write("extra.txt", "放管服改革\n")
        let other = try cli.run(["search", "数据铁笼", "--dictionary", "extra.txt"])
        #expect(other.status == 0)  // the same hits
        #expect(other.stderr.contains("warning: the index was built with user dictionary"))
        #expect(other.stderr.contains("extra.txt"))

        // index with the other dictionary re-analyzes everything; then the warning is gone.
        let rebuilt = try cli.run(["index", "--dictionary", "extra.txt"])
        #expect(rebuilt.stdout.contains("1 added"))
        #expect(try cli.run(["search", "数据铁笼", "--dictionary", "extra.txt"]).stderr.isEmpty)
        #expect(try cli.run(["search", "数据铁笼"]).stderr.contains("warning: the index was built with user dictionary"))
    }

    @Test func segmentWritesTheOriginalCharactersTwoSpacesApart() throws {
        folder.write("in.txt", "發展大數據，ＡＰＴ攻擊 2025年\r\n\n5G网络")
        folder.write("words.txt", "大数据\n1998年\n2001年\n1949年\n")
        let output = try cli.run(["segment", "in.txt", "--no-policy-dictionary", "--dictionary", "words.txt"])
        #expect(output.status == 0)
        #expect(output.stdout == "發展  大數據  ，  ＡＰＴ  攻擊  2025年\n\n5G  网络\n")
        #expect(output.stderr.contains("MB/s"))
        let icu = try cli.run(["segment", "in.txt", "--no-policy-dictionary", "--no-corpus-dictionary"])
        #expect(icu.stdout.hasPrefix("發展  大  數據  ，"))
        #expect(icu.stderr.contains("dictionary none (ICU alone)"))
    }

    /// A term proposed by `terms` and added to the corpus dictionary: result sets stay the
    /// same, while `kwic --words` and `search --words` show it as one word.
    @Test func addedWordsChangeNoResultSetButKWICAndHighlightsFollowThem() throws {
        folder.write("Corpus/a.md", "# 甲\n\n支持数据铁笼和云上贵州建设。\n数据铁笼建设要加快。\n推进铁笼数据治理。\n")
        _ = try cli.run(["index", "--no-policy-dictionary"])
        let before = try cli.run(["search", "铁笼", "--all", "--format", "json", "--no-policy-dictionary"])
        let kwicBefore = try cli.run(["kwic", "铁笼", "--words", "--no-policy-dictionary", "-o", "before.tsv"])
        #expect(kwicBefore.status == 0)
        let proposed = try cli.run(["terms", "--min-count", "2", "--min-documents", "1", "--format", "csv", "--no-policy-dictionary"])
        #expect(proposed.status == 0)
        #expect(proposed.stdout.contains(",数据铁笼,2,1,"), "\(proposed.stdout)")

        folder.write("Corpus/dictionary.txt", "数据铁笼\n")
        _ = try cli.run(["index", "--no-policy-dictionary"])
        let after = try cli.run(["search", "铁笼", "--all", "--format", "json", "--no-policy-dictionary"])
        func places(_ output: String) -> [String] {
            output.split(separator: "\n").compactMap { line in
                (try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]).map { "\($0["file"]!):\($0["line"]!)" }
            }.sorted()
        }
        #expect(places(before.stdout) == places(after.stdout))
        #expect(places(after.stdout).count == 3)

        _ = try cli.run(["kwic", "铁笼", "--words", "--no-policy-dictionary", "-o", "after.tsv"])
        let matches = { (file: String) in
            ExportCommandTests.parseCSV(try String(contentsOfFile: folder.file(file), encoding: .utf8), delimiter: "\t")
                .dropFirst().map { $0[7] }.sorted()
        }
        #expect(try matches("after.tsv").filter { $0 == "数据铁笼" }.count == 2)
        #expect(try !matches("before.tsv").contains("数据铁笼"))
        let highlighted = try cli.run(["search", "铁笼", "--words", "--no-policy-dictionary"])
        #expect(highlighted.stdout.contains("«数据铁笼»建设要加快"))
        let plain = try cli.run(["search", "铁笼", "--no-policy-dictionary"])
        #expect(plain.stdout.contains("数据«铁笼»建设要加快"))
    }
}
