import Foundation
import Testing
@testable import PolicyAnalysis

/// The system's iconv, to produce legacy encodings independently of ICU.
enum Iconv {
    static let path: String? = ["/usr/bin/iconv", "/bin/iconv", "/usr/local/bin/iconv"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    static var isAvailable: Bool { path != nil }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// Converts `bytes` with iconv; `omitInvalid` passes -c (characters the
    /// target cannot represent are left out).
    static func convert(_ bytes: [UInt8], from: String, to: String, omitInvalid: Bool = false) throws -> [UInt8] {
        guard let path else { throw Failure(description: "iconv is not installed") }
        // Input through a file, so that a large output cannot block on a full pipe.
        let input = NSTemporaryDirectory() + "/iconv-input-\(UUID().uuidString)"
        guard FileManager.default.createFile(atPath: input, contents: Data(bytes)) else {
            throw Failure(description: "cannot write \(input)")
        }
        defer { try? FileManager.default.removeItem(atPath: input) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: path)
        process.arguments = (omitInvalid ? ["-c"] : []) + ["-f", from, "-t", to, input]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 || omitInvalid else {
            throw Failure(description: "iconv -f \(from) -t \(to) failed with status \(process.terminationStatus)")
        }
        return [UInt8](data)
    }

    static func convert(_ text: String, to: String) throws -> [UInt8] {
        try convert(Array(text.utf8), from: "UTF-8", to: to)
    }
}

private func utf16(_ text: String, bigEndian: Bool) -> [UInt8] {
    text.utf16.flatMap { unit -> [UInt8] in
        let high = UInt8(unit >> 8), low = UInt8(unit & 0xFF)
        return bigEndian ? [high, low] : [low, high]
    }
}

@Suite("TextDecoder")
struct TextDecoderTests {
    // MARK: UTF-8

    @Test("UTF-8 without a byte order mark")
    func utf8() throws {
        let text = "数据交易管理办法\n第一条 ＡＢＣ abc 123。\n"
        let decoded = try TextDecoder.decode(Array(text.utf8))
        #expect(decoded.text == text)
        #expect(decoded.encoding == "UTF-8")
        #expect(decoded.warning == nil)
    }

    @Test("UTF-8 with a byte order mark: the mark is not part of the text")
    func utf8WithBOM() throws {
        let text = "数据交易管理办法\n"
        let decoded = try TextDecoder.decode([0xEF, 0xBB, 0xBF] + Array(text.utf8))
        #expect(decoded.text == text)
        #expect(decoded.text.unicodeScalars.first == "数")
        #expect(decoded.encoding == "UTF-8")
        #expect(decoded.warning == nil)
        // A file that is only the mark is empty text.
        #expect(try TextDecoder.decode([0xEF, 0xBB, 0xBF]).text == "")
    }

    @Test("an empty file is empty UTF-8 text")
    func empty() throws {
        let decoded = try TextDecoder.decode([])
        #expect(decoded.text == "")
        #expect(decoded.encoding == "UTF-8")
        #expect(decoded.warning == nil)
    }

    @Test("UTF-8 with one malformed byte is decoded with a replacement warning")
    func malformedUTF8() throws {
        let bytes = Array("政策文件。\n".utf8) + [0xFF] + Array("数据交易。\n".utf8)
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == "UTF-8")
        #expect(decoded.text == "政策文件。\n\u{FFFD}数据交易。\n")
        let warning = try #require(decoded.warning)
        #expect(warning.contains("1 malformed"))
        #expect(warning.contains("U+FFFD"))
    }

    @Test("UTF-8 with a byte order mark and a few malformed bytes is decoded with a warning; with many it is refused")
    func malformedUTF8WithBOM() throws {
        let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
        let few = try TextDecoder.decode(bom + Array("数据".utf8) + [0xC3] + Array("交易".utf8) + [0xFF])
        #expect(few.encoding == "UTF-8")
        #expect(few.text == "数据\u{FFFD}交易\u{FFFD}")
        #expect(few.warning?.contains("2 malformed UTF-8 sequences") == true)

        var many = bom
        for _ in 0..<(TextDecoder.tolerableUTF8Errors + 1) { many += Array("数据".utf8) + [0xFF] }
        #expect(throws: TextDecodingError.self) { try TextDecoder.decode(many) }
    }

    @Test("a UTF-8 file cut in the middle of its last character is still UTF-8")
    func truncatedUTF8() throws {
        // The type's documentation: "a file cut in the middle of a character is
        // still UTF-8". Here the text before the cut is pure Chinese with an even
        // number of UTF-8 bytes, so the bytes also happen to be well-formed
        // GB18030, and the decoder tries GB18030 before it tolerates the error.
        let bytes = Array("数据交易管理办法\n数据安全".utf8) + [0xE6, 0x95]  // 数 is E6 95 B0
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == "UTF-8")
        #expect(decoded.text == "数据交易管理办法\n数据安全\u{FFFD}")
        #expect(decoded.warning != nil)
        // When the bytes are not GB18030 (here a line with an odd byte count), the cut file is UTF-8.
        let odd = try TextDecoder.decode(Array("数据交易。\n数据安全".utf8) + [0xE6, 0x95])
        #expect(odd.encoding == "UTF-8")
        #expect(odd.text == "数据交易。\n数据安全\u{FFFD}")
        #expect(odd.warning?.contains("1 malformed") == true)
    }

    // MARK: Binary

    @Test("bytes with NUL in them that are not text are refused as binary")
    func binary() {
        // The start of a PNG file.
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52,
                            0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x01, 0x00, 0x08, 0x06, 0x00, 0x00, 0x00, 0x5C, 0x72, 0xA8]
        do {
            _ = try TextDecoder.decode(png)
            Issue.record("binary bytes were decoded as text")
        } catch let error as TextDecodingError {
            #expect(error.description.contains("binary"))
            #expect(error.reason.contains("NUL"))
        } catch {
            Issue.record("unexpected error \(error)")
        }
    }

    @Test("bytes with NUL in them are refused as binary even when they are well-formed UTF-8")
    func binaryWellFormed() {
        // ASCII and NUL only (a zero-filled file, a tar header, UTF-16 without a
        // byte order mark) is well-formed UTF-8, and the NUL check only runs for
        // bytes that are not.
        let bytes = Array("数据\n".utf8) + [0x00, 0x00, 0x00, 0x00] + Array("abc".utf8)
        #expect(throws: TextDecodingError.self) { try TextDecoder.decode(bytes) }
        #expect(throws: TextDecodingError.self) { try TextDecoder.decode([UInt8](repeating: 0, count: 64)) }
    }

    // MARK: UTF-16

    @Test("UTF-16LE and UTF-16BE with a byte order mark")
    func utf16WithBOM() throws {
        let text = "数据交易\nＡＢＣ abc \u{20BB7}野家\n"
        let little = try TextDecoder.decode([0xFF, 0xFE] + utf16(text, bigEndian: false))
        #expect(little.text == text)
        #expect(little.encoding == "UTF-16LE")
        #expect(little.warning == nil)
        let big = try TextDecoder.decode([0xFE, 0xFF] + utf16(text, bigEndian: true))
        #expect(big.text == text)
        #expect(big.encoding == "UTF-16BE")
    }

    @Test("UTF-16 with a byte order mark and an odd number of bytes is refused")
    func utf16Truncated() {
        let bytes: [UInt8] = [0xFF, 0xFE] + utf16("数据", bigEndian: false) + [0x70]
        #expect(throws: TextDecodingError.self) { try TextDecoder.decode(bytes) }
    }

    // MARK: Legacy Chinese encodings

    @Test("GB18030 bytes of 数据交易 decode to the same text")
    func gb18030Literal() throws {
        // 数 CA FD, 据 BE DD, 交 BD BB, 易 D2 D7 (checked with iconv -t GB18030).
        let bytes: [UInt8] = [0xCA, 0xFD, 0xBE, 0xDD, 0xBD, 0xBB, 0xD2, 0xD7]
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.text == "数据交易")
        #expect(decoded.encoding == "GB18030")
        #expect(decoded.warning == nil)
    }

    @Test("GB18030 produced by iconv decodes to the same text", .enabled(if: Iconv.isAvailable, "iconv is not installed"))
    func gb18030Iconv() throws {
        let text = """
        国务院办公厅关于推进数据交易市场建设的指导意见
        一、总体要求
        （一）指导思想。加快培育数据要素市场，健全数据交易规则，提升数据安全保障能力。
        （二）主要目标。到2025年，初步建成统一规范、互联互通、安全可控的数据交易体系。
        """
        let bytes = try Iconv.convert(text, to: "GB18030")
        #expect(bytes.count < Array(text.utf8).count)
        #expect(try Iconv.convert("数据交易", to: "GB18030") == [0xCA, 0xFD, 0xBE, 0xDD, 0xBD, 0xBB, 0xD2, 0xD7])
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == "GB18030")
        #expect(decoded.text == text)
    }

    @Test("a Big5 paragraph decodes as Big5", .enabled(if: Iconv.isAvailable, "iconv is not installed"))
    func big5Paragraph() throws {
        let text = "本市推動數據交易市場建設，鼓勵企業開放數據資源，完善數據安全管理制度，提高政府服務效率。各區應當加強組織領導，落實工作責任，確保各項措施取得實效。"
        let bytes = try Iconv.convert(text, to: "BIG5")
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == "Big5")
        #expect(decoded.text == text)
    }

    @Test("the Big5 bytes of 數據交易 decode to 數據交易", .enabled(if: Iconv.isAvailable, "iconv is not installed"))
    func big5Short() throws {
        let bytes = try Iconv.convert("數據交易", to: "BIG5")
        #expect(bytes == [0xBC, 0xC6, 0xBE, 0xDA, 0xA5, 0xE6, 0xA9, 0xF6])
        let decoded = try TextDecoder.decode(bytes)
        // Big5 bytes are also well-formed GB18030; on 8 bytes ICU's detector
        // has no statistics to go by, and GB18030 wins: 计沮ユ.
        withKnownIssue("short Big5 text is decoded as GB18030 mojibake") {
            #expect(decoded.text == "數據交易")
        }
    }

    @Test("bytes that are no known encoding are refused")
    func undecodable() {
        // Many bytes that are neither UTF-8 nor GB18030 (0xFF is no GB18030 lead byte).
        let bytes = [UInt8](repeating: 0xFF, count: 64)
        #expect(throws: TextDecodingError.self) { try TextDecoder.decode(bytes) }
    }
}

@Suite("TextDecoder: NULs and UTF-16 without a byte order mark")
struct TextDecoderNULTests {
    static let text = "第一条　为了规范数据交易，制定本办法。\n數據交易 ABC 123 国发〔2015〕50号\n"

    @Test(arguments: [true, false]) func utf16WithoutAMarkIsDecoded(littleEndian: Bool) throws {
        let units = Array(Self.text.utf16)
        let bytes = units.flatMap { littleEndian ? [UInt8($0 & 0xFF), UInt8($0 >> 8)] : [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.text == Self.text)
        #expect(decoded.encoding == (littleEndian ? "UTF-16LE" : "UTF-16BE"))
    }

    /// A stray NUL in otherwise valid UTF-8 text is dropped with a warning,
    /// not the whole document.
    @Test func aStrayNULInUTF8TextIsDropped() throws {
        var bytes = Array(Self.text.utf8)
        bytes.insert(0, at: 20)
        let decoded = try TextDecoder.decode(bytes)
        #expect(decoded.encoding == "UTF-8")
        #expect(decoded.text == Self.text)
        #expect(decoded.warning == "1 NUL byte dropped")
    }

    @Test func aFileOfManyNULsIsBinary() {
        var bytes = [UInt8](repeating: 0, count: 4096)
        for index in stride(from: 0, to: bytes.count, by: 3) { bytes[index] = 0x41 &+ UInt8(index % 7) }
        #expect(throws: TextDecodingError.self) { try TextDecoder.decode(bytes) }
    }
}

