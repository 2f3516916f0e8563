import Foundation
import Testing

@testable import PolicyAnalysis

@Suite("PDF text repair")
struct PDFTextRepairTests {
    /// Three pages as pdftotext writes them: a running head, a page number, a
    /// paragraph wrapped in mid-phrase across lines and across a page break,
    /// headings, and a space where the font changes around digits.
    static let raw = [
        "某某市人民政府文件\n关于推进大数据发展的实施意见\n一、总体要求\n（一）指导思想\n坚持以数据为核心，加快推进政务数据共享开放，全面积极推动大数据\n交易平台建设，到 2020 年建成全省统一的数据共享交换平台体系，\n全面提升政府治理能力。\n- 1 -\n",
        "某某市人民政府文件\n（二）基本原则\n统筹规划、分步实施，坚持需求导向和问题导向，突出重点领域应用，\n强化数据安全保障，建立健全数据安全管理制度和安全防护技术体系，\n\n- 2 -\n",
        "某某市人民政府文件\n防止数据泄露。\n二、重点任务\n1. 建设数据交易平台\n第 3 页\n",
    ].joined(separator: "\u{0C}") + "\u{0C}"

    @Test("wrapped lines are joined without spaces; headings stay on their own lines")
    func wrappedLinesAreJoined() {
        let result = PDFTextRepair.repair(Self.raw)
        let lines = result.text.split(separator: "\n").map(String.init)
        #expect(lines == [
            "关于推进大数据发展的实施意见",
            "一、总体要求",
            "（一）指导思想",
            "坚持以数据为核心，加快推进政务数据共享开放，全面积极推动大数据交易平台建设，到2020年建成全省统一的数据共享交换平台体系，全面提升政府治理能力。",
            "（二）基本原则",
            "统筹规划、分步实施，坚持需求导向和问题导向，突出重点领域应用，强化数据安全保障，建立健全数据安全管理制度和安全防护技术体系，防止数据泄露。",
            "二、重点任务",
            "1. 建设数据交易平台",
        ])
        // Page 1 starts on line 1, page 2 on the line of （二）; page 3 on the first line that starts
        // there (二、): the paragraph continued from page 2 is on the page it starts on.
        #expect(result.pageStarts == [1, 5, 7])
    }

    @Test("a running head repeated on every page and page numbers are dropped")
    func runningHeadsAreDropped() {
        let text = PDFTextRepair.repair(Self.raw).text
        #expect(!text.contains("某某市人民政府文件"))
        #expect(!text.contains("- 1 -") && !text.contains("第 3 页") && !text.contains("第3页"))
    }

    @Test("page numbers in their usual forms", arguments: ["3", "- 3 -", "— 3 —", "第3页", "第 3 页 共 9 页", "3/9", "Page 3", "－3－"])
    func pageNumbers(line: String) {
        #expect(PDFTextRepair.isPageNumber(Array(line.unicodeScalars), multiPage: true))
    }

    @Test("lines that are not page numbers", arguments: ["一、总体要求", "2020年", "1. 建设", "第3条", "3.5"])
    func notPageNumbers(line: String) {
        #expect(!PDFTextRepair.isPageNumber(Array(line.unicodeScalars), multiPage: true))
    }

    @Test("a single page keeps a lone number, which may be content")
    func singlePageNumber() {
        #expect(!PDFTextRepair.isPageNumber(Array("3".unicodeScalars), multiPage: false))
        #expect(PDFTextRepair.isPageNumber(Array("- 3 -".unicodeScalars), multiPage: false))
    }

    @Test("the space pdftotext puts between Chinese and Latin text goes; other spaces stay")
    func spacing() {
        let fixed = PDFTextRepair.fixSpacing(Array("到 2020 年建成 big data 平台 5G 网络".unicodeScalars))
        #expect(String(String.UnicodeScalarView(fixed)) == "到2020年建成big data平台5G网络")
    }

    @Test("short lines are paragraphs: a title over two lines is not joined")
    func shortLinesStay() {
        let raw = "国务院关于印发国家职业教育改革\n实施方案的通知\n" + String(repeating: "职业教育", count: 10) + "\n接下来。\n\u{0C}"
        let lines = PDFTextRepair.repair(raw).text.split(separator: "\n")
        #expect(lines.first == "国务院关于印发国家职业教育改革")
        #expect(lines.count == 3)
    }

    @Test("Latin words joined across a wrap keep a space")
    func latinWordsKeepASpace() {
        let long = String(repeating: "数据", count: 18) + " big"
        let result = PDFTextRepair.repair(long + "\ndata 平台。\n" + String(repeating: "数", count: 38) + "\n")
        #expect(result.text.hasPrefix(String(repeating: "数据", count: 18) + "big data平台。\n"))
    }
}
