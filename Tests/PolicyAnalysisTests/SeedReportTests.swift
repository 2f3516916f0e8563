import Foundation
import Testing
@testable import PolicyAnalysis

/// The seed report of ../shared/seed: a PDF report converted to Markdown, whose
/// `#` marks disagree with its numbering (`### （三）` and `#### （四）` are
/// siblings), whose headings are partly bold (`## **(二) 以点带面…**`), with a
/// table of contents in dot leaders and a letter-spaced title.
@Suite("Seed report", .enabled(if: SharedCorpus.seedReport != nil, "../shared/seed has no seed report: skipped"))
struct SeedReportTests {
    let splitter = PassageSplitter()

    var report: (path: String, text: String) { SharedCorpus.seedReport! }

    var parsed: ParsedDocument { splitter.parse(report.text, fallbackTitle: "seed") }

    /// The section path of the first passage that starts with `prefix`.
    func section(ofLineStartingWith prefix: String, in document: ParsedDocument) throws -> String {
        let passage = try #require(document.passages.first { document.text(of: $0).hasPrefix(prefix) }, "\(prefix)")
        return document.section(of: passage)
    }

    @Test("the title without its letter spacing")
    func title() {
        #expect(parsed.title == "我国地方政府大数据发展规划分析报告")
    }

    @Test("the numbering decides the tree, not the # marks or the bold", arguments: [
        ("37个省市中有31个提出人才政策", "一、我国大数据发展规划文件分析 > （七）营造环境，制定完善大数据保障措施 > 4. 人才政策方面"),
        ("#### 4. 人才政策方面", "一、我国大数据发展规划文件分析 > （七）营造环境，制定完善大数据保障措施 > 4. 人才政策方面"),
        ("# 一、我国大数据发展规划文件分析", "一、我国大数据发展规划文件分析"),
        ("### 1. 中央政府大数据文件", "一、我国大数据发展规划文件分析 > (一) 顶层设计，加速实施国家大数据战略 > 1. 中央政府大数据文件"),
        ("部分省份与城市在制定大数据发展规划时",
         "一、我国大数据发展规划文件分析 > (一) 顶层设计，加速实施国家大数据战略 > 2. 地方政府大数据发展规划 > (3) 以赶超发达地区产业为目标的追赶型发展规划"),
        ("37 个省市中有 20 个明确提出产值目标", "一、我国大数据发展规划文件分析 > (二) 以点带面，指明特色大数据发展道路 > 2、大数据产业规模分析"),
        ("#### （四）突破壁垒", "一、我国大数据发展规划文件分析 > （四）突破壁垒，推进数据流通迈向新征程"),
        ("## 2. 大数据倒逼带宽承载能力提升", "一、我国大数据发展规划文件分析 > （三）政府搭台，力推大数据基础设施建设 > 2. 大数据倒逼带宽承载能力提升"),
        ("随着大数据产业链及技术体系逐渐成熟", "一、我国大数据发展规划文件分析 > （六）一体两翼，数据安全与应用产业齐飞"),
        ("**大数据领域投融资市场日趋活跃。**", "二、我国大数据发展取得的成效 > （一）区域特色创新发展，数据产业快速集聚 > 2、大数据产业建设方兴未艾"),
        ("**积极开展金融大数据应用与产业创新。**", "二、我国大数据发展取得的成效 > (二) 行业应用逐步深入，产品服务日益成熟"),
        ("**一是缺乏大数据产业统计标准", "三、我国大数据发展规划建议"),
        ("### 3. 提升大数据安全及敏感信息管控能力", "三、我国大数据发展规划建议 > 3. 提升大数据安全及敏感信息管控能力"),
        ("## 版权声明", "版权声明"),
        ("(三) 政府搭台, 力推大数据基础设施建设 .....", "目 录"),
    ])
    func sections(line: String, path: String) throws {
        #expect(try section(ofLineStartingWith: line, in: parsed) == path)
    }

    @Test("the table of contents opens no section, and no label keeps bold marks")
    func tableOfContentsAndMarks() {
        let document = parsed
        for section in document.sections {
            #expect(!section.contains("*") && !section.contains("<b>"), "\(section)")
            // Only the table of contents' own heading: none of its entries.
            #expect(!section.hasPrefix("目 录 >"), "\(section)")
        }
    }

    @Test("along every section path the numbering only descends: 一、 above （一） above 1. above （1）")
    func numberingDescends() throws {
        let document = parsed
        for path in document.sections {
            let ranks = path.components(separatedBy: " > ").compactMap { SectionHeading.recognize(Substring($0))?.rank }
            #expect(zip(ranks, ranks.dropFirst()).allSatisfy { $0 < $1 }, "\(path)")
        }
    }

    @Test("as Word and as a web page, each line has the section it has as text")
    func convertedFormats() throws {
        let text = report.text
        let lines = grepLines(text)
        let asText = splitter.parse(text, fallbackTitle: "seed")

        // Word, as a converter writes Markdown: `#` marks as heading levels, bold as formatting.
        let paragraphs = lines.map { line -> DOCXFixture.Paragraph in
            let marks = line.prefix { $0 == "#" }.count
            let content = Self.withoutBold(String(line.dropFirst(marks)).trimmingWhitespace())
            return marks > 0 && marks <= 6 ? .init(text: content, outlineLevel: marks - 1) : .init(text: Self.withoutBold(line))
        }
        let docx = try DocumentExtractor.extract(try DOCXFixture(paragraphs: paragraphs).bytes(), path: "seed.docx")
        let asWord = splitter.parse(docx.text, fallbackTitle: "seed")
        #expect(asWord.title == asText.title)
        #expect(Self.sectionsByLine(asWord) == Self.sectionsByLine(asText))

        // A web page: <h1>…<h6> and <p>.
        var html = "<html><head><title>报告</title></head><body>\n"
        for line in lines where !line.trimmingWhitespace().isEmpty {
            let marks = line.prefix { $0 == "#" }.count
            let content = Self.escape(Self.withoutBold(String(line.dropFirst(marks)).trimmingWhitespace()))
            html += marks > 0 && marks <= 6 ? "<h\(marks)>\(content)</h\(marks)>\n" : "<p>\(content)</p>\n"
        }
        html += "</body></html>\n"
        let page = try DocumentExtractor.extract(Array(html.utf8), path: "seed.html")
        let asPage = splitter.parse(page.text, fallbackTitle: "seed")
        #expect(asPage.title == asText.title)
        #expect(Self.sectionsInOrder(asPage) == Self.sectionsInOrder(asText))
    }

    static func withoutBold(_ text: String) -> String {
        text.replacingOccurrences(of: "**", with: "").replacingOccurrences(of: "<b>", with: "").replacingOccurrences(of: "</b>", with: "")
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }

    /// Each line's section path, by line number.
    static func sectionsByLine(_ document: ParsedDocument) -> [Int: String] {
        Dictionary(document.passages.map { ($0.line, document.section(of: $0)) }) { first, _ in first }
    }

    /// Each line's section path, in the order of the lines.
    static func sectionsInOrder(_ document: ParsedDocument) -> [String] {
        sectionsByLine(document).sorted { $0.key < $1.key }.map(\.value)
    }
}
