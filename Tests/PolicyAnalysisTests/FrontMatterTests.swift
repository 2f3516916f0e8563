import Testing
@testable import PolicyAnalysis

private func lines(_ text: String) -> [Substring] {
    text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { Substring(String(String.UnicodeScalarView($0))) }
}

private func parse(_ text: String) -> (FrontMatter?, String?) {
    var warning: String?
    let frontMatter = FrontMatter.parse(lines: lines(text), warning: &warning)
    return (frontMatter, warning)
}

@Suite("FrontMatter")
struct FrontMatterTests {
    @Test("fields and line count")
    func fields() throws {
        let (frontMatter, warning) = parse("---\ntitle: 数据交易管理办法\nissuer: 国务院办公厅\nyear: 2024\ntags: [数据, 交易]\n---\n正文。\n")
        let parsed = try #require(frontMatter)
        #expect(warning == nil)
        #expect(parsed.lineCount == 6)
        #expect(parsed.fields["title"] == "数据交易管理办法")
        #expect(parsed.fields["issuer"] == "国务院办公厅")
        #expect(parsed.fields["year"] == "2024")
        #expect(parsed.fields["tags"] == "数据; 交易")
        #expect(parsed.fields.count == 4)
    }

    @Test("a nested mapping is left out")
    func nestedMapping() throws {
        let (frontMatter, warning) = parse("---\ntitle: 标题\nsource:\n  url: https://www.gov.cn\n---\n")
        let parsed = try #require(frontMatter)
        #expect(warning == nil)
        #expect(parsed.fields == ["title": "标题"])
    }

    @Test("... closes the front matter too")
    func dotsClose() throws {
        let (frontMatter, _) = parse("---\ntitle: 标题\n...\n正文。")
        let parsed = try #require(frontMatter)
        #expect(parsed.lineCount == 3)
        #expect(parsed.fields["title"] == "标题")
    }

    @Test("fences may carry white space around them")
    func fenceWhiteSpace() throws {
        let (frontMatter, _) = parse("---  \ntitle: 标题\n\t---\r\n正文。")
        #expect(try #require(frontMatter).fields["title"] == "标题")
    }

    @Test("no closing fence: no front matter")
    func noClosingFence() {
        let (frontMatter, warning) = parse("---\ntitle: 标题\n正文。\n")
        #expect(frontMatter == nil)
        #expect(warning == nil)
    }

    @Test("a closing fence after more than 200 lines is not looked for")
    func closingFenceTooFar() {
        let body = (1...200).map { "note\($0): x" }.joined(separator: "\n")
        let (far, _) = parse("---\n" + body + "\n---\n")
        #expect(far == nil)
        let near = (1...199).map { "note\($0): x" }.joined(separator: "\n")
        let (found, _) = parse("---\n" + near + "\n---\n")
        #expect(found?.lineCount == 201)
    }

    @Test("a document that does not start with --- has none")
    func notAtStart() {
        #expect(parse("\n---\ntitle: 标题\n---\n").0 == nil)
        #expect(parse("正文。\n---\ntitle: 标题\n---\n").0 == nil)
        #expect(parse("").0 == nil)
        var warning: String?
        #expect(FrontMatter.parse(lines: [], warning: &warning) == nil)
    }

    @Test("empty front matter: no fields, no warning")
    func emptyFrontMatter() throws {
        let (frontMatter, warning) = parse("---\n---\n正文。")
        let parsed = try #require(frontMatter)
        #expect(parsed.fields.isEmpty)
        #expect(parsed.lineCount == 2)
        #expect(warning == nil)
    }

    @Test("invalid YAML: a warning naming the line, the fences still counted")
    func invalidYAML() throws {
        let (frontMatter, warning) = parse("---\ntitle: 标题\nissuer: [国务院\n---\n正文。")
        let parsed = try #require(frontMatter)
        #expect(parsed.fields.isEmpty)
        #expect(parsed.lineCount == 4)
        let text = try #require(warning)
        #expect(text.contains("not valid YAML"))
        #expect(text.contains("line"))
    }

    @Test("YAML that is not a mapping: a warning")
    func notAMapping() throws {
        let (frontMatter, warning) = parse("---\n- 数据\n- 交易\n---\n")
        #expect(try #require(frontMatter).fields.isEmpty)
        #expect(warning?.contains("not a YAML mapping") == true)
    }

    @Test("dates are kept as written")
    func datesAsWritten() throws {
        let (frontMatter, _) = parse("---\ndate: 2024-01-02\n---\n")
        let parsed = try #require(frontMatter)
        // The documentation says "dates as written"; Yams resolves the scalar to
        // a Date first, and its description is "2024-01-02 00:00:00 +0000".
        #expect(parsed.fields["date"] == "2024-01-02")
    }

    @Test("scalar values are kept as text as written")
    func scalarsAsWritten() throws {
        let (frontMatter, _) = parse("---\nnumber: 0012\nsubtitle:\nversion: 1.10\n---\n")
        let parsed = try #require(frontMatter)
        // Yams resolves 0012 as an octal integer (10), an empty value as null
        // (described as "<null>") and 1.10 as the number 1.1.
        #expect(parsed.fields["number"] == "0012")
        #expect(parsed.fields["subtitle"] == nil || parsed.fields["subtitle"] == "")
        #expect(parsed.fields["version"] == "1.10")
    }
}
