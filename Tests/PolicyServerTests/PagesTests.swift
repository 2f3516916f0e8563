import PolicyAnalysis
import PolicyIndex
import PolicySearch
import Testing

@testable import PolicyServer

/// The HTML of pages built from values: pages of a PDF, Markdown headings, marks.
@Suite struct PagesTests {
    static func view(pageStarts: [Int], texts: [String], hits: Set<Int> = []) -> DocumentView {
        let document = DocumentEntry(path: "a.pdf", title: "标题", encoding: "UTF-8", size: 0, modified: 0, contentHash: 0,
                                     lineCount: texts.count, sections: SectionTree(), fields: [:], pageStarts: pageStarts)
        let entry = CatalogEntry(segment: 0, document: 0, id: DocumentID.of(path: "a.pdf"), path: "a.pdf", title: "标题", fields: [:])
        let paragraphs = texts.enumerated().map { i, text in
            DocumentView.Paragraph(line: i + 1, section: "", text: text,
                                   highlights: hits.contains(i + 1) ? [0..<2] : [], isHit: hits.contains(i + 1))
        }
        return DocumentView(entry: entry, document: document, paragraphs: paragraphs, file: "/c/a.pdf",
                            paths: PathDisplay(corpus: "/c", workingFolder: "/c"))
    }

    @Test func aPagedDocumentShowsWhereEachPageStarts() {
        let html = Pages.document(Self.view(pageStarts: [1, 3], texts: ["甲", "乙", "丙", "丁"]), queryText: "")
        #expect(html.contains("<div class=\"page-break\" id=\"page1\">第 1 页</div>"))
        #expect(html.contains("<div class=\"page-break\" id=\"page2\">第 2 页</div>"))
        #expect(html.components(separatedBy: "class=\"page-break\"").count - 1 == 2)
        #expect(html.contains("href=\"#L3\" title=\"第 2 页\""))
    }

    @Test func aMarkdownHeadingLosesItsMarksAndKeepsItsHighlights() {
        #expect(Pages.headingMarker("## 第一章 总则", [3..<6]) == (2, "第一章 总则", [0..<3]))
        #expect(Pages.headingMarker("#标签 不是标题", []) == (0, "#标签 不是标题", []))
        let html = Pages.document(Self.view(pageStarts: [], texts: ["# 数据交易", "数据交易平台"], hits: [1, 2]), queryText: "数据")
        #expect(html.contains("class=\"para hit heading h1\""))
        #expect(html.contains("<mark>数据</mark>交易平台<span class=\"hit-nav\">"))
        #expect(!html.contains("<mark></mark>"))
        #expect(html.contains("class=\"next-hit\" href=\"#L2\""))
        #expect(html.contains("class=\"prev-hit\" href=\"#L1\""))
    }

    @Test func marksAreEscapedAndClampedToTheText() {
        #expect(HTML.marked("a<b>c", [1..<4]) == "a<mark>&lt;b&gt;</mark>c")
        #expect(HTML.marked("ab", [1..<9]) == "a<mark>b</mark>")
        #expect(HTML.escape("'\"&\u{1B}x") == "&#39;&quot;&amp;x")
    }
}
