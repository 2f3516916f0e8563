import Foundation
import Testing

@testable import PolicyAnalysis

/// Citations found in documents' text: numbers in every bracket and digit
/// form, titles with aliases and articles, and nothing a document says of
/// itself.
@Suite struct CitationExtractorTests {
    static func normalized(_ text: String) -> [UInt32] { try! TextNormalizer().normalize(text).scalars }

    /// The citations of a document of these lines (each a passage; the first
    /// `header` before any heading).
    static func extract(_ lines: [String], title: String = "某市人民政府关于推进数据要素市场化的实施意见",
                        path: String = "plans/a.md", fields: [String: String] = [:], header: Int = 2) -> DocumentCitations {
        CitationExtractor.extract(path: path, title: ScalarText.string(normalized(title)), fields: fields,
                                  passages: lines.map(normalized), headerCount: header)
    }

    @Test(arguments: [
        ("国发〔2015〕50号", "国发〔2015〕50号"), ("黔府发[2016]8号", "黔府发〔2016〕8号"), ("国办函﹝2005﹞57号", "国办函〔2005〕57号"),
        ("国办发（2016）第 7号", "国办发〔2016〕7号"), ("国发［２０１５］５０号", "国发〔2015〕50号"), ("法释〔2015〕5号", "法释〔2015〕5号"),
        ("人社部发〔2021)73号", "人社部发〔2021〕73号"), ("京政发 【2016】 032 号", "京政发〔2016〕32号"),
        ("国务院令第735号", "国务院令第735号"), ("中华人民共和国主席令第六十四号", "主席令第64号"), ("國發〔2015〕50號", "国发〔2015〕50号"),
    ])
    func numbersInEveryFormComeToOneForm(written: String, normalized: String) {
        let found = DocumentNumber.matches(in: Self.normalized("根据\(written)精神"))
        #expect(found.map(\.normalized) == [normalized])
        #expect(DocumentNumber.normalized(written) == (written.contains("國") ? nil : normalized)
                || DocumentNumber.normalized(ScalarText.string(Self.normalized(written))) == normalized)
    }

    @Test(arguments: ["〔2015〕50号", "2015年50号", "国发〔15〕50号", "国发〔2015〕号", "第50号文件", "（一）", "国发〔2015〕50"])
    func whatIsNoNumber(text: String) {
        #expect(DocumentNumber.matches(in: Self.normalized(text)).isEmpty, "\(text)")
    }

    @Test func theIssuersAbbreviationStopsAtTheWordsBeforeIt() {
        let found = DocumentNumber.matches(in: Self.normalized("按照国务院办公厅印发国办发〔2016〕7号文件和依据财税〔2016〕36号的要求"))
        #expect(found.map(\.normalized) == ["国办发〔2016〕7号", "财税〔2016〕36号"])
    }

    @Test func titlesAliasesAndArticles() {
        let document = Self.extract([
            "# 某市人民政府关于推进数据要素市场化的实施意见",
            "某政发〔2020〕3号",
            "为贯彻落实《促进大数据发展行动纲要》（国发〔2015〕50号，以下简称《纲要》）和《中华人民共和国网络安全法》第二十一条第二款的规定，",
            "依照《纲要》的部署，落实《关于修改〈中华人民共和国网络安全法〉的决定》。",
            "根据《数据安全法》（以下简称“数安法”），“数安法”要求……《不是标题。真的》",
        ], header: 2)
        #expect(document.numbers == ["某政发〔2020〕3号"])
        let shown = document.citations.map { "\($0.passage) \($0.kind == .title ? "《\($0.target)》" : $0.target)\($0.article)\($0.isAlias ? " alias" : "")" }
        #expect(shown == [
            "2 《促进大数据发展行动纲要》", "2 国发〔2015〕50号", "2 《中华人民共和国网络安全法》第二十一条第二款",
            "3 《促进大数据发展行动纲要》 alias", "3 《关于修改〈中华人民共和国网络安全法〉的决定》",
            "4 《数据安全法》", "4 《数据安全法》 alias",
        ])
    }

    @Test func aTitleThatALineBreakCutsIsJoined() {
        let document = Self.extract(["# 某方案", "中共中央、国务院印发《数字", "中国建设整体布局规划》，按照《数据", "二十条》要求。", "《未闭合的标题", "正文。"], header: 1)
        #expect(document.citations.map { "\($0.passage) \($0.target)" } == ["1 数字中国建设整体布局规划", "2 数据二十条"])
    }

    @Test func aDocumentDoesNotCiteItself() {
        // A notice that issues a plan: the plan's title is its own; its own
        // number stands alone under the title.
        let document = Self.extract([
            "# 国务院关于印发促进大数据发展行动纲要的通知",
            "（国发〔2015〕50号）",
            "现将《促进大数据发展行动纲要》印发给你们，请认真贯彻执行。国发〔2015〕50号文件自印发之日起施行。",
            "《国务院关于积极推进“互联网+”行动的指导意见》（国发〔2015〕40号）",
        ], title: "国务院关于印发促进大数据发展行动纲要的通知", header: 2)
        #expect(document.numbers == ["国发〔2015〕50号"])
        #expect(document.citations.map(\.target) == ["国务院关于积极推进“互联网+”行动的指导意见", "国发〔2015〕40号"])
    }

    @Test func aNumberInsideASentenceIsNoDocumentsOwn() {
        // MetadataExtractor used to take the first number of the opening lines.
        let fields = MetadataExtractor.extract(lines: ["# 关于推进智能航运发展的指导意见", "为深入落实《国务院关于印发新一代人工智能发展规划的通知》（国发〔2017〕35号）精神，"],
                                               title: "关于推进智能航运发展的指导意见")
        #expect(fields["number"] == nil)
        let document = Self.extract(["# 关于推进智能航运发展的指导意见", "为深入落实《国务院关于印发新一代人工智能发展规划的通知》（国发〔２０１７〕３５号）精神，"],
                                    title: "关于推进智能航运发展的指导意见", fields: fields, header: 2)
        #expect(document.numbers.isEmpty)
        #expect(document.citations.map(\.target) == ["国务院关于印发新一代人工智能发展规划的通知", "国发〔2017〕35号"])
    }

    @Test func theVersionDateOfALaw() {
        let header = ["# 中华人民共和国民事诉讼法", "1991年4月9日 第七届全国人民代表大会第四次会议通过",
                      "根据2017年6月27日第十二届全国人民代表大会常务委员会第二十八次会议《关于修改〈中华人民共和国民事诉讼法〉和〈中华人民共和国行政诉讼法〉的决定》第二次修正"]
        #expect(Self.extract(header, path: "laws/民事诉讼法(2021-12-24).md", header: 3).versionDate == "2021-12-24")
        #expect(Self.extract(header, path: "laws/民事诉讼法.md", header: 3).versionDate == "2017-06-27")
        #expect(Self.extract(["# 某规划", "正文"], path: "plans/b.md", fields: ["date": "2016-03-15"], header: 1).versionDate == "2016-03-15")
    }

    @Test func titleKeysCompareTheWaysATitleIsCited() {
        #expect(TitleKey.key("中华人民共和国网络安全法") == TitleKey.key("网络安全法"))
        #expect(TitleKey.key("大数据产业发展规划(2016-2020年)") == "大数据产业发展规划")
        #expect(TitleKey.key("数据交易管理办法(试行)") == "数据交易管理办法")
        #expect(TitleKey.key("国务院关于积极推进“互联网+”行动的指导意见") == "国务院关于积极推进互联网+行动的指导意见")
        #expect(TitleKey.keys("国务院关于印发促进大数据发展行动纲要的通知")
                == ["国务院关于印发促进大数据发展行动纲要的通知", "关于印发促进大数据发展行动纲要的通知", "促进大数据发展行动纲要"])
        #expect(TitleKey.key("(2016-2020年)") == "(2016-2020年)", "a qualifier alone is the whole title")
    }

    /// Passages of ../shared/corpus: what a reader sees there is found.
    @Test func realPassagesOfTheSharedCorpus() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path + "/shared/corpus"
        let file = root + "/plans/ai-digital-policies/central/110_2019-05-09.md"
        guard FileManager.default.fileExists(atPath: file) else {
            print("skipped: ../shared/corpus is absent (realPassagesOfTheSharedCorpus)")
            return
        }
        let text = try String(contentsOfFile: file, encoding: .utf8)
        let line = try #require(text.split(separator: "\n").first { $0.contains("国发〔２０１７〕３５号") })
        let document = Self.extract(["# 智能航运发展指导意见", String(line)], header: 1)
        #expect(document.citations.contains { $0.kind == .number && $0.target == "国发〔2017〕35号" })
        #expect(document.citations.contains { $0.kind == .title && $0.target == "国务院关于印发新一代人工智能发展规划的通知" },
                "« » around a title: \(document.citations.map(\.target))")
    }
}
