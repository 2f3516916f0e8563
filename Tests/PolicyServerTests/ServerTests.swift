import Foundation
import Hummingbird
import HummingbirdTesting
import PolicySearch
import Testing

@testable import PolicyServer

/// The web app's routes over a small corpus: statuses, JSON fields, totals and
/// facets against the library, exports against `TableWriter`, escaping, ids.
@Suite struct ServerTests {
    @Test func theSearchPageShowsTheLibrarysTotals() async throws {
        let fixture = try ServerFixture()
        let page = try fixture.index.search(QueryParser.parse("数据交易"))
        #expect(page.total > 0)
        try await fixture.test { client in
            try await client.execute(uri: "/search" + query(("q", "数据交易")), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                #expect(response.text.contains("<strong id=\"total-hits\">\(page.total)</strong> 条段落"))
                #expect(response.text.contains("<strong id=\"total-documents\">\(page.documents)</strong> 个文件"))
                #expect(response.text.contains("<mark>数据交易</mark>"))
                #expect(response.text.components(separatedBy: "<li class=\"result\">").count - 1 == min(20, page.total))
            }
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("搜索"))
                let csp = response.headers[.init("Content-Security-Policy")!] ?? ""
                #expect(csp.contains("default-src 'self'; script-src 'self'; style-src 'self'"))
            }
            for asset in ["/static/app.css", "/static/app.js"] {
                try await client.execute(uri: asset, method: .get) { #expect($0.status == .ok && !$0.text.isEmpty) }
            }
        }
    }

    @Test func theAPIGivesTotalsHitsAndFacetsThatMatchIndependentCounts() async throws {
        let fixture = try ServerFixture()
        let parsed = try QueryParser.parse("数据交易")
        let page = try fixture.index.search(parsed)
        // Facets counted independently: distinct documents of every hit.
        var documents: [String: [String: String]] = [:]
        try fixture.index.forEachHit(of: parsed) { documents[$0.document.path] = $0.document.fields }
        var expectedFacets: [String: [String: Int]] = [:]
        for (facet, field) in [("region", "region"), ("type", "type"), ("issuer", "issuer"), ("level", "level"), ("year", "date")] {
            var expected: [String: Int] = [:]
            for fields in documents.values {
                let value = facet == "year" ? String((fields[field] ?? "").prefix(4)) : fields[field] ?? ""
                if !value.isEmpty { expected[value, default: 0] += 1 }
            }
            expectedFacets[facet] = expected
        }
        try await fixture.test { [expectedFacets] client in
            let response = try await client.execute(uri: "/api/search" + query(("q", "数据交易"), ("limit", "2")), method: .get)
            #expect(response.status == .ok)
            let json = response.json
            #expect(json["query"] as? String == "数据交易")
            #expect(json["total"] as? Int == page.total)
            #expect(json["documents"] as? Int == page.documents)
            let hits = json["hits"] as? [[String: Any]] ?? []
            #expect(hits.count == 2)
            for field in ["rank", "score", "file", "line", "endLine", "page", "title", "section", "text", "matches", "path",
                          "issuer", "region", "level", "date", "number", "type", "document"] {
                #expect(hits.first?[field] != nil, "hit field \(field)")
            }
            for hit in hits {
                #expect(hit["document"] as? String == ServerFixture.id(hit["path"] as? String ?? ""))
            }
            let facets = json["facets"] as? [String: [String: Int]] ?? [:]
            #expect(facets == expectedFacets)
            // A filter from the URL narrows the totals like the same filter in the query.
            let filtered = try fixture.index.search(QueryParser.parse("数据交易 region:贵州"))
            try await client.execute(uri: "/api/search" + query(("q", "数据交易"), ("region", "贵州")), method: .get) { response in
                #expect(response.json["total"] as? Int == filtered.total)
                // The chosen facet counts under the other filters: every region of the unfiltered query.
                #expect((response.json["facets"] as? [String: [String: Int]])?["region"] == expectedFacets["region"])
                #expect((response.json["facets"] as? [String: [String: Int]])?["region"]?["贵州"] == filtered.documents)
            }
        }
    }

    @Test func theFacetLinksAddAndRemoveTheirFilter() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            try await client.execute(uri: "/search" + query(("q", "数据交易")), method: .get) { response in
                #expect(response.text.contains("href=\"/search?q=%E6%95%B0%E6%8D%AE%E4%BA%A4%E6%98%93&amp;region=%E8%B4%B5%E5%B7%9E\"")
                    || response.text.contains("href=\"/search?q=%E6%95%B0%E6%8D%AE%E4%BA%A4%E6%98%93&region=%E8%B4%B5%E5%B7%9E\""))
            }
            try await client.execute(uri: "/search" + query(("q", "数据交易"), ("region", "贵州")), method: .get) { response in
                #expect(response.text.contains("<li class=\"active\"><a href=\"/search?q=%E6%95%B0%E6%8D%AE%E4%BA%A4%E6%98%93\""))
            }
        }
    }

    @Test func theByDocumentModeHasOneRowADocument() async throws {
        let fixture = try ServerFixture()
        let page = try fixture.index.search(QueryParser.parse("数据交易"))
        try await fixture.test { client in
            try await client.execute(uri: "/search" + query(("q", "数据交易"), ("mode", "documents")), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.components(separatedBy: "class=\"result document-result\"").count - 1 == page.documents)
                #expect(response.text.contains("处命中"))
            }
        }
    }

    @Test func theCSVExportHasTheBytesTableWriterWrites() async throws {
        let fixture = try ServerFixture()
        let parsed = try QueryParser.parse("数据")
        var expected = MemorySink()
        let paths = PathDisplay(corpus: fixture.index.reader.manifest.corpus)
        try fixture.index.withSearcher { searcher in
            let result = try searcher.search(parsed, options: SearchOptions(limit: nil))
            var hits = HitLoader(searcher: searcher).hits(of: result).makeIterator()
            var rows = ExportRows(paths: paths)
            _ = try TableWriter.write(columns: Hit.exportColumns, rows: { try hits.next().map { rows.row(try $0.get()) } },
                                      format: .csv, to: &expected)
        }
        let total = try fixture.index.search(parsed).total
        try await fixture.test { [expected] client in
            try await client.execute(uri: "/export" + query(("q", "数据"), ("format", "csv")), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentType] == TableFormat.csv.mediaType)
                #expect(Array(response.body.readableBytesView) == expected.bytes)
            }
            try await client.execute(uri: "/export" + query(("q", "数据"), ("format", "jsonl")), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.split(separator: "\n").count == total)
            }
            try await client.execute(uri: "/export" + query(("q", "数据"), ("format", "xlsx")), method: .get) { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView.prefix(2)) == Array("PK".utf8))
            }
            try await client.execute(uri: "/export" + query(("q", "数据"), ("format", "exe")), method: .get) { #expect($0.status == .badRequest) }
        }
    }

    @Test func aHostileDocumentIsEscapedEverywhere() async throws {
        let fixture = try ServerFixture()
        let id = ServerFixture.id("hostile.md")
        try await fixture.test { client in
            for uri in ["/search" + query(("q", "数据交易")), "/search" + query(("q", "数据交易"), ("mode", "documents")),
                        "/documents/\(id)" + query(("q", "alert")), "/search" + query(("q", "<script>alert(1)</script>"))] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .ok, "\(uri)")
                    #expect(!response.text.contains("<script>alert"), "\(uri)")
                    #expect(!response.text.contains("<img"), "\(uri)")
                    #expect(response.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "\(uri)")
                }
            }
            try await client.execute(uri: "/documents/\(id)", method: .get) { response in
                #expect(response.text.contains("恶意标题&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(response.text.contains("&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"))
                #expect(response.text.contains("<dd>&quot;&gt;&lt;img src=x onerror=alert(1)&gt;</dd>"))
            }
        }
    }

    @Test func idsThatAreNoDocumentsAreNotFound() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            for uri in ["/documents/../../etc/passwd", "/documents/..%2F..%2Fetc%2Fpasswd", "/documents/%2Fetc%2Fpasswd",
                        "/documents/0000000000000000", "/documents/guizhou.md", "/documents/..%2F..%2Fetc%2Fpasswd/file",
                        "/documents/0000000000000000/file", "/nowhere"] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .notFound, "\(uri)")
                    #expect(!response.text.contains("root:"), "\(uri)")
                }
            }
            try await client.execute(uri: "/api/documents/0123456789abcdef", method: .get) { response in
                #expect(response.status == .notFound)
                #expect(response.json["error"] as? String == "no such document")
            }
        }
    }

    /// A document's page lists what it cites and what cites it, each linked,
    /// every title escaped.
    @Test func aDocumentPageListsItsCitationsBothWays() async throws {
        let fixture = try ServerFixture()
        let national = ServerFixture.id("national.md")
        let citing = ServerFixture.id("citing.md")
        try await fixture.test { client in
            try await client.execute(uri: "/documents/\(national)", method: .get) { response in
                #expect(response.status == .ok)
                let text = response.text
                #expect(text.contains("被 <strong id=\"cited-by-count\">1</strong> 个文件引用"))
                #expect(text.contains("<a class=\"citing\" href=\"/documents/\(citing)#L8\">北京市公共数据条例</a>"), "\(text)")
            }
            try await client.execute(uri: "/documents/\(citing)", method: .get) { response in
                let text = response.text
                #expect(text.contains("本文件引用 <strong id=\"cites-count\">3</strong> 项（其中 1 项在语料库中）"))
                #expect(text.contains("href=\"/documents/\(national)\""))
                #expect(text.contains("<span class=\"cited external\">国发〔2015〕50号</span>"))
                #expect(text.contains("《&lt;script&gt;alert(2)&lt;/script&gt;办法》"))
                #expect(!text.contains("<script>alert(2)"))
            }
            try await client.execute(uri: "/api/documents/\(citing)", method: .get) { response in
                let cites = try #require(response.json["cites"] as? [[String: Any]])
                #expect(cites.map { $0["cited"] as! String } == ["促进大数据发展行动纲要", "国发〔2015〕50号", "<script>alert(2)</script>办法"])
                #expect(cites[0]["document"] as? String == national && cites[1]["document"] is NSNull)
            }
            try await client.execute(uri: "/api/documents/\(national)", method: .get) { response in
                let citedBy = try #require(response.json["citedBy"] as? [[String: Any]])
                #expect(citedBy.map { $0["document"] as! String } == [citing])
                #expect(citedBy[0]["lines"] as? [Int] == [8])
            }
        }
    }

    @Test func aDocumentPageShowsTheWholeTextWithItsHitsMarked() async throws {
        let fixture = try ServerFixture()
        let id = ServerFixture.id("guizhou.md")
        let hits = try fixture.index.search(QueryParser.parse("数据交易 region:贵州 type:行动计划"), HitOptions(search: SearchOptions(limit: nil)))
        try await fixture.test { client in
            try await client.execute(uri: "/documents/\(id)" + query(("q", "数据交易")), method: .get) { response in
                #expect(response.status == .ok)
                let text = response.text
                #expect(text.contains("<h1>贵州省大数据发展行动计划</h1>"))
                #expect(text.contains("<strong id=\"hit-count\">\(Set(hits.hits.map(\.passage.line)).count)</strong> 处命中"))
                for hit in hits.hits { #expect(text.contains("id=\"L\(hit.passage.line)\" data-hit=")) }
                #expect(text.contains("class=\"next-hit\""))
                #expect(text.contains("<mark>数据交易</mark>"))
                #expect(text.contains("<nav class=\"outline\""))
                #expect(text.contains("id=\"back\" href=\"/search?q="))
            }
            try await client.execute(uri: "/api/documents/\(id)", method: .get) { response in
                #expect(response.status == .ok)
                let json = response.json
                #expect(json["id"] as? String == id)
                #expect(json["title"] as? String == "贵州省大数据发展行动计划")
                #expect(json["region"] as? String == "贵州")
                #expect((json["passages"] as? [[String: Any]])?.isEmpty == false)
            }
            let original = try String(contentsOfFile: fixture.folder.file("corpus/guizhou.md"), encoding: .utf8)
            try await client.execute(uri: "/documents/\(id)/file", method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == original)
                #expect(response.headers[.contentDisposition]?.hasPrefix("attachment;") == true)
            }
            // The search page links straight to the line.
            try await client.execute(uri: "/search" + query(("q", "数据交易")), method: .get) { response in
                #expect(response.text.contains("href=\"/documents/\(id)?q=%E6%95%B0%E6%8D%AE%E4%BA%A4%E6%98%93#L"))
            }
        }
    }

    @Test func aBadQueryIsA400WithItsOneLineMessage() async throws {
        let fixture = try ServerFixture()
        let bad = "\"数据"
        var message = ""
        do { _ = try QueryParser.parse(bad) } catch { message = "\(error)" }
        #expect(!message.isEmpty)
        try await fixture.test { [message] client in
            try await client.execute(uri: "/api/search" + query(("q", bad)), method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.headers[.contentType] == "application/json; charset=utf-8")
                #expect(response.json["error"] as? String == message)
            }
            try await client.execute(uri: "/search" + query(("q", bad)), method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("检索式有误"))
                #expect(response.text.contains(HTML.escape(message)))
            }
            for uri in ["/api/search" + query(("q", "数据"), ("limit", "1001")), "/api/search" + query(("q", String(repeating: "数", count: 1001))),
                        "/api/search" + query(("q", "数据"), ("year", "soon")), "/api/tally" + query(("q", "数据"), ("by", "colour")),
                        "/api/search", "/export" + query(("q", bad)), "/documents/\(ServerFixture.id("guizhou.md"))" + query(("q", bad))] {
                try await client.execute(uri: uri, method: .get) { response in
                    #expect(response.status == .badRequest, "\(uri)")
                    #expect(response.json["error"] != nil || response.text.contains("class=\"error\""), "\(uri)")
                }
            }
        }
    }

    @Test func theTallyIsTallyJSON() async throws {
        let fixture = try ServerFixture()
        let expected = try fixture.index.tally([QueryParser.parse("数据交易"), QueryParser.parse("大数据")], by: .region).json
        try await fixture.test { client in
            try await client.execute(uri: "/api/tally" + query(("q", "数据交易"), ("q", "大数据"), ("by", "region")), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text == expected + "\n")
            }
        }
    }

    @Test func aNewIndexGenerationIsServedByTheNextRequest() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            try await client.execute(uri: "/api/search" + query(("q", "量子通信")), method: .get) { response in
                #expect(response.json["total"] as? Int == 0)
            }
            fixture.folder.write("corpus/new.md", "# 新文件\n\n发展量子通信产业。\n")
            _ = try SearchIndex.build(configuration: fixture.index.configuration, corpus: fixture.folder.file("corpus"))
            try await client.execute(uri: "/api/search" + query(("q", "量子通信")), method: .get) { response in
                #expect(response.json["total"] as? Int == 1)
            }
            try await client.execute(uri: "/documents/\(ServerFixture.id("new.md"))", method: .get) { #expect($0.status == .ok) }
        }
    }

    @Test func aTokenIsNeededWhenOneIsSet() async throws {
        let token = "0123456789abcdef-secret"
        let fixture = try ServerFixture(token: token)
        try await fixture.test { client in
            try await client.execute(uri: "/api/search" + query(("q", "数据")), method: .get) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/search" + query(("q", "数据")), method: .get,
                                     headers: [.authorization: "Bearer wrong"]) { #expect($0.status == .unauthorized) }
            try await client.execute(uri: "/api/search" + query(("q", "数据")), method: .get,
                                     headers: [.authorization: "Bearer \(token)"]) { #expect($0.status == .ok) }
            try await client.execute(uri: "/search" + query(("q", "数据"), ("token", token)), method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/search?q=%E6%95%B0%E6%8D%AE")
                #expect(response.headers[.setCookie]?.contains("HttpOnly") == true)
            }
            try await client.execute(uri: "/search" + query(("q", "数据")), method: .get,
                                     headers: [.cookie: "\(TokenCheck.cookie)=\(token)"]) { #expect($0.status == .ok) }
        }
        #expect(TokenCheck.equal(token, token) && !TokenCheck.equal(token + "x", token) && !TokenCheck.equal("", token))
    }

    @Test func aQueryWithoutHitsSuggestsALooserOne() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            try await client.execute(uri: "/search" + query(("q", "数据交易 量子")), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<strong id=\"total-hits\">0</strong>"))
                #expect(response.text.contains("试试更宽松的检索"))
            }
        }
    }
}
