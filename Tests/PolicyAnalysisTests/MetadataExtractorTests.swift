import Testing

@testable import PolicyAnalysis

@Suite struct MetadataExtractorTests {
    func extract(_ text: String, title: String) -> [String: String] {
        MetadataExtractor.extract(lines: text.split(separator: "\n", omittingEmptySubsequences: false), title: title)
    }

    @Test func stateCouncilHeaderLines() {
        let fields = extract("""
            # 国务院关于印发国家职业教育改革实施方案的通知

            - 发文字号: 国发〔2019〕4号
            - 发文机关: 国务院
            - 来源: http://www.gov.cn/zhengce/content/2019-02/13/content_5365341.htm
            正文。
            2019年1月24日
            """, title: "国务院关于印发国家职业教育改革实施方案的通知")
        #expect(fields["number"] == "国发〔2019〕4号")
        #expect(fields["issuer"] == "国务院")
        #expect(fields["date"] == "2019-01-24")
        #expect(fields["type"] == "实施方案")
        #expect(fields["region"] == "全国")
        #expect(fields["level"] == "国家级")
    }

    @Test func numbersInTheTextAndIssuerFromTheTitle() {
        let fields = extract("贵州省人民政府关于印发贵州省大数据发展应用促进行动计划的通知\n黔府发[2016]8号\n各市、自治州人民政府：\n",
                             title: "贵州省人民政府关于印发贵州省大数据发展应用促进行动计划的通知")
        #expect(fields["number"] == "黔府发[2016]8号")
        #expect(fields["issuer"] == "贵州省人民政府")
        #expect(fields["type"] == "行动计划")
        #expect(fields["region"] == "贵州")
        #expect(fields["level"] == "省级")
    }

    @Test func cityRegulationWithAnOrderNumberAndAFullWidthDate() {
        let fields = extract("中山市人民政府令\n（第16号）\n２０２０年５月１５日\n中山市政务数据管理办法\n", title: "中山市政务数据管理办法")
        #expect(fields["date"] == "2020-05-15")
        #expect(fields["type"] == "管理办法")
        #expect(fields["region"] == "中山市")
        #expect(fields["level"] == "市级")
    }

    @Test(arguments: [
        ("国发〔2015〕50号", "国发〔2015〕50号"), ("　（国办发（２０１６）第 7号）", "国办发（２０１６）第 7号"),
        ("依据国办发（2016）第 7号", nil), ("国办发（2016）7号文件", nil), ("根据《行动纲要》（国发〔2015〕50号）", nil),
        ("2015年", nil), ("〔2015〕50号", nil),
    ])
    func documentNumbers(line: String, number: String?) {
        #expect(MetadataExtractor.documentNumber(in: line) == number)
    }

    @Test(arguments: [
        ("2016年3月15日印发", "2016-03-15"), ("发布日期: 2026-02-09", "2026-02-09"), ("2016年3月", nil),
        ("12016年3月15日", nil), ("2016/3/5", "2016-03-05"),
    ])
    func dates(line: String, date: String?) {
        #expect(MetadataExtractor.isoDate(line) == date)
    }

    @Test("province-level regions group under their short names, whichever way a document names them",
          arguments: [("上海市", "上海"), ("安徽省", "安徽"), ("广西壮族自治区", "广西"), ("宁夏回族自治区", "宁夏"),
                      ("新疆维吾尔自治区", "新疆"), ("内蒙古自治区", "内蒙古"), ("贵州", "贵州"), ("郑州市", "郑州市"),
                      ("全国", "全国"), (" 北京市 ", "北京")])
    func canonicalRegions(region: String, expected: String) {
        #expect(MetadataExtractor.canonicalRegion(region) == expected)
    }

    @Test("a labelled 省份 line gives the short name and the provincial level")
    func labelledProvince() {
        let fields = extract("省份: 上海市\n上海市人民政府办公厅关于印发方案的通知\n", title: "上海市人民政府办公厅关于印发方案的通知")
        #expect(fields["region"] == "上海")
        #expect(fields["level"] == "省级")
    }

    @Test("cities come from the opening of the title or issuer, not from 城市, 市场 or a bare 市",
          arguments: [("郑州市人民政府关于推进大数据发展的意见", "郑州市"), ("驻马店市中小学校幼儿园规划建设条例", "驻马店市"),
                      ("城市供水条例", nil), ("人力资源市场暂行条例", nil), ("杭州城市大脑赋能城市治理促进条例", nil),
                      ("关于市人民政府向市人民代表大会常务委员会报告重大事项的若干规定", nil),
                      ("地址：北京市西长安街13号", nil), ("市场支配者捆绑销售服务", nil)] as [(String, String?)])
    func cities(title: String, expected: String?) {
        #expect(MetadataExtractor.city(in: title) == expected)
        #expect(extract("正文。\n", title: title)["region"] == expected)
    }
}
