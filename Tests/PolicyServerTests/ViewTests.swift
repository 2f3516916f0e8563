import Foundation
import Hummingbird
import HummingbirdTesting
import PolicySearch
import Testing

@testable import PolicyServer

/// The KWIC and tally views: lines and counts equal the library's, sorting,
/// links from a count to exactly the passages it counts, downloads equal to
/// `TableWriter`'s bytes, the SVG chart, whole-value URL filters.
@Suite struct ViewTests {
    @Test func theKWICPageShowsTheLibrarysLinesInTheAskedOrder() async throws {
        let fixture = try ServerFixture()
        let parsed = try QueryParser.parse("数据交易")
        let byRank = try fixture.index.concordance(of: parsed, width: 4)
        let byLeft = try fixture.index.concordance(of: parsed, width: 4, order: .left)
        #expect(byRank.count > 3)
        #expect(byRank.map(\.left) != byLeft.map(\.left))
        try await fixture.test { client in
            for (order, lines) in [("rank", byRank), ("left", byLeft)] {
                try await client.execute(uri: "/kwic" + query(("q", "数据交易"), ("width", "4"), ("sort", order)), method: .get) { response in
                    #expect(response.status == .ok)
                    #expect(response.text.contains("<strong id=\"total-lines\">\(lines.count)</strong> 行"))
                    // The left contexts in the page's order are the library's.
                    let shown = response.text.components(separatedBy: "<td class=\"left\">").dropFirst()
                        .map { String($0.prefix { $0 != "<" }) }
                    #expect(shown == lines.map { HTML.escape($0.left) })
                    #expect(response.text.components(separatedBy: "<mark>数据交易</mark>").count - 1 == lines.count)
                }
            }
            try await client.execute(uri: "/kwic" + query(("q", "数据交易"), ("width", "0")), method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("width must be"))
            }
            try await client.execute(uri: "/kwic" + query(("q", "数据交易"), ("sort", "middle")), method: .get) { #expect($0.status == .badRequest) }
            try await client.execute(uri: "/kwic", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("action=\"/kwic\""))
            }
        }
    }

    @Test func theKWICDownloadHasTheBytesOfKwicOutput() async throws {
        let fixture = try ServerFixture()
        let lines = try fixture.index.concordance(of: QueryParser.parse("数据"), width: 6, order: .right)
        let paths = PathDisplay(corpus: fixture.index.reader.manifest.corpus)
        var expected = MemorySink()
        var iterator = lines.makeIterator()
        _ = try TableWriter.write(columns: ConcordanceLine.exportColumns, rows: { iterator.next()?.exportRow(paths: paths) },
                                  format: .csv, to: &expected)
        try await fixture.test { [expected] client in
            try await client.execute(uri: "/kwic" + query(("q", "数据"), ("width", "6"), ("sort", "right"), ("format", "csv")),
                                     method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition]?.contains("kwic.csv") == true)
                #expect(Array(response.body.readableBytesView) == expected.bytes)
            }
        }
    }

    @Test func theTallyPageCountsAsTheLibraryAndEachCountLinksToItsPassages() async throws {
        let fixture = try ServerFixture()
        let tally = try fixture.index.tally([QueryParser.parse("数据交易"), QueryParser.parse("大数据")], by: .region)
        let guizhou = try #require(tally.rows.first { $0.group == "贵州" })
        try await fixture.test { client in
            let uri = "/tally" + query(("q", "数据交易\n大数据"), ("by", "region"))
            try await client.execute(uri: uri, method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<svg class=\"chart heat\""))
                #expect(html.contains("<strong id=\"total-groups\">\(tally.rows.count)</strong> 组"))
                // The 贵州 row: its documents, then each query's documents, share and passages.
                let row = try #require(html.components(separatedBy: "<th scope=\"row\">贵州</th>").dropFirst().first)
                    .components(separatedBy: "</tr>")[0]
                #expect(row.hasPrefix("<td class=\"num\">\(guizhou.documents)</td>"))
                for (cell, parsed) in zip(guizhou.cells, tally.queries) {
                    let link = "/search" + query(("q", parsed.description), ("region", "贵州"))
                    #expect(row.contains("<a href=\"\(HTML.escape(link))\">\(cell.documents)</a>"))
                    #expect(row.contains("<td class=\"num\">\(cell.passages)</td>"))
                }
            }
            // Following a count gives exactly the documents and passages it counts.
            for (cell, parsed) in zip(guizhou.cells, tally.queries) {
                try await client.execute(uri: "/api/search" + query(("q", parsed.description), ("region", "贵州")), method: .get) { response in
                    #expect(response.json["documents"] as? Int == cell.documents)
                    #expect(response.json["total"] as? Int == cell.passages)
                }
            }
            try await client.execute(uri: "/tally" + query(("q", "数据交易"), ("by", "year")), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<svg class=\"chart bars\""))
                #expect(response.text.contains("href=\"/search?q=%E6%95%B0%E6%8D%AE%E4%BA%A4%E6%98%93&amp;year=2016\""))
            }
            try await client.execute(uri: "/tally" + query(("q", "数据交易"), ("by", "colour")), method: .get) { #expect($0.status == .badRequest) }
        }
    }

    @Test func theTallyDownloadsAreTheTallysTableAndJSON() async throws {
        let fixture = try ServerFixture()
        let tally = try fixture.index.tally([QueryParser.parse("数据交易"), QueryParser.parse("大数据")], by: .type)
        var expected = MemorySink()
        var rows = tally.tableRows.makeIterator()
        _ = try TableWriter.write(columns: tally.tableColumns, rows: { rows.next() }, format: .csv, to: &expected)
        try await fixture.test { [expected] client in
            let base = [("q", "数据交易"), ("q", "大数据"), ("by", "type")]
            try await client.execute(uri: "/tally" + QueryParameters(pairs: base + [("format", "csv")]).encoded, method: .get) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView) == expected.bytes)
            }
            try await client.execute(uri: "/tally" + QueryParameters(pairs: base + [("format", "json")]).encoded, method: .get) { response in
                #expect(response.text == tally.json + "\n")
            }
        }
    }

    @Test func aURLFilterTakesTheWholeValueAsItsFacetCounted() async throws {
        let fixture = try ServerFixture()
        fixture.folder.write("corpus/office.md", """
            ---
            title: 国务院办公厅关于数据交易的通知
            issuer: 国务院办公厅
            region: 全国
            date: 2019-01-01
            ---
            推进数据交易。

            """)
        _ = try SearchIndex.build(configuration: fixture.index.configuration, corpus: fixture.folder.file("corpus"))
        _ = try fixture.index.reloadIfCommitted()
        // In a typed query `issuer:` is a substring; `issuer:=` the whole field.
        #expect(try fixture.index.search(QueryParser.parse("数据交易 issuer:国务院")).documents == 2)
        let whole = try QueryParser.parse("数据交易 issuer:=国务院")
        #expect(try fixture.index.search(whole).documents == 1)
        #expect(try QueryParser.parse(whole.description) == whole)
        #expect(try QueryParser.parse(#"数据 issuer:"=国务院 办公厅""#).filters == [Query.Filter(field: "issuer", value: "国务院 办公厅", isWhole: true)])
        try await fixture.test { client in
            try await client.execute(uri: "/api/search" + query(("q", "数据交易"), ("issuer", "国务院")), method: .get) { response in
                #expect(response.json["documents"] as? Int == 1)
                let facets = response.json["facets"] as? [String: [String: Int]]
                // The chosen facet counts under the other filters only: its other
                // values stay, each with what a click on it gives.
                #expect(facets?["issuer"]?["国务院"] == 1)
                #expect(facets?["issuer"]?["国务院办公厅"] == 1)
                #expect(facets?["issuer"]?["贵州省人民政府"] == 1)
                // The other facets count the filtered hits.
                #expect(facets?["region"] == ["全国": 1])
            }
            try await client.execute(uri: "/api/search" + query(("q", "数据交易"), ("issuer", "国务院办公厅")), method: .get) { response in
                #expect(response.json["documents"] as? Int == 1)
            }
        }
    }

    @Test func everyViewLinksToTheOthersWithTheSameQueryAndFilters() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            try await client.execute(uri: "/search" + query(("q", "数据交易"), ("region", "贵州")), method: .get) { response in
                let html = response.text
                #expect(html.contains("<nav class=\"views\""))
                #expect(html.contains("href=\"/kwic?q=%E6%95%B0%E6%8D%AE%E4%BA%A4%E6%98%93&amp;region=%E8%B4%B5%E5%B7%9E\""))
                #expect(html.contains("href=\"/tally?q=%E6%95%B0%E6%8D%AE%E4%BA%A4%E6%98%93&amp;region=%E8%B4%B5%E5%B7%9E\""))
            }
            try await client.execute(uri: "/kwic" + query(("q", "数据交易"), ("region", "贵州")), method: .get) { response in
                #expect(response.text.contains("<input type=\"hidden\" name=\"region\" value=\"贵州\">"))
                #expect(response.text.contains("筛选：region:贵州"))
            }
        }
    }

    @Test func sharesShowAsPerCentsAndTheHeatMapScalesToItsHighest() throws {
        #expect(TallyChart.percent(0.004) == "<1%")
        #expect(TallyChart.percent(0) == "0%")
        #expect(TallyChart.percent(0.62) == "62%")
        let fixture = try ServerFixture()
        let tally = try fixture.index.tally([QueryParser.parse("数据交易"), QueryParser.parse("纲要")], by: .region)
        let svg = TallyChart.heatMap(tally, label: { $0 }, link: { _, _ in nil })
        // The highest share drawn gets the darkest shade, whatever it is.
        #expect(TallyChart.highestShare(tally) > 0)
        #expect(svg.contains("fill=\"\(TallyChart.shade(1))\""))
    }
}
