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
        #expect(built.stdout.contains("indexed 1 documents"))
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
}
