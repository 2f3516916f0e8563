import Foundation
import Hummingbird
import HummingbirdTesting
import PolicySearch
import Testing
import ZIPFoundation

@testable import PolicyServer

/// `/code`: the codebook page counts as `SearchIndex.code`, each cell lists
/// exactly its evidence, a codebook file of the corpus or a pasted one, and
/// a bad codebook is a 400 naming its line.
@Suite struct CodebookPageTests {
    static let yaml = """
        name: 测试
        themes:
          - name: 交易
            terms: [数据交易]
            exclude: [试点]
          - name: 安全
            terms: [数据安全]
        """

    @Test func thePageCountsAsTheLibraryAndACellListsItsEvidence() async throws {
        let fixture = try ServerFixture()
        let codebook = try Codebook.parse(Self.yaml, file: "t.yaml")
        let coding = try fixture.index.code(codebook)
        let row = try #require(coding.documents.firstIndex { $0.path == "guizhou.md" })
        let cell = coding.cells[row][0]
        #expect(cell.passages >= 2)
        try await fixture.test { client in
            try await client.execute(uri: "/code" + query(("yaml", Self.yaml)), method: .get) { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<strong id=\"document-count\">\(coding.documents.count)</strong>"))
                #expect(html.contains("\(coding.themes[0].documents) / \(coding.documents.count)"))
                #expect(html.contains("<table class=\"heat-table\" id=\"code-matrix\">"))
                #expect(!html.contains("style=\""), "no inline style: the content policy refuses them")
            }
            let cellURI = "/code" + query(("yaml", Self.yaml), ("theme", "交易"), ("row", "guizhou.md"))
            try await client.execute(uri: cellURI, method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<span id=\"evidence-count\">\(cell.passages)</span>"))
                #expect(response.text.components(separatedBy: "<li class=\"hit\">").count - 1 == cell.passages)
                #expect(response.text.contains("<mark>数据交易</mark>"))
            }
            try await client.execute(uri: "/code" + query(("yaml", Self.yaml), ("format", "xlsx")), method: .get) { response in
                #expect(response.status == .ok)
                let archive = try Archive(data: Data(buffer: response.body), accessMode: .read)
                #expect(archive["xl/worksheets/sheet4.xml"] != nil, "summary, matrix, co-occurrence, evidence")
            }
            try await client.execute(uri: "/code" + query(("yaml", "themes:\n  - name: a\n    terms: ['\"数据']\n")), method: .get) { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains(":3: in `terms:`"))
            }
            try await client.execute(uri: "/code" + query(("book", "../etc/passwd.yaml")), method: .get) { response in
                #expect(response.status == .notFound)
            }
        }
    }

    @Test func aCodebookFileOfTheCorpusIsListedAndOpened() async throws {
        let fixture = try ServerFixture()
        fixture.folder.write("corpus/books/themes.yaml", Self.yaml)
        #expect(CodebookPage.codebooks(in: fixture.index.reader.manifest.corpus) == ["books/themes.yaml"])
        try await fixture.test { client in
            try await client.execute(uri: "/code", method: .get) { response in
                #expect(response.text.contains("<option value=\"books/themes.yaml\">"))
            }
            try await client.execute(uri: "/code" + query(("book", "books/themes.yaml"), ("by", "level")), method: .get) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("<strong id=\"theme-count\">2</strong>"))
            }
        }
    }
}
