import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex
@testable import PolicySearch

/// The citation network: resolution by number and title to the version in
/// force, cited-by and cites, the most cited, the `cites:` filter, and the
/// graph files.
@Suite struct CitationNetworkTests {
    let folder = TemporaryFolder()

    /// A corpus of two versions of a law, a notice that issues an outline,
    /// and plans of 2018, 2026 and no date that cite them.
    func index() throws -> SearchIndex {
        folder.write("corpus/laws/网络安全法(2016-11-07).md", """
            # 中华人民共和国网络安全法

            2016年11月7日 第十二届全国人民代表大会常务委员会第二十四次会议通过

            第一条 为了保障网络安全，制定本法。
            """)
        folder.write("corpus/laws/网络安全法(2025-10-28).md", """
            # 中华人民共和国网络安全法

            2016年11月7日 第十二届全国人民代表大会常务委员会第二十四次会议通过

            根据2025年10月28日第十四届全国人民代表大会常务委员会第十八次会议《关于修改〈中华人民共和国网络安全法〉的决定》修正

            第一条 为了保障网络安全，维护网络空间主权，制定本法。
            """)
        folder.write("corpus/plans/outline.md", """
            # 国务院关于印发促进大数据发展行动纲要的通知

            国发〔2015〕50号

            各省、自治区、直辖市人民政府：现将《促进大数据发展行动纲要》印发给你们，请认真贯彻执行。

            2015年8月31日
            """)
        folder.write("corpus/plans/a.md", """
            # 某省大数据发展规划

            发布日期: 2018-05-01

            一、总体要求

            为贯彻《网络安全法》第二十一条和《促进大数据发展行动纲要》（国发〔2015〕50号，以下简称《纲要》），推进数据交易。

            按照《纲要》要求，建设数据交易平台。
            """)
        folder.write("corpus/plans/b.md", """
            # 某市数据条例

            发布日期: 2026-03-01

            第一条 根据《中华人民共和国网络安全法》和国发［２０１５］５０号文件，规范数据交易。
            """)
        folder.write("corpus/plans/c.md", """
            # 未注明日期的方案

            依据《网络安全法》和《某部门数据管理办法（试行）》开展数据交易。
            """)
        return try SearchIndex.open(.init(index: folder.file("index"), corpus: folder.file("corpus")))
    }

    @Test func citationsResolveToTheVersionInForceAndTheNoticeThatIssuesATitle() throws {
        let index = try index()
        let cites = try #require(try index.cites(.path("plans/a.md")).first).passages
        let shown = cites.map { "\($0.cited)\($0.article) → \($0.target.kind == .document ? $0.target.path : "external") (\($0.resolution))" }
        #expect(shown == [
            "网络安全法第二十一条 → laws/网络安全法(2016-11-07).md (title without its issuer, the version of 2016-11-07 in force on 2018-05-01)"
                .replacingOccurrences(of: "title without its issuer", with: cites[0].resolution.components(separatedBy: ",")[0]),
            "促进大数据发展行动纲要 → plans/outline.md (title of the document a notice issues)",
            "国发〔2015〕50号 → plans/outline.md (number)",
            "促进大数据发展行动纲要 → plans/outline.md (title of the document a notice issues)",
        ])
        #expect(cites[0].resolution.hasPrefix("title"))
        #expect(cites[3].isAlias && cites[3].line == 9)
        let later = try #require(try index.cites(.path("plans/b.md")).first).passages
        #expect(later.map(\.target.path) == ["laws/网络安全法(2025-10-28).md", "plans/outline.md"])
        #expect(later[0].resolution.hasSuffix("the version of 2025-10-28 in force on 2026-03-01"))
        let undated = try #require(try index.cites(.path("plans/c.md")).first).passages
        #expect(undated[0].target.path == "laws/网络安全法(2025-10-28).md")
        #expect(undated[0].resolution.contains("the latest version"))
        #expect(undated[1].target.kind == .external && undated[1].target.title == "某部门数据管理办法(试行)")
        // The notice does not cite the outline it issues, nor its own number.
        #expect(try index.cites(.path("plans/outline.md")).first?.passages.isEmpty == true)
    }

    @Test func citedByNamesEveryVersionByTitleAndOneByPath() throws {
        let index = try index()
        func citing(_ target: String) throws -> [String] {
            try index.citedBy(try index.citationTarget(target)).map(\.document.path)
        }
        // Newest first, undated last.
        #expect(try citing("国发〔2015〕50号") == ["plans/b.md", "plans/a.md"])
        #expect(try citing("国发(2015)50号") == ["plans/b.md", "plans/a.md"])
        #expect(try citing("《促进大数据发展行动纲要》") == ["plans/b.md", "plans/a.md"], "the outline is cited by number in b")
        #expect(try citing("中华人民共和国网络安全法") == ["plans/b.md", "plans/a.md", "plans/c.md"])
        #expect(try citing("《网络安全法》") == ["plans/b.md", "plans/a.md", "plans/c.md"])
        #expect(try citing("laws/网络安全法(2016-11-07).md") == ["plans/a.md"])
        #expect(try citing(folder.file("corpus/laws/网络安全法(2016-11-07).md")) == ["plans/a.md"])
        #expect(try citing("某部门数据管理办法") == ["plans/c.md"])
        #expect(try citing("没有人引用的标题").isEmpty)
        #expect(throws: CitationTargetError.self) { try index.citationTarget("  ") }
        let filtered = try index.citedBy(try index.citationTarget("网络安全法"), in: DocumentSet(filters: [Query.Filter(field: "year", value: "2026")]))
        #expect(filtered.map(\.document.path) == ["plans/b.md"])
    }

    @Test func theMostCitedCountCitingDocuments() throws {
        let index = try index()
        let top = try index.mostCited(top: 3)
        #expect(top.first?.node.path == "plans/outline.md")
        #expect(top.first?.citingDocuments == 2 && top.first?.references == 4)
        #expect(top.count == 3)
    }

    @Test func theCitesFilterKeepsThePassagesOfCitingDocuments() throws {
        let index = try index()
        func files(_ query: String) throws -> Set<String> {
            var files = Set<String>()
            try index.forEachHit(of: try QueryParser.parse(query)) { files.insert($0.document.path) }
            return files
        }
        #expect(try files("数据交易") == ["plans/a.md", "plans/b.md", "plans/c.md"])
        #expect(try files("数据交易 cites:国发〔2015〕50号") == ["plans/a.md", "plans/b.md"])
        #expect(try files("数据交易 -cites:国发〔2015〕50号") == ["plans/c.md"])
        #expect(try files("数据交易 cites:《网络安全法》 year:2018") == ["plans/a.md"])
        #expect(throws: QueryError.self) { try QueryParser.parse("数据 cites:\"\"") }
    }

    @Test func theGraphHasAnEdgeADocumentAndCitedNodeWithDates() throws {
        let index = try index()
        let graph = try index.citationGraph()
        let network = graph.network
        let edges = Set(graph.edges.map { "\(network.nodes[$0.citing].path)→\(network.nodes[$0.cited].path.isEmpty ? network.nodes[$0.cited].title : network.nodes[$0.cited].path)×\($0.count)" })
        #expect(edges == ["plans/a.md→laws/网络安全法(2016-11-07).md×1", "plans/a.md→plans/outline.md×3",
                          "plans/b.md→laws/网络安全法(2025-10-28).md×1", "plans/b.md→plans/outline.md×1",
                          "plans/c.md→laws/网络安全法(2025-10-28).md×1", "plans/c.md→某部门数据管理办法(试行)×1",
                          "laws/网络安全法(2025-10-28).md→关于修改〈中华人民共和国网络安全法〉的决定×1"])
        #expect(try index.citationGraph(minimumCitations: 2).edges.count == 4)
        let paths = PathDisplay(corpus: folder.file("corpus"), workingFolder: folder.file("corpus"))
        for format in GraphWriter.Format.allCases {
            let file = folder.file("net.\(format.rawValue)")
            try GraphWriter.write(graph, format: format, paths: paths, to: file)
            let data = try Data(contentsOf: URL(fileURLWithPath: file))
            if format != .csv { #expect(XMLParser(data: data).parse(), "\(format) is well-formed XML") }
        }
        let gexf = try String(contentsOfFile: folder.file("net.gexf"), encoding: .utf8)
        #expect(gexf.contains("id=\"plans/a.md\" label=\"某省大数据发展规划\" start=\"2018-05-01\""))
        #expect(gexf.contains("source=\"plans/a.md\" target=\"plans/outline.md\" weight=\"3\" start=\"2018-05-01\""))
        try networkxLoads(gexf: folder.file("net.gexf"), graphml: folder.file("net.graphml"), nodes: graph.nodes.count,
                          edges: graph.edges.count)
    }

    /// networkx reads both files with the expected nodes and edges (skipped,
    /// saying so, without python3 and networkx).
    func networkxLoads(gexf: String, graphml: String, nodes: Int, edges: Int) throws {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", """
            import sys, networkx as nx
            g = nx.read_gexf(sys.argv[1]); h = nx.read_graphml(sys.argv[2])
            assert g.is_directed() and h.is_directed()
            print(g.number_of_nodes(), g.number_of_edges(), h.number_of_nodes(), h.number_of_edges(),
                  g.edges["plans/a.md", "plans/outline.md"]["count"], h.nodes["plans/a.md"]["region"] if "region" in h.nodes["plans/a.md"] else "-")
            """, gexf, graphml]
        let output = Pipe()
        check.standardOutput = output
        check.standardError = Pipe()
        try check.run()
        check.waitUntilExit()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard check.terminationStatus == 0 else {
            print("skipped: python3 with networkx is not available (\(printed.isEmpty ? "no output" : printed))")
            return
        }
        #expect(printed.hasPrefix("\(nodes) \(edges) \(nodes) \(edges) 3"), "\(printed)")
    }
}
