import Foundation
import TestSupport
import Testing
import ZIPFoundation

@testable import PolicySearch

/// Workbooks of several sheets: every sheet a part of its own; a sheet longer
/// than Excel opens goes on in continuation sheets, each with the header;
/// marked stretches are bold runs.
@Suite struct XLSXWriterTests {
    let folder = TemporaryFolder()

    func part(_ archive: Archive, _ name: String) throws -> String {
        var data = Data()
        _ = try archive.extract(try #require(archive[name])) { data.append($0) }
        return String(decoding: data, as: UTF8.self)
    }

    @Test func aLongSheetGoesOnInContinuationSheets() throws {
        var rows = (1...5).map { ["行\($0)"] }.makeIterator()
        var short = [["x"]].makeIterator()
        let path = folder.file("book.xlsx")
        let counts = try XLSXWriter.write(sheets: [XLSXSheet(name: "summary", columns: ["a"], rows: { short.next() }),
                                                   XLSXSheet(name: "evidence", columns: ["text"], rows: { rows.next() })],
                                          to: path, name: "book.xlsx", rowsPerSheet: 2)
        #expect(counts == [1, 5])
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        let workbook = try part(archive, "xl/workbook.xml")
        #expect(workbook.contains(#"<sheet name="summary" sheetId="1" r:id="rId1"/><sheet name="evidence" sheetId="2" r:id="rId2"/><sheet name="evidence (2)" sheetId="3" r:id="rId3"/><sheet name="evidence (3)" sheetId="4" r:id="rId4"/>"#))
        for (number, expected) in [(2, ["行1", "行2"]), (3, ["行3", "行4"]), (4, ["行5"])] {
            let sheet = try part(archive, "xl/worksheets/sheet\(number).xml")
            #expect(sheet.contains(">text<"), "each part has the header")
            for text in expected { #expect(sheet.contains(">\(text)<")) }
            #expect(sheet.components(separatedBy: "<row ").count - 1 == expected.count + 1)
        }
        #expect(try part(archive, "[Content_Types].xml").contains("/xl/worksheets/sheet4.xml"))
    }

    @Test func markedStretchesAreBoldRunsAndTextIsEscaped() {
        #expect(XLSXWriter.runs("数据交易<所>", marking: [2..<4]) ==
            #"<r><t xml:space="preserve">数据</t></r><r><rPr><b/><color rgb="FFC00000"/></rPr><t xml:space="preserve">交易</t></r><r><t xml:space="preserve">&lt;所&gt;</t></r>"#)
        #expect(XLSXWriter.escape("甲\u{1}乙\u{FFFE}&\t") == "甲乙&amp;\t")
        #expect(XLSXWriter.escape("工业大数据") == "工业大数据")
        #expect(XLSXWriter.sheetName("a/b:c") == "a_b_c")
    }
}
