import Testing

@testable import PolicySearch

/// The byte-level CSV/TSV writer against the rules written out plainly:
/// neutralize (a leading ' before =, +, -, @ unless the cell is a number; also
/// before a leading tab or CR), then quote when the delimiter, a quote or a
/// line end occurs, doubling quotes.
@Suite struct DelimitedWriterTests {
    static func expected(_ fields: [String], delimiter: Character) -> String {
        fields.map { field -> String in
            var cell = field
            // By scalars: "\r\n" is one Character, which neither hasPrefix("\r") nor contains("\n") sees.
            let scalars = cell.unicodeScalars
            let first = scalars.first { !" \t\r\n".unicodeScalars.contains($0) }
            if let first, "=+-@".unicodeScalars.contains(first) || scalars.first == "\t" || scalars.first == "\r",
                Double(cell) == nil
            {
                cell = "'" + cell
            }
            if cell.unicodeScalars.contains(where: { $0 == delimiter.unicodeScalars.first! || "\"\n\r".unicodeScalars.contains($0) }) {
                cell = "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\""
            }
            return cell
        }.joined(separator: String(delimiter)) + "\r\n"
    }

    @Test func rowsAreWrittenAsTheRulesSayOnRandomFields() {
        let pieces = ["数据交易", "第十二条", "=SUM(A1)", "+86", "-1.5", "-试点", "@x", " =1", "\t起", "\r", "a,b", "a\tb",
                      "\"引\"", "一\n二", "\r\n", "", " ", "Ｂ２Ｂ", "國發〔2015〕50號", "1e5", "-", "''", "🀄"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3_000 {
            let fields = (0..<Int.random(in: 0...6, using: &generator)).map { _ in
                (0..<Int.random(in: 0...3, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            }
            #expect(DelimitedWriter.csv.line(fields) == Self.expected(fields, delimiter: ","), "\(fields)")
            #expect(DelimitedWriter.tsv.line(fields) == Self.expected(fields, delimiter: "\t"), "\(fields)")
        }
    }

    @Test func appendingRowsToOneBufferGivesTheLinesInTurn() {
        var bytes: [UInt8] = []
        DelimitedWriter.csv.append(["rank", "text"], to: &bytes)
        DelimitedWriter.csv.append(["1", "=HYPERLINK(\"http://x\")"], to: &bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == "rank,text\r\n1,\"'=HYPERLINK(\"\"http://x\"\")\"\r\n")
        #expect(SpreadsheetSafety.neutralized("-1.5") == "-1.5")
        #expect(SpreadsheetSafety.neutralized("-试点") == "'-试点")
    }
}
