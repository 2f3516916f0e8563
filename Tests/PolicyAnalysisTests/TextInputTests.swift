import Foundation
import TestSupport
import Testing
@testable import PolicyAnalysis

/// Decoding real Chinese text as corpora hold it: full- and half-width forms,
/// Traditional characters, GB18030, UTF-16 without a mark, stray NULs, empty
/// and huge files.
@Suite("Text inputs in real Chinese")
struct TextInputTests {
    /// Simplified and Traditional, full- and half-width letters and digits,
    /// CJK and full-width punctuation, an astral character.
    static let text = """
        国务院关于印发促进大数据发展行动纲要的通知（国发〔2015〕50号）
        第一条　為了規範數據交易行為，制定本辦法。ＡＢＣ１２３ abc 123；“互联网＋”行动。
        𠀋 臺灣 香港特別行政區政府資訊科技總監辦公室
        """ + "\n"

    static func utf16(_ text: String, littleEndian: Bool) -> [UInt8] {
        text.utf16.flatMap { littleEndian ? [UInt8($0 & 0xFF), UInt8($0 >> 8)] : [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
    }

    @Test(arguments: [true, false])
    func aHugeUTF16FileWithoutAMarkIsDecodedWhole(littleEndian: Bool) throws {
        // About 3 MB: the detection looks at the start only, the decoding takes it all.
        let huge = String(repeating: Self.text, count: 12_000)
        let decoded = try TextDecoder.decode(Self.utf16(huge, littleEndian: littleEndian))
        #expect(decoded.encoding == (littleEndian ? "UTF-16LE" : "UTF-16BE"))
        #expect(decoded.text == huge)
    }

    @Test func nulsScatteredThroughAHugeUTF8FileAreDroppedNotTheFile() throws {
        var bytes: [UInt8] = []
        let line = Array(Self.text.utf8)
        for _ in 0..<5_000 { bytes += line + [0] }  // one NUL in some 300 bytes: well under 1%
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == "UTF-8")
        #expect(decoded.text == String(repeating: Self.text, count: 5_000))
        #expect(decoded.warning == "5000 NUL bytes dropped")
    }

    @Test(.enabled(if: Iconv.isAvailable, "iconv is not installed: skipped"))
    func aNULInGB18030TextIsDroppedAndTheTextStillGB18030() throws {
        var bytes = try Iconv.convert(Array(Self.text.utf8), from: "UTF-8", to: "GB18030")
        bytes.insert(0, at: 40)
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == "GB18030")
        #expect(decoded.text == Self.text)
        #expect(decoded.warning == "1 NUL byte dropped")
    }

    @Test func anEmptyFileIsEmptyTextAndAFileOfNULsIsBinary() throws {
        let empty = try TextDecoder.decode([])
        #expect(empty.text.isEmpty)
        #expect(empty.warning == nil)
        #expect(throws: TextDecodingError.self) { try TextDecoder.decode([UInt8](repeating: 0, count: 1 << 20)) }
    }

    @Test func aCorpusOfEmptyHugeAndTraditionalFilesIsListedAndRead() throws {
        let folder = TemporaryFolder()
        folder.write("空.txt", "")
        let huge = String(repeating: Self.text, count: 40_000)  // about 8 MB
        folder.write("大/巨大.md", huge)
        folder.write("繁體/資訊.txt", bytes: [0xFF, 0xFE] + Self.utf16(Self.text, littleEndian: true))
        let files = try CorpusScanner.scan(folder.path)
        #expect(files.map(\.path) == ["大/巨大.md", "空.txt", "繁體/資訊.txt"])
        #expect(files.map(\.size) == [Int64(huge.utf8.count), 0, Int64(2 + 2 * Self.text.utf16.count)])
        let texts = try files.map { try DocumentExtractor.extract(FileReader.bytes(of: $0, in: folder.path), of: $0, in: folder.path).text }
        #expect(texts == [huge, "", Self.text])
    }
}
