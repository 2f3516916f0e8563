import Foundation
import TestSupport
import Testing
@testable import PolicyAnalysis

@Suite("UserDictionary: reading dictionary files")
struct UserDictionaryTests {
    let normalizer = try! TextNormalizer()

    @Test("one word a line, optional frequency and tag, # comments, BOM and CRLF")
    func parsesWordsFrequenciesAndComments() throws {
        let text = "\u{FEFF}# policy terms\r\n大数据 120\r\n\r\n放管服\t5 n\r\n  一网通办\r\n互联网+\n"
        let words = try UserDictionary.parse(Array(text.utf8), file: "d.txt")
        #expect(words == ["大数据", "放管服", "一网通办", "互联网+"])
    }

    @Test("an empty file has no words: with no other source, segmentation is ICU's")
    func emptyFile() throws {
        let folder = TemporaryFolder()
        let path = folder.write("empty.txt", "")
        #expect(try UserDictionary.parse([], file: path).isEmpty)
        #expect(try UserDictionary.load(files: [path], includingPolicyWords: false, normalizer: normalizer) == nil)
        let withPolicy = try #require(try UserDictionary.load(files: [path], normalizer: normalizer))
        #expect(withPolicy.sources.map(\.name) == [UserDictionary.policySourceName, path])
        #expect(withPolicy.sources[1].words == 0)
    }

    @Test("a malformed line is one error naming the file and the line")
    func malformedLines() throws {
        func problem(_ text: String) -> String? {
            do {
                _ = try UserDictionary.parse(Array(text.utf8), file: "my.dict")
                return nil
            } catch {
                return "\(error)"
            }
        }
        #expect(problem("大数据 12\n云计算 many\n") == "dictionary my.dict:2: the frequency after 云计算 must be a whole number, not many")
        let tooMany = try #require(problem("大数据\n\n云计算 1 n extra\n"))
        #expect(tooMany.hasPrefix("dictionary my.dict:3: expected a word"))
        #expect(!tooMany.contains("\n"))
        #expect(problem("ok\n") == nil)

        var bytes = Array("大数据\n".utf8)
        bytes += [0xE5, 0xA4, 0x0A]  // a cut UTF-8 sequence on line 2
        #expect(throws: DictionaryError.self) { try UserDictionary.parse(bytes, file: "bad.txt") }
        do {
            _ = try UserDictionary.parse(bytes, file: "bad.txt")
        } catch {
            #expect("\(error)" == "dictionary bad.txt:2: not valid UTF-8")
        }
    }

    @Test("a missing file is an error naming it")
    func missingFile() throws {
        #expect(throws: DictionaryError.self) {
            try UserDictionary.load(files: ["/nonexistent/dictionary.txt"], normalizer: normalizer)
        }
    }

    @Test("words are normalized; words with clause marks are ignored; identity follows the words")
    func normalizationAndIdentity() throws {
        let a = UserDictionary(sources: [("a", ["雲計算", "ＡＰＴ攻击", "，还"])], normalizer: normalizer)
        #expect(a.contains(ScalarText.scalars(of: "云计算")))
        #expect(a.contains(ScalarText.scalars(of: "apt攻击")))
        #expect(a.sources[0].words == 2)
        #expect(a.sources[0].ignored == 1)
        let same = UserDictionary(sources: [("elsewhere", ["云计算", "APT攻击"])], normalizer: normalizer)
        #expect(a.identity == same.identity)  // the words count, not the file's name
        let other = UserDictionary(sources: [("a", ["云计算"])], normalizer: normalizer)
        #expect(a.identity != other.identity)
    }

    @Test("the policy dictionary: a few hundred distinct terms, all kept")
    func policyDictionary() throws {
        let words = PolicyDictionary.words
        #expect(words.count >= 300)
        #expect(Set(words).count == words.count)
        let dictionary = UserDictionary(sources: [("policy", words)], normalizer: normalizer)
        #expect(dictionary.sources[0].ignored == 0)
        for term in ["大数据", "互联网+", "云计算", "数据交易所", "政务数据", "放管服", "一网通办", "数字经济", "人工智能", "工业互联网"] {
            #expect(dictionary.contains(ScalarText.scalars(of: term)), "\(term)")
        }
    }
}
