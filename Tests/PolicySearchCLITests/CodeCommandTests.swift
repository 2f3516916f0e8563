import Foundation
import TestSupport
import Testing
import ZIPFoundation

/// `code`: the codebook method as a researcher runs it — a table, JSON for
/// scripts, one workbook with its evidence, one clear line for a bad codebook
/// or document list.
@Suite struct CodeCommandTests {
    let folder = TemporaryFolder()

    func corpus() -> CommandRunner {
        folder.write("Corpus/a.md", """
            ---
            region: 贵州
            level: 省级
            type: 规划
            ---
            # 贵州省大数据发展规划

            一、发展工业大数据，推进智能制造。
            二、建设大数据交易所，规范数据交易。
            三、加强数据安全保护。
            """)
        folder.write("Corpus/b.txt", "关于推进政府数据开放的通知\n推动政府数据开放共享，建设开放平台。\n试点数据交易。\n")
        folder.write("Corpus/c.md", "# 其他文件\n\n与主题无关的内容。\n")
        folder.write("book.yaml", """
            name: 测试编码
            themes:
              - name: 工业
                group: 应用领域
                terms: [工业大数据, 智能制造]
              - name: 交易
                terms: [数据交易, 交易所]
                exclude: [试点]
              - name: 开放
                terms: [数据开放, 开放平台]
            """)
        return CommandRunner(workingDirectory: folder.path)
    }

    func json(_ cli: CommandRunner, _ extra: [String] = []) throws -> [String: Any] {
        let run = try cli.run(["code", "book.yaml", "--format", "json"] + extra)
        #expect(run.status == 0, "\(run.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
    }

    @Test func jsonHoldsTheSummaryTheMatrixAndTheCooccurrence() throws {
        let cli = corpus()
        let object = try json(cli)
        #expect(object["documents"] as? Int == 3)
        let themes = try #require(object["themes"] as? [[String: Any]])
        #expect(themes.map { $0["name"] as! String } == ["工业", "交易", "开放"])
        #expect(themes.map { $0["documents"] as! Int } == [1, 1, 1])
        // 开放: b.txt's title and its first line.
        #expect(themes.map { $0["passages"] as! Int } == [1, 1, 2])
        // 大数据交易所 holds 数据交易 and 交易所, then 数据交易 again; b.txt's 数据交易 is a 试点 line, excluded.
        #expect(themes[1]["occurrences"] as? Int == 3)
        let matrix = try #require(object["matrix"] as? [[String: Any]])
        #expect(matrix.map { $0["path"] as! String } == ["a.md", "b.txt", "c.md"], "a document with no theme is a row")
        let c = try #require(matrix[2]["themes"] as? [String: [String: Int]])
        #expect(c["工业"] == ["passages": 0, "occurrences": 0])
        let pairs = try #require(object["cooccurrence"] as? [[String: Any]])
        #expect(pairs.map { "\($0["a"]!)-\($0["b"]!)=\($0["documents"]!)" } == ["工业-交易=1", "工业-开放=0", "交易-开放=0"])
        // The share as the report writes it, in the table.
        let text = try cli.run(["code", "book.yaml"])
        #expect(text.status == 0)
        #expect(text.stdout.contains("1 of 3"))
        #expect(text.stdout.contains("33 %"))
    }

    @Test func filtersAndADocumentListChooseTheDocuments() throws {
        let cli = corpus()
        #expect(try json(cli, ["--level", "省级"])["documents"] as? Int == 1)
        folder.write("list.txt", "b.txt\nCorpus/c.md\n")
        let listed = try json(cli, ["--documents", "list.txt"])
        #expect((listed["matrix"] as! [[String: Any]]).map { $0["path"] as! String } == ["b.txt", "c.md"])
        folder.write("bad.txt", "b.txt\nd.md\n")
        let bad = try cli.run(["code", "book.yaml", "--documents", "bad.txt"])
        #expect(bad.status == 2)
        #expect(bad.stderr.contains("bad.txt:2: \"d.md\" is no document"), "\(bad.stderr)")
        #expect(bad.stderr.split(separator: "\n").count <= 2)
    }

    @Test func aBadCodebookIsOneLineWithItsLine() throws {
        let cli = corpus()
        folder.write("bad.yaml", "themes:\n  - name: 工业\n    terms: [工业, \"\\\"数据\"]\n")
        let run = try cli.run(["code", "bad.yaml"])
        #expect(run.status == 2)
        #expect(run.stderr.hasPrefix("policy-search: error: codebook bad.yaml:3: in `terms:`, query"), "\(run.stderr)")
        #expect(run.stderr.split(separator: "\n").count == 1)
        let missing = try cli.run(["code", "nothing.yaml"])
        #expect(missing.status == 2)
        #expect(missing.stderr == "policy-search: error: codebook nothing.yaml: no such file\n")
    }

    @Test func theWorkbookHoldsEverySheetAndEveryEvidenceRow() throws {
        let cli = corpus()
        let run = try cli.run(["code", "book.yaml", "--by", "region", "-o", "coding.xlsx"])
        #expect(run.status == 0, "\(run.stderr)")
        let archive = try Archive(url: URL(fileURLWithPath: folder.file("coding.xlsx")), accessMode: .read)
        func part(_ name: String) throws -> String {
            var data = Data()
            _ = try archive.extract(try #require(archive[name])) { data.append($0) }
            return String(decoding: data, as: UTF8.self)
        }
        let workbook = try part("xl/workbook.xml")
        for name in ["summary", "matrix", "by region", "co-occurrence", "evidence"] { #expect(workbook.contains("name=\"\(name)\"")) }
        let evidence = try part("xl/worksheets/sheet5.xml")
        #expect(evidence.components(separatedBy: "<row ").count - 1 == 1 + 4, "a header and the four coded passages")
        #expect(evidence.contains("<rPr><b/><color rgb=\"FFC00000\"/></rPr><t xml:space=\"preserve\">工业大数据</t>"), "the match is marked")
        // The same rows as the evidence CSV.
        let csv = try cli.run(["code", "book.yaml", "--table", "evidence", "--format", "csv"])
        #expect(csv.status == 0)
        let rows = ExportCommandTests.parseCSV(String(csv.stdout.dropFirst()), delimiter: ",")
        #expect(rows.count == 5)
        #expect(rows.dropFirst().map { $0[0] } == ["工业", "交易", "开放", "开放"])
    }

    @Test func aFailedWorkbookLeavesThePreviousFile() throws {
        let cli = corpus()
        folder.write("coding.xlsx", "the previous file")
        folder.write("bad.yaml", "themes: []\n")
        #expect(try cli.run(["code", "bad.yaml", "-o", "coding.xlsx"]).status == 2)
        #expect(try String(contentsOfFile: folder.file("coding.xlsx"), encoding: .utf8) == "the previous file")
        let folderTarget = try cli.run(["code", "book.yaml", "-o", "Corpus"])
        #expect(folderTarget.status == 2)
        #expect(try cli.run(["code", "book.yaml", "-o", "missing/coding.xlsx"]).stderr.contains("missing/coding.xlsx"))
    }

    /// LibreOffice opens the workbook: every sheet converted back to CSV, the
    /// evidence sheet holds the rows of the evidence CSV.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/soffice"), "LibreOffice (soffice) is not installed: skipped"))
    func libreOfficeOpensTheWorkbook() throws {
        let cli = corpus()
        #expect(try cli.run(["code", "book.yaml", "-o", "coding.xlsx"]).status == 0)
        let csv = try cli.run(["code", "book.yaml", "--table", "evidence", "--format", "csv"])
        let ours = ExportCommandTests.parseCSV(String(csv.stdout.dropFirst()), delimiter: ",")
        let office = CommandRunner(workingDirectory: folder.path, environment: ["HOME": folder.path])
        let run = try office.run(["--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                                  "--outdir", "lo", "coding.xlsx"], executable: "/usr/bin/soffice")
        #expect(run.status == 0, "\(run.stderr)")
        let sheets = try FileManager.default.contentsOfDirectory(atPath: folder.file("lo")).sorted()
        #expect(sheets.count == 4, "\(sheets)")
        let evidenceFile = try #require(sheets.first { $0.contains("evidence") })
        let converted = ExportCommandTests.parseCSV(try String(contentsOfFile: folder.file("lo/" + evidenceFile), encoding: .utf8), delimiter: ",")
        #expect(converted.count == ours.count)
        let text = ours[0].firstIndex(of: "text")!
        #expect(converted.map { $0[text] } == ours.map { $0[text] })
    }
}
