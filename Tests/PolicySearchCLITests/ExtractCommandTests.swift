import Foundation
import TestSupport
import Testing

/// `policy-search extract`, and a corpus of PDFs, Word files and web pages,
/// broken ones among them, indexed and searched through the CLI.
@Suite struct ExtractCommandTests {
    let folder = TemporaryFolder()
    var cli: CommandRunner { CommandRunner(workingDirectory: folder.path) }

    static let page = """
        <html><head><meta charset="utf-8"><title>数据条例_某某网</title><script>var x = "<p>脚本</p>";</script></head>
        <body><div class="nav"><a href="/">首页</a><a href="/a">政策</a><a href="/b">新闻</a></div>
        <div class="content"><h1>某某市数据条例</h1><p>第一条&nbsp;为了促进数据交易，制定本条例。</p>
        <p>第二条 本条例适用于本市。</p></div><div id="footer">版权所有</div></body></html>
        """

    @Test func extractPrintsTheTextThatIsIndexed() throws {
        folder.write("条例.html", Self.page)
        let output = try cli.run(["extract", "条例.html"])
        #expect(output.status == 0)
        #expect(output.stdout == "# 某某市数据条例\n第一条\u{00A0}为了促进数据交易，制定本条例。\n第二条 本条例适用于本市。\n")
        #expect(output.stderr.isEmpty)
        let numbered = try cli.run(["extract", "--numbers", "条例.html"])
        #expect(numbered.stdout.split(separator: "\n").last == "3\t第二条 本条例适用于本市。")
    }

    @Test func extractNamesABrokenOrMissingFileInOneLine() throws {
        folder.write("bad.docx", bytes: [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0x41, count: 200))
        let broken = try cli.run(["extract", "bad.docx"])
        #expect(broken.status == 2)
        #expect(broken.stderr.hasPrefix("policy-search: error: bad.docx is a damaged zip archive"))
        #expect(broken.stderr.split(separator: "\n").count == 1)
        let missing = try cli.run(["extract", "missing.pdf"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "policy-search: error: cannot read missing.pdf: No such file or directory\n")
    }

    static var hasTools: Bool {
        FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice") && FileManager.default.isExecutableFile(atPath: "/usr/bin/pdftotext")
    }

    /// A corpus of a good PDF, a web page and a text, with a truncated PDF, a
    /// scan, a damaged zip and text named .pdf: the broken ones are named with
    /// their reason, the rest is indexed, and hits in the PDF give their page.
    @Test(.enabled(if: hasTools, "LibreOffice (soffice) or pdftotext is not installed: skipped"))
    func brokenFilesAreNamedAndTheRestIsIndexedWithPages() throws {
        var plan = "某某市大数据发展规划\n一、总体要求\n"
        for number in 1...60 { plan += "第\(number)项任务：推进政务数据共享开放。\n" }
        plan += "二、重点任务\n建设全市统一的数据交易平台。\n"
        folder.write("source/plan.txt", plan)
        let office = CommandRunner(workingDirectory: folder.path, environment: ["HOME": folder.path])
        let converted = try office.run(["-env:UserInstallation=file://" + folder.path + "/profile", "--headless", "--convert-to", "pdf",
                                        "--outdir", "Corpus", "source/plan.txt"], executable: "/usr/bin/soffice")
        #expect(converted.status == 0, "\(converted.stderr)")
        let pdf = try #require(FileManager.default.contents(atPath: folder.file("Corpus/plan.pdf")))
        folder.write("Corpus/cut.pdf", bytes: Array(pdf.prefix(pdf.count / 3)))
        folder.write("Corpus/scan.pdf", bytes: PDFFixtures.withoutText)
        folder.write("Corpus/broken.docx", bytes: [0x50, 0x4B, 0x03, 0x04] + [UInt8](repeating: 0x41, count: 200))
        folder.write("Corpus/notes.pdf", "这不是PDF\n")
        folder.write("Corpus/条例.html", Self.page)
        folder.write("Corpus/good.md", "# 数据交易办法\n\n数据交易平台应当依法运营。\n")

        let index = try cli.run(["index", "Corpus"])
        #expect(index.status == 0, "\(index.stderr)")
        let lines = index.stderr.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("policy-search: skipped Corpus/cut.pdf: is a truncated or damaged PDF") })
        #expect(lines.contains { $0.hasPrefix("policy-search: skipped Corpus/scan.pdf: is a PDF with no text layer") })
        #expect(lines.contains { $0.hasPrefix("policy-search: skipped Corpus/broken.docx: is a damaged zip archive") })
        #expect(lines.contains { $0.hasPrefix("policy-search: skipped Corpus/notes.pdf: is not a PDF") })
        #expect((index.stdout + index.stderr).contains("4 skipped"))

        let search = try cli.run(["search", "数据交易平台", "--all"])
        #expect(search.status == 0)
        #expect(search.stdout.contains("2 passages in 2 documents"))
        // The plan's last line is on its second page.
        #expect(search.stdout.contains("Corpus/plan.pdf:64 (p. 2) · 二、重点任务"), "\(search.stdout)")
        let clause = try cli.run(["search", "促进数据交易"])
        #expect(clause.stdout.contains("Corpus/条例.html:2 · 第一条"), "\(clause.stdout)")
        let json = try cli.run(["search", "数据交易平台", "--format", "json", "--all"])
        let objects = try json.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
        let inPlan = try #require(objects.first { $0["path"] as? String == "plan.pdf" })
        #expect(inPlan["page"] as? Int == 2)
        #expect(objects.first { $0["path"] as? String == "good.md" }?["page"] is NSNull)

        let export = try cli.run(["export", "数据交易平台", "-o", "hits.csv"])
        #expect(export.status == 0)
        let csv = ExportCommandTests.parseCSV(String(decoding: try #require(FileManager.default.contents(atPath: folder.file("hits.csv"))).dropFirst(3),
                                                     as: UTF8.self), delimiter: ",")
        let pageColumn = try #require(csv.first?.firstIndex(of: "page"))
        #expect(csv.contains { $0[9] == "Corpus/plan.pdf" && $0[pageColumn] == "2" })
        #expect(csv.contains { $0[9] == "Corpus/good.md" && $0[pageColumn] == "" })

        let kwic = try cli.run(["kwic", "数据交易平台"])
        #expect(kwic.stdout.contains("Corpus/plan.pdf:64 (p. 2)"), "\(kwic.stdout)")
        _ = try cli.run(["kwic", "数据交易平台", "-o", "kwic.csv"])
        let kwicRows = ExportCommandTests.parseCSV(String(decoding: try #require(FileManager.default.contents(atPath: folder.file("kwic.csv"))).dropFirst(3),
                                                          as: UTF8.self), delimiter: ",")
        #expect(kwicRows.contains { $0[1] == "Corpus/plan.pdf" && $0[3] == "2" })

        let extracted = try cli.run(["extract", "Corpus/plan.pdf", "--numbers"])
        #expect(extracted.stdout.contains("p2:64\t建设全市统一的数据交易平台。"), "\(extracted.stdout)")
    }
}
