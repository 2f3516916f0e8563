import Foundation
import TestSupport
import Testing
import ZIPFoundation

/// `cited-by`, `cites`, `citations` and `graph` as a researcher runs them:
/// the citing documents with their passages, JSON lines for scripts, exports,
/// one clear line for a target that names nothing.
@Suite struct CitationCommandTests {
    let folder = TemporaryFolder()

    func corpus() -> CommandRunner {
        folder.write("Corpus/outline.md", "# 国务院关于印发促进大数据发展行动纲要的通知\n\n国发〔2015〕50号\n\n现将《促进大数据发展行动纲要》印发给你们。\n")
        folder.write("Corpus/guizhou.md", """
            ---
            region: 贵州
            level: 省级
            date: 2016-03-15
            ---
            # 贵州省大数据发展应用促进行动计划

            一、总体要求

            为贯彻落实《促进大数据发展行动纲要》（国发〔2015〕50号），推进数据交易。
            """)
        folder.write("Corpus/beijing.md", """
            ---
            region: 北京
            level: 省级
            date: 2017-01-01
            ---
            # 北京市大数据行动计划

            根据国发[2015]50号文件，建设大数据交易所。《不在语料库中的办法》第三条规定了交易。
            """)
        return CommandRunner(workingDirectory: folder.path)
    }

    func lines(_ run: CommandRunner.Output) throws -> [[String: Any]] {
        #expect(run.status == 0, "\(run.stderr)")
        return try run.stdout.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test func citedByListsTheCitingDocumentsNewestFirstWithTheirPassages() throws {
        let cli = corpus()
        let documents = try lines(try cli.run(["cited-by", "国发〔2015〕50号", "--format", "json"]))
        #expect(documents.map { $0["file"] as! String } == ["Corpus/beijing.md", "Corpus/guizhou.md"])
        #expect(documents.map { $0["date"] as! String } == ["2017-01-01", "2016-03-15"])
        let passages = try #require(documents[1]["passages"] as? [[String: Any]])
        #expect(passages.map { $0["line"] as! Int } == [10], "a passage that cites by title and number is listed once")
        #expect((passages[0]["text"] as! String).contains("国发〔2015〕50号"))
        #expect(passages[0]["resolved"] as? String == "Corpus/outline.md")
        // By title, the notice that issues the outline is the document it names.
        let byTitle = try lines(try cli.run(["cited-by", "《促进大数据发展行动纲要》", "--format", "json"]))
        #expect(byTitle.map { $0["file"] as! String } == ["Corpus/beijing.md", "Corpus/guizhou.md"])
        #expect(try lines(try cli.run(["cited-by", "国发〔2015〕50号", "--format", "json", "--region", "贵州"])).count == 1)
        let text = try cli.run(["cited-by", "国发〔2015〕50号"])
        #expect(text.stdout.hasPrefix("国发〔2015〕50号: cited by 2 documents in 2 passages\n"), "\(text.stdout)")
    }

    @Test func citesAndTheMostCited() throws {
        let cli = corpus()
        let cites = try lines(try cli.run(["cites", "Corpus/beijing.md", "--format", "json"]))
        let passages = try #require(cites.first?["passages"] as? [[String: Any]])
        #expect(passages.map { $0["cited"] as! String } == ["国发〔2015〕50号", "不在语料库中的办法"])
        #expect(passages.map { $0["resolved"] as! String } == ["Corpus/outline.md", ""])
        #expect(passages[1]["article"] as? String == "第三条")
        let top = try lines(try cli.run(["citations", "--top", "2", "--format", "json"]))
        #expect(top.map { $0["file"] as! String } == ["Corpus/outline.md", ""])
        #expect(top.map { $0["documents"] as! Int } == [2, 1])
    }

    @Test func aTargetThatNamesNothingIsOneLineAndStatus2() throws {
        let cli = corpus()
        #expect(try cli.run(["index", "Corpus"]).status == 0)
        let empty = try cli.run(["cited-by", " "])
        #expect(empty.status == 2)
        #expect(empty.stderr == "policy-search: error: target \" \": name a document number, a title or a corpus file\n")
        let nothing = try cli.run(["cites", "国发〔2099〕1号"])
        #expect(nothing.status == 2)
        #expect(nothing.stderr.split(separator: "\n").count == 1 && nothing.stderr.contains("国发〔2099〕1号"))
        let badQuery = try cli.run(["search", "数据", "cites:"])
        #expect(badQuery.status == 2 && badQuery.stderr.contains("cites:"))
        #expect(try cli.run(["graph", "-o", "net.txt"]).stderr.contains("net.txt"))
    }

    @Test func exportsAndGraphsAreWrittenWholeOrNotAtAll() throws {
        let cli = corpus()
        #expect(try cli.run(["cited-by", "国发〔2015〕50号", "-o", "cited.csv"]).status == 0)
        let csv = try String(contentsOfFile: folder.file("cited.csv"), encoding: .utf8)
        let rows = ExportCommandTests.parseCSV(csv.hasPrefix("\u{FEFF}") ? String(csv.dropFirst()) : csv, delimiter: ",")
        #expect(rows.first == ["file", "title", "date", "issuer", "region", "level", "type", "number", "line", "page", "section",
                               "cited", "article", "resolved", "resolution", "text"])
        #expect(rows.count == 3, "a row per citing passage")
        #expect(try cli.run(["cited-by", "国发〔2015〕50号", "-o", "cited.xlsx"]).status == 0)
        #expect(try Archive(url: URL(fileURLWithPath: folder.file("cited.xlsx")), accessMode: .read)["xl/worksheets/sheet1.xml"] != nil)

        let graph = try cli.run(["graph", "-o", "net.gexf"])
        #expect(graph.status == 0, "\(graph.stderr)")
        #expect(graph.stderr.contains("4 nodes, 3 edges"), "\(graph.stderr)")
        // A failed write leaves the previous file.
        folder.write("previous.gexf", "the previous file")
        #expect(try cli.run(["graph", "-o", "previous.gexf", "--index", "nowhere/index", "--corpus", "nothing"]).status == 2)
        #expect(try String(contentsOfFile: folder.file("previous.gexf"), encoding: .utf8) == "the previous file")
    }
}
