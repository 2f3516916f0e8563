import Foundation
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

    @Test func escapingOnBytesAgreesWithEscapingScalarByScalar() {
        // The escaping as the scalars say it: five entities, controls other
        // than tab and newline dropped (C0, DEL, C1).
        func reference(_ text: String) -> String {
            let entities: [Unicode.Scalar: String] = ["&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;", "'": "&#39;"]
            var result = ""
            for scalar in text.unicodeScalars {
                if let entity = entities[scalar] { result += entity; continue }
                let control = (scalar.value < 0x20 && scalar != "\n" && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
                if !control { result.unicodeScalars.append(scalar) }
            }
            return result
        }
        let pieces: [String] = ["数据", "交易", "<", ">", "&", "\"", "'", "\t", "\n", "\r", "\u{0}", "\u{1B}", "\u{7F}", "\u{80}",
                                "\u{85}", "\u{9F}", "\u{A0}", "©", "Â", "é", "𠀀", "👩‍💻", "a", " ", "國發〔2015〕50號", "\u{FEFF}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            #expect(HTML.escape(text) == reference(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        let plain = "推进数据交易平台建设"
        #expect(HTML.escape(plain) == plain)
    }

    @Test func marksAreEscapedAndClampedToTheText() {
        #expect(HTML.marked("a<b>c", [1..<4]) == "a<mark>&lt;b&gt;</mark>c")
        #expect(HTML.marked("ab", [1..<9]) == "a<mark>b</mark>")
        #expect(HTML.escape("'\"&\u{1B}x") == "&#39;&quot;&amp;x")
    }

    @Test func markingOnBytesAgreesWithMarkingScalarByScalar() {
        // The marking as the scalars say it: each piece between marks escaped.
        func reference(_ text: String, _ marks: [Range<Int>]) -> String {
            let scalars = Array(text.unicodeScalars)
            func piece(_ range: Range<Int>) -> String { HTML.escape(String(String.UnicodeScalarView(scalars[range]))) }
            var result = "", position = 0
            for mark in marks {
                let lower = max(position, min(mark.lowerBound, scalars.count))
                let upper = max(lower, min(mark.upperBound, scalars.count))
                result += piece(position..<lower) + "<mark>" + piece(lower..<upper) + "</mark>"
                position = upper
            }
            return result + piece(position..<scalars.count)
        }
        let pieces = ["数据", "交易", "<", "&", "\"", "\u{85}", "\u{1B}", "é", "𠀀", "👩‍💻", "a", " ", "〔2015〕"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let count = text.unicodeScalars.count
            var bounds = (0..<Int.random(in: 0...6, using: &generator)).map { _ in Int.random(in: 0...(count + 2), using: &generator) }
            bounds.sort()
            if bounds.count % 2 == 1 { bounds.removeLast() }
            let marks = stride(from: 0, to: bounds.count, by: 2).map { bounds[$0]..<bounds[$0 + 1] }
            #expect(HTML.marked(text, marks) == reference(text, marks), "\(text.unicodeScalars.map { String($0.value, radix: 16) }) \(marks)")
        }
    }
}

/// The URL's parameters, encoded and decoded on bytes.
@Suite struct QueryParametersTests {
    @Test func encodingAgreesWithFoundationAndDecodingReadsItBack() {
        let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let pieces = ["数据", "交易", " ", "+", "%", "&", "=", "#", "?", "/", "~", "-", "a", "Z", "9", "\"", "〔2015〕", "號", "𠀀", "👩‍💻", "\u{0}", "\n"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let encoded = QueryParameters.encode(text)
            #expect(encoded == text.addingPercentEncoding(withAllowedCharacters: unreserved))
            #expect(QueryParameters.decode(Substring(encoded)) == text)
        }
    }

    @Test func decodingTakesPlusAsSpaceAndLeavesStrayPercentSigns() {
        #expect(QueryParameters.decode("a+b%20c") == "a b c")
        #expect(QueryParameters.decode("100%") == "100%")
        #expect(QueryParameters.decode("%zz%4") == "%zz%4")
        #expect(QueryParameters.decode("%%41") == "%A")
        #expect(QueryParameters.decode("%E6%95%B0%E6%8D%AE") == "数据")
        // Bytes that are no UTF-8 become U+FFFD rather than failing the request.
        #expect(QueryParameters.decode("%FF%E6") == "\u{FFFD}\u{FFFD}")
        #expect(QueryParameters("q=%E6%95%B0&q=b&x")["q"] == "数")
        #expect(QueryParameters("q=%E6%95%B0&q=b&x").all("q") == ["数", "b"])
    }

    @Test func linksKeepTheirNamesInOrderAndSettingReplacesEveryValueOfAName() {
        let parameters = QueryParameters("page=2&region=%E8%B4%B5%E5%B7%9E&q=%E6%95%B0%E6%8D%AE&q=b&x=1")
        #expect(parameters.encoded == "?q=%E6%95%B0%E6%8D%AE&q=b&region=%E8%B4%B5%E5%B7%9E&page=2&x=1")
        #expect(parameters.setting("q", "交易").encoded == "?q=%E4%BA%A4%E6%98%93&region=%E8%B4%B5%E5%B7%9E&page=2&x=1")
        #expect(parameters.setting("q", nil).setting("page", "").encoded == "?region=%E8%B4%B5%E5%B7%9E&x=1")
        #expect(parameters.setting("region", "北京")["region"] == "北京")
        #expect(QueryParameters(pairs: []).encoded == "")
        #expect(QueryParameters(pairs: [("year", "2016..2017"), ("q", "a b")]).encoded == "?q=a%20b&year=2016..2017")
    }
}
