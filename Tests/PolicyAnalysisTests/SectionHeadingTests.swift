import Testing
@testable import PolicyAnalysis

private func recognize(_ line: String) -> SectionHeading? {
    SectionHeading.recognize(Substring(line))
}

@Suite("SectionHeading and SectionPath")
struct SectionHeadingTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var line: String
        var rank: Int
        var label: String
        var testDescription: String { line }
    }

    @Test("headings are recognised with their rank and label", arguments: [
        Case(line: "一、总体要求", rank: 30, label: "一、总体要求"),
        Case(line: "十二、保障措施", rank: 30, label: "十二、保障措施"),
        Case(line: "（一）指导思想", rank: 32, label: "（一）指导思想"),
        Case(line: "(二) 顶层设计", rank: 32, label: "(二) 顶层设计"),
        Case(line: "（十）其他", rank: 32, label: "（十）其他"),
        Case(line: "1. 加强组织", rank: 34, label: "1. 加强组织"),
        Case(line: "2、强化保障", rank: 34, label: "2、强化保障"),
        Case(line: "１．完善制度", rank: 34, label: "１．完善制度"),
        Case(line: "（1）数据采集", rank: 36, label: "（1）数据采集"),
        Case(line: "(12)数据共享", rank: 36, label: "(12)数据共享"),
        Case(line: "第一编　总则", rank: 12, label: "第一编　总则"),
        Case(line: "第一章　总则", rank: 14, label: "第一章　总则"),
        Case(line: "第一章 总则", rank: 14, label: "第一章 总则"),
        Case(line: "第三节 数据交易", rank: 16, label: "第三节 数据交易"),
        Case(line: "第十二条　为了规范数据处理活动，制定本法。", rank: 18, label: "第十二条"),
        Case(line: "第一百二十条 本法自公布之日起施行。", rank: 18, label: "第一百二十条"),
        Case(line: "第 3 条 适用范围", rank: 18, label: "第 3 条"),
        Case(line: "## 第二章 数据安全", rank: 14, label: "第二章 数据安全"),
        Case(line: "### 一、总体要求", rank: 30, label: "一、总体要求"),
        Case(line: "### 背景", rank: 4, label: "背景"),
        Case(line: "## 背景 ##", rank: 2, label: "背景"),
        Case(line: "# 标题", rank: 0, label: "标题"),
        Case(line: "######\t六级", rank: 10, label: "六级"),
    ])
    func recognised(_ c: Case) throws {
        let heading = try #require(recognize(c.line))
        #expect(heading.rank == c.rank)
        #expect(heading.label == c.label)
    }

    @Test("ordinary lines are not headings", arguments: [
        "1.5万亿元的规模",
        "2020.",
        "2020年，全市数字经济规模突破1万亿元。",
        "第三方机构应当依法开展评估。",
        "第一批试点城市名单",
        "#标题",
        "####### 七级",
        "#",
        "## ",
        "为了规范数据处理活动，制定本法。",
        "一是加强组织领导。",
        "（注：本表数据截至年底）",
        "",
    ])
    func notHeadings(line: String) {
        #expect(recognize(line) == nil)
    }

    @Test("a label runs to its sentence end or colon; beyond the maximum length, to its first comma")
    func labelCutAtPause() throws {
        // A comma joins the two halves of one heading (the seed report's （七）营造环境，制定完善大数据保障措施).
        #expect(try #require(recognize("一、坚持创新驱动发展，全面塑造发展新优势")).label == "一、坚持创新驱动发展，全面塑造发展新优势")
        #expect(try #require(recognize("一、坚持创新驱动发展，全面塑造发展新优势，加快建设现代化产业体系")).label == "一、坚持创新驱动发展")
        #expect(try #require(recognize("（二）加强组织领导。各地区要建立工作机制")).label == "（二）加强组织领导")
        #expect(try #require(recognize("1. 统筹规划：建设全省一体化平台")).label == "1. 统筹规划")
        #expect(try #require(recognize("第二章 数据安全制度，附则")).label == "第二章 数据安全制度，附则")
        #expect(try #require(recognize("（三）基本原则：坚持统筹规划，坚持创新驱动")).label == "（三）基本原则")
        // The 、 of 一、 is numbering, not a pause.
        #expect(try #require(recognize("二、主要任务")).label == "二、主要任务")
    }

    @Test("a long heading without a pause is cut at maximumLabelLength and marked with …")
    func labelCutAtMaximumLength() throws {
        let line = "三、加快推进数字政府建设和公共数据资源开发利用工作的总体要求与主要任务"
        #expect(line.unicodeScalars.count > SectionHeading.maximumLabelLength)
        let heading = try #require(recognize(line))
        #expect(heading.rank == 30)
        #expect(heading.label.hasSuffix("…"))
        #expect(heading.label.unicodeScalars.count == SectionHeading.maximumLabelLength + 1)
        #expect(line.hasPrefix(String(heading.label.dropLast())))

        // One character more than maximumLabelLength: cut.
        let over = "# " + String(repeating: "数", count: SectionHeading.maximumLabelLength + 1)
        #expect(try #require(recognize(over)).label == String(repeating: "数", count: SectionHeading.maximumLabelLength) + "…")
        // Exactly maximumLabelLength characters: kept whole.
        let exact = "# " + String(repeating: "数", count: SectionHeading.maximumLabelLength)
        #expect(try #require(recognize(exact)).label == String(repeating: "数", count: SectionHeading.maximumLabelLength))
    }

    @Test("bold marks are not part of a heading, and do not hide its numbering", arguments: [
        Case(line: "### **(3) 追赶型发展规划**", rank: 36, label: "(3) 追赶型发展规划"),
        Case(line: "## **(二) 以点带面，指明特色大数据发展道路**", rank: 32, label: "(二) 以点带面，指明特色大数据发展道路"),
        Case(line: "### **1、大数据发展定位分析**", rank: 34, label: "1、大数据发展定位分析"),
        Case(line: "## __版权声明__", rank: 2, label: "版权声明"),
        Case(line: "# <b>前言</b>", rank: 0, label: "前言"),
        Case(line: "<b>一、总体要求</b>", rank: 30, label: "一、总体要求"),
        Case(line: "<STRONG>第二章 数据安全</STRONG>", rank: 14, label: "第二章 数据安全"),
        Case(line: "**（一）指导思想**", rank: 32, label: "（一）指导思想"),
        Case(line: "一、**加强**组织领导", rank: 30, label: "一、加强组织领导"),
        Case(line: "### ***1. 加强组织***", rank: 34, label: "1. 加强组织"),
        // A blank to fill in is not emphasis.
        Case(line: "4．本协议书一式____份", rank: 34, label: "4．本协议书一式____份"),
    ])
    func emphasisStripped(_ c: Case) throws {
        try recognised(c)
    }

    @Test("bold text that is no heading stays no heading", arguments: [
        "**二是发挥联盟与专家委员会的作用。**开展大数据领域政策研究。",
        "**最后，完善大数据发展保障机制。**",
        "________________  ________________",
        "<b></b>",
        "**",
        "*（一）斜体不是粗体*",
    ])
    func boldNotHeadings(line: String) {
        #expect(recognize(line) == nil)
    }

    @Test("entries of a table of contents are not headings", arguments: [
        "一、智能制造系统架构..............................................................1",
        "（二）建设目标..........................................................................5",
        "一、总体要求 ............................................. 3",
        "三、实施路径 ............................................ 18",
        "(一) 顶层设计, 加速实施国家大数据战略 .....\t1",
        "<b>一、我国大数据发展规划文件分析</b> .....\t<b>1</b>",
        "**二、我国大数据发展取得的成效** ..... **22**",
        "### 二、建设内容 ........ 4",
        "（三）关键技术标准……………… 12",
        "1. 数据采集·········· 7",
        "第一章 总则．．．．．．．．3",
        "2. 标准体系 . . . . . . . . iv",
    ])
    func tableOfContents(line: String) {
        #expect(recognize(line) == nil)
        #expect(TableOfContents.isEntry(Substring(line)))
    }

    @Test("headings with ellipses or trailing numbers are still headings", arguments: [
        "2. ……",
        "一、对下列情况进行公示：冻结被执行人×××（证件种类、号码：……）持有×××……（股权的数额）",
        "（一）到2025年，数字经济核心产业增加值占比达到10",
        "第三条 本办法所称数据，是指……。",
    ])
    func notTableOfContents(line: String) {
        #expect(recognize(line) != nil)
        #expect(!TableOfContents.isEntry(Substring(line)))
    }

    // MARK: SectionPath

    @Test("第一章, 第一条, 第二条 gives “第一章 总则 > 第二条”")
    func lawPath() throws {
        var path = SectionPath()
        #expect(path.isEmpty)
        #expect(path.description == "")
        path.open(try #require(recognize("第一章 总则")))
        #expect(path.description == "第一章 总则")
        path.open(try #require(recognize("第一条 为了规范数据处理活动，制定本法。")))
        #expect(path.description == "第一章 总则 > 第一条")
        path.open(try #require(recognize("第二条 本法适用于数据处理活动。")))
        #expect(path.description == "第一章 总则 > 第二条")
        // A new chapter closes the clause and the old chapter.
        path.open(try #require(recognize("第二章 数据安全")))
        #expect(path.description == "第二章 数据安全")
        path.open(try #require(recognize("第三条 国家建立数据分类分级保护制度。")))
        #expect(path.description == "第二章 数据安全 > 第三条")
    }

    @Test("编, 章, 节, 条 nest; a 节 closes the clause but not the chapter")
    func lawLevels() throws {
        var path = SectionPath()
        for line in ["第一编 总则", "第一章 一般规定", "第一节 适用范围", "第一条 内容"] {
            path.open(try #require(recognize(line)))
        }
        #expect(path.description == "第一编 总则 > 第一章 一般规定 > 第一节 适用范围 > 第一条")
        path.open(try #require(recognize("第二节 基本原则")))
        #expect(path.description == "第一编 总则 > 第一章 一般规定 > 第二节 基本原则")
        path.open(try #require(recognize("第二编 分则")))
        #expect(path.description == "第二编 分则")
    }

    @Test("一、 then （一） then 二、 gives “二、…”")
    func officialNumbering() throws {
        var path = SectionPath()
        path.open(try #require(recognize("一、总体要求")))
        path.open(try #require(recognize("（一）指导思想")))
        #expect(path.description == "一、总体要求 > （一）指导思想")
        path.open(try #require(recognize("1. 坚持统筹规划")))
        path.open(try #require(recognize("（1）数据采集")))
        #expect(path.description == "一、总体要求 > （一）指导思想 > 1. 坚持统筹规划 > （1）数据采集")
        path.open(try #require(recognize("（二）基本原则")))
        #expect(path.description == "一、总体要求 > （二）基本原则")
        path.open(try #require(recognize("二、主要任务")))
        #expect(path.description == "二、主要任务")
    }

    @Test("the numbering decides the level of a numbered heading, not its # marks")
    func numberingBeatsMarkdownLevels() throws {
        var path = SectionPath()
        for line in ["# 一、文件分析", "## (一) 顶层设计", "### 1. 中央政府", "## 2. 地方政府", "### （1）引领型"] {
            path.open(try #require(recognize(line)))
        }
        #expect(path.description == "一、文件分析 > (一) 顶层设计 > 2. 地方政府 > （1）引领型")
        // Siblings written with more or fewer marks than the heading above them.
        path.open(try #require(recognize("#### （四）突破壁垒")))
        #expect(path.description == "一、文件分析 > （四）突破壁垒")
        path.open(try #require(recognize("## 2. 大数据倒逼")))
        path.open(try #require(recognize("#### 4. 人才政策方面")))
        #expect(path.description == "一、文件分析 > （四）突破壁垒 > 4. 人才政策方面")
        path.open(try #require(recognize("### 三、规划建议")))
        #expect(path.description == "三、规划建议")
    }

    @Test("a numbered # heading closes Markdown headings without numbering of as many marks or more")
    func numberedClosesMarkdown() throws {
        var path = SectionPath()
        path.open(try #require(recognize("## 目 录")))
        #expect(path.description == "目 录")
        path.open(try #require(recognize("# 一、文件分析")))
        #expect(path.description == "一、文件分析")
        // A numbered heading with more marks stays inside a Markdown heading.
        path.open(try #require(recognize("# 附录")))
        path.open(try #require(recognize("## 二、表格")))
        #expect(path.description == "附录 > 二、表格")
        // Numbering without marks nests inside Markdown headings, as before …
        path.open(try #require(recognize("## 背景")))
        path.open(try #require(recognize("一、总体要求")))
        #expect(path.description == "附录 > 背景 > 一、总体要求")
        // … and below an open numbered heading, the numbering says where a heading belongs.
        path.open(try #require(recognize("## （一）指导思想")))
        #expect(path.description == "附录 > 背景 > 一、总体要求 > （一）指导思想")
    }

    @Test("official numbering nests inside Markdown headings")
    func markdownAndNumbering() throws {
        var path = SectionPath()
        path.open(try #require(recognize("# 实施方案")))
        path.open(try #require(recognize("## 背景")))
        path.open(try #require(recognize("一、总体要求")))
        #expect(path.description == "实施方案 > 背景 > 一、总体要求")
        path.open(try #require(recognize("## 附件")))
        #expect(path.description == "实施方案 > 附件")
    }
}
