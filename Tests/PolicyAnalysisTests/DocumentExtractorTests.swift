import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis

/// Programs some tests need; the tests skip, saying so, when they are absent.
enum Helpers {
    static var soffice: String? { LegacyOfficeConverter.soffice }
    static var hasPDFTools: Bool { PDFExtractor.isAvailable && soffice != nil }

    /// Converts files with LibreOffice (headless, a private profile), all in one run.
    static func convert(_ files: [String], to format: String, in folder: TemporaryFolder) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: try #require(soffice))
        process.arguments = ["-env:UserInstallation=file://" + folder.path + "/profile", "--headless", "--convert-to", format,
                             "--outdir", folder.path] + files
        process.environment = ["HOME": folder.path, "PATH": "/usr/bin:/bin"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
    }
}

@Suite("Document extraction")
struct DocumentExtractorTests {
    // MARK: Word

    @Test("DOCX: paragraphs, list numbers written out, heading styles as Markdown headings, deletions left out")
    func docx() throws {
        let fixture = DOCXFixture(paragraphs: [
            .init(text: "数据管理办法", style: "Title"),
            .init(text: "总则", style: "1"),
            .init(text: "为了规范数据管理，制定本办法。", numbering: (1, 0), deleted: "已删除的文字"),
            .init(text: "本办法适用于本市。", numbering: (1, 0)),
            .init(text: "数据交易", style: "ZhengWenBiaoTi"),
            .init(text: "总体要求", numbering: (2, 0)),
            .init(text: "指导思想", numbering: (2, 1)),
            .init(text: "附则", outlineLevel: 0),
            .init(text: "本办法自发布之日起施行。"),
        ])
        let extracted = try DocumentExtractor.extract(try fixture.bytes(), path: "/corpus/办法.docx")
        #expect(extracted.encoding == "DOCX")
        #expect(extracted.text.split(separator: "\n").map(String.init) == [
            "# 数据管理办法", "## 总则", "第一条为了规范数据管理，制定本办法。", "第二条本办法适用于本市。", "### 数据交易",
            "一、总体要求", "（一）指导思想", "## 附则", "本办法自发布之日起施行。",
        ])
        let parsed = PassageSplitter().parse(extracted.text, fallbackTitle: "办法")
        #expect(parsed.title == "数据管理办法")
        let sections = parsed.passages.map { parsed.section(of: $0) }
        #expect(sections[3] == "总则 > 第二条")
        #expect(sections[6] == "总则 > 数据交易 > 一、总体要求 > （一）指导思想")
        #expect(sections[7] == "附则")
    }

    @Test("DOCX: a first heading that is the title is the title, not the root of every section path")
    func docxTitleHeading() throws {
        let fixture = DOCXFixture(paragraphs: [
            .init(text: "国发〔2024〕5号"),
            .init(text: "数据交易管理办法", style: "1"),
            .init(text: "目 录", style: "2"),
            .init(text: "一、总体要求........3"),
            .init(text: "一、总体要求", style: "1"),
            .init(text: "为了规范数据交易，制定本办法。"),
            .init(text: "（一）指导思想", style: "2"),
            .init(text: "坚持统筹规划。"),
        ])
        let extracted = try DocumentExtractor.extract(try fixture.bytes(), path: "/corpus/办法.docx")
        #expect(extracted.text.split(separator: "\n").map(String.init) == [
            "国发〔2024〕5号", "# 数据交易管理办法", "### 目 录", "一、总体要求........3", "## 一、总体要求", "为了规范数据交易，制定本办法。",
            "### （一）指导思想", "坚持统筹规划。",
        ])
        let parsed = PassageSplitter().parse(extracted.text, fallbackTitle: "办法")
        #expect(parsed.title == "数据交易管理办法")
        #expect(parsed.passageSections == ["", "", "目 录", "目 录", "一、总体要求", "一、总体要求", "一、总体要求 > （一）指导思想",
                                           "一、总体要求 > （一）指导思想"])
        // The same text written as Markdown has the same sections.
        let markdown = "国发〔2024〕5号\n# 数据交易管理办法\n## 目 录\n一、总体要求........3\n# 一、总体要求\n为了规范数据交易，制定本办法。\n## （一）指导思想\n坚持统筹规划。\n"
        #expect(PassageSplitter().parse(markdown, fallbackTitle: "办法").passageSections == parsed.passageSections)

        // A first heading that names a part of a document, or is numbered, or sits below a
        // higher heading, is no title.
        for paragraphs: [DOCXFixture.Paragraph] in [
            [.init(text: "前  言", style: "1"), .init(text: "正文。")],
            [.init(text: "一、总体要求", style: "1"), .init(text: "正文。")],
            [.init(text: "背景", style: "2"), .init(text: "正文。"), .init(text: "附则", style: "1")],
        ] {
            let text = try DocumentExtractor.extract(try DOCXFixture(paragraphs: paragraphs).bytes(), path: "a.docx").text
            #expect(!text.hasPrefix("# "), "\(text)")
        }
    }

    @Test("a damaged zip, a zip that is not a Word document, and text named .docx each say what they are")
    func brokenDOCX() throws {
        let bytes = try DOCXFixture(paragraphs: [.init(text: "数据")]).bytes()
        #expect(throws: ExtractionError.self) { try DocumentExtractor.extract(Array(bytes.prefix(bytes.count / 2)), path: "a.docx") }
        do {
            _ = try DocumentExtractor.extract(Array(bytes.prefix(bytes.count / 2)), path: "a.docx")
        } catch let error as ExtractionError {
            #expect(error.reason.hasPrefix("is a damaged"))
        }
        #expect(throws: ExtractionError("is not a Word document (.docx) (it is text): a wrong extension or a damaged file")) {
            try DocumentExtractor.extract(Array("数据交易平台\n".utf8), path: "a.docx")
        }
    }

    @Test("a Word document named .txt is read as one, with a warning")
    func wrongExtension() throws {
        let bytes = try DOCXFixture(paragraphs: [.init(text: "数据交易")]).bytes()
        let extracted = try DocumentExtractor.extract(bytes, path: "notes.txt")
        #expect(extracted.text == "数据交易\n")
        #expect(extracted.warnings == ["named .txt but is a Word document (.docx): read as such"])
    }

    // MARK: HTML

    static let page = """
        <!DOCTYPE html>
        <html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
        <title>关于推进数据交易的通知_政府信息公开专栏</title>
        <style>p { color: red }</style><script>var nav = "<p>不是正文</p>";</script></head>
        <body><div class="header"><a href="/">首页</a> <a href="/zc">政策</a></div>
        <div id="nav"><ul><li><a href="/1">机构</a></li><li><a href="/2">新闻</a></li><li><a href="/3">服务</a></li></ul></div>
        <div class="bread">当前位置：<a href="/">首页</a> &gt; <a href="/zc">政策</a></div>
        <div class="main"><h1>关于推进数据交易的通知</h1>
        <div class="TRS_Editor"><p>&nbsp;&nbsp;各区人民政府：</p>
        <h2>一、总体要求</h2>
        <p>推动大数据
        交易平台建设&mdash;&mdash;&ldquo;数据&rdquo;&amp;交易，<span>到2020年</span>建成平台。</p>
        <p>数据&#20132;&#x6613;规则<br>另起一行</p>
        <table><tr><td>序号</td><td>任务</td></tr><tr><td>1</td><td>数据交易</td></tr></table>
        </div></div>
        <div class="footer">版权所有：某某市人民政府 网站标识码 1234</div>
        </body></html>
        """

    static let pageText = """
        # 关于推进数据交易的通知
        各区人民政府：
        ## 一、总体要求
        推动大数据交易平台建设——“数据”&交易，到2020年建成平台。
        数据交易规则
        另起一行
        序号\t任务
        1\t数据交易

        """

    @Test("HTML: the main text, without navigation, scripts, styles or footer; entities decoded")
    func html() throws {
        let extracted = try DocumentExtractor.extract(Array(Self.page.utf8), path: "notice.html")
        // Declared GB2312, but the bytes are UTF-8: detected, with a warning.
        #expect(extracted.encoding == "HTML (UTF-8)")
        #expect(extracted.warnings.count == 1)
        #expect(extracted.text.replacingOccurrences(of: "\n\n", with: "\n") == Self.pageText.replacingOccurrences(of: "\n\n", with: "\n") + "")
        #expect(extracted.title == "关于推进数据交易的通知")
        let parsed = PassageSplitter().parse(extracted.text, fallbackTitle: "notice")
        #expect(parsed.title == "关于推进数据交易的通知")
        #expect(parsed.passages.map { parsed.section(of: $0) }.contains("一、总体要求"))
    }

    @Test("HTML: a title in <h2> or <h3> is the title, not the root of every section path; numbered headings keep their level")
    func htmlTitleHeading() throws {
        for element in ["h2", "h3"] {
            let page = """
                <html><head><title>关于推进数据交易的通知_门户网站</title></head><body>
                <div class="article"><\(element) class="title">关于推进数据交易的通知</\(element)>
                <p>各区人民政府：</p><h4>一、总体要求</h4><p>推动平台建设。</p><h4>二、主要任务</h4><p>建设平台。</p></div>
                </body></html>
                """
            let extracted = try DocumentExtractor.extract(Array(page.utf8), path: "notice.html")
            #expect(extracted.text.split(separator: "\n").map(String.init) == [
                "# 关于推进数据交易的通知", "各区人民政府：", "#### 一、总体要求", "推动平台建设。", "#### 二、主要任务", "建设平台。",
            ])
            let parsed = PassageSplitter().parse(extracted.text, fallbackTitle: "notice")
            #expect(parsed.title == "关于推进数据交易的通知")
            #expect(parsed.passageSections == ["", "", "一、总体要求", "一、总体要求", "二、主要任务", "二、主要任务"])
            let text = "# 关于推进数据交易的通知\n各区人民政府：\n一、总体要求\n推动平台建设。\n二、主要任务\n建设平台。\n"
            #expect(PassageSplitter().parse(text, fallbackTitle: "notice").passageSections == parsed.passageSections)
        }
    }

    @Test("HTML in GB2312 as its meta tag says", .enabled(if: Iconv.isAvailable, "iconv is not installed: skipped"))
    func htmlInGB2312() throws {
        let bytes = try Iconv.convert(Array(Self.page.utf8), from: "UTF-8", to: "GB18030")
        let extracted = try DocumentExtractor.extract(bytes, path: "notice.htm")
        #expect(extracted.encoding == "HTML (GB18030)")
        #expect(extracted.warnings.isEmpty)
        #expect(extracted.text.contains("推动大数据交易平台建设——“数据”&交易，到2020年建成平台。"))
        #expect(!extracted.text.contains("首页") && !extracted.text.contains("版权所有") && !extracted.text.contains("不是正文"))
    }

    @Test("entities: named, decimal, hexadecimal; unknown ones and bare ampersands stay")
    func entities() {
        #expect(MarkupScanner.decodeEntities("&lt;a&gt; &#20013;&#x6587; &ldquo;x&rdquo; &nbsp AT&T &bogus; &".unicodeScalars)
            == "<a> 中文 “x” \u{00A0} AT&T &bogus; &")
    }

    // MARK: PDF

    @Test("a PDF without a text layer is reported as a scan, not indexed as empty", .enabled(if: PDFExtractor.isAvailable, "pdftotext (poppler-utils) is not installed: skipped"))
    func scannedPDF() throws {
        let folder = TemporaryFolder()
        let path = folder.write("scan.pdf", bytes: PDFFixtures.withoutText)
        #expect(throws: ExtractionError("is a PDF with no text layer (1 page of images: a scan?); it needs OCR, which policy-search does not do")) {
            try DocumentExtractor.extract(PDFFixtures.withoutText, path: path)
        }
    }

    /// A Word document of several pages with a running head and page numbers,
    /// made a PDF by LibreOffice, read back by pdftotext.
    @Test("a real PDF: running head and page numbers dropped, wrapped lines joined, pages kept; broken PDFs named",
          .enabled(if: Helpers.hasPDFTools, "pdftotext or LibreOffice is not installed: skipped"))
    func realPDF() throws {
        let folder = TemporaryFolder()
        let sentence = "推进政务数据共享开放，加快数据交易平台建设，完善数据安全保障体系，提升数据治理能力和公共服务水平。"
        var paragraphs: [DOCXFixture.Paragraph] = [.init(text: "某某市数据发展规划")]
        for chapter in ["一、总体要求", "二、重点任务", "三、保障措施"] {
            paragraphs.append(.init(text: chapter))
            for number in 1...6 {
                paragraphs.append(.init(text: "（\(DOCXExtractor.Numbering.chinese(number))）任务\(number)"))
                paragraphs.append(.init(text: String(repeating: sentence, count: 10)))
            }
        }
        let docx = DOCXFixture(paragraphs: paragraphs, header: "某某市人民政府办公厅文件", pageNumberFooter: true)
        folder.write("plan.docx", bytes: try docx.bytes())
        try Helpers.convert([folder.file("plan.docx")], to: "pdf", in: folder)
        let pdf = try FileReader.bytes(atPath: folder.file("plan.pdf"))
        let extracted = try DocumentExtractor.extract(pdf, path: folder.file("plan.pdf"))
        #expect(extracted.encoding == "PDF")
        #expect(extracted.pageStarts.count >= 3, "\(extracted.pageStarts)")
        #expect(!extracted.text.contains("某某市人民政府办公厅文件"))
        let lines = extracted.text.split(separator: "\n").map(String.init)
        #expect(!lines.contains { $0.hasPrefix("-") && $0.hasSuffix("-") }, "page numbers left: \(lines)")
        // Every paragraph comes back whole: the wrapped sentences are joined.
        let docxText = try DocumentExtractor.extract(try docx.bytes(), path: "plan.docx").text
        #expect(lines == docxText.split(separator: "\n").map(String.init))
        // Headings stay on their lines: the same section paths as the Word document.
        let fromPDF = PassageSplitter().parse(extracted.text, fallbackTitle: "plan")
        #expect(fromPDF.sections.count == 21)

        // Cut short: named as truncated.
        let cut = folder.write("cut.pdf", bytes: Array(pdf.prefix(pdf.count / 3)))
        #expect(throws: ExtractionError.self) { try DocumentExtractor.extract(Array(pdf.prefix(pdf.count / 3)), path: cut) }
        do { _ = try DocumentExtractor.extract(Array(pdf.prefix(pdf.count / 3)), path: cut) } catch let error as ExtractionError {
            #expect(error.reason.hasPrefix("is a truncated or damaged PDF"), "\(error.reason)")
        }
        // A PDF named .txt is read as a PDF.
        let misnamed = folder.write("plan-pdf.txt", bytes: pdf)
        let read = try DocumentExtractor.extract(pdf, path: misnamed)
        #expect(read.warnings.first == "named .txt but is a PDF: read as such")
        #expect(read.text == extracted.text)
    }

    @Test("a password-protected PDF is named as such", .enabled(if: Helpers.hasPDFTools, "pdftotext or LibreOffice is not installed: skipped"))
    func passwordProtectedPDF() throws {
        let folder = TemporaryFolder()
        folder.write("secret.txt", "机密文件\n")
        try Helpers.convert([folder.file("secret.txt")],
                            to: #"pdf:writer_pdf_Export:{"EncryptFile":{"type":"boolean","value":"true"},"DocumentOpenPassword":{"type":"string","value":"secret"}}"#,
                            in: folder)
        let path = folder.file("secret.pdf")
        #expect(throws: ExtractionError("is a password-protected PDF: pdftotext cannot open it without the password (save an unprotected copy)")) {
            try DocumentExtractor.extract(try FileReader.bytes(atPath: path), path: path)
        }
    }
}

extension ExtractionError: Equatable {
    public static func == (a: ExtractionError, b: ExtractionError) -> Bool { a.reason == b.reason }
}
