import Foundation
import Testing

@testable import PolicySearch

/// JSON lines read back as what was written, whatever the text holds.
@Suite struct JSONLineTests {
    @Test func textsWithQuotesControlsAndChineseReadBack() throws {
        let texts = ["数据交易", "“互联网+”政务服务", "say \"hi\"", "a\\b", "line\nbreak\r\ttab", "\u{01}\u{1F}",
                     "", "𠀀 𝐀 😀", "全角ＡＢＣ１２３", "國發〔2015〕50號", String(repeating: "長", count: 5_000)]
        var object = JSONLine()
        for (i, text) in texts.enumerated() { object.field("t\(i)", text) }
        object.field("n", 42)
        object.field("none", nil as Int?)
        object.field("x", 1.5)
        object.field("list", texts)
        object.field("raw", json: "[1,2]")
        let line = object.line
        #expect(!line.contains("\n"))
        let read = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        for (i, text) in texts.enumerated() { #expect(read["t\(i)"] as? String == text) }
        #expect(read["n"] as? Int == 42)
        #expect(read["none"] is NSNull)
        #expect(read["x"] as? Double == 1.5)
        #expect(read["list"] as? [String] == texts)
        #expect(read["raw"] as? [Int] == [1, 2])
        // Fields in the order given.
        #expect(line.hasPrefix("{\"t0\":\"数据交易\",\"t1\":"))
        #expect(JSONLine().line == "{}")
    }
}
