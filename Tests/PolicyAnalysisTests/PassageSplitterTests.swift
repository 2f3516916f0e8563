import Testing
@testable import PolicyAnalysis

/// The line of a scalar offset as `grep -n` counts it: 1 + the number of "\n" before it.
func grepLine(of offset: Int, in scalars: [UInt32]) -> Int {
    scalars[..<offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
}

/// The lines of a text split at "\n" only, as grep sees them.
func grepLines(_ text: String) -> [String] {
    text.unicodeScalars.split(separator: "\n", omittingEmptySubsequences: false).map { String(String.UnicodeScalarView($0)) }
}

extension ParsedDocument {
    var passageTexts: [String] { passages.map { text(of: $0) } }
    var passageLines: [Int] { passages.map(\.line) }
    var passageSections: [String] { passages.map { section(of: $0) } }
}

private func removingWhitespace(_ text: String) -> String {
    String(String.UnicodeScalarView(text.unicodeScalars.filter { !CharacterClasses.isWhitespace($0.value) }))
}

@Suite("PassageSplitter")
struct PassageSplitterTests {
    let splitter = PassageSplitter()

    // MARK: Lines

    @Test("an English first heading gives way to the Chinese title line, and is no section")
    func chineseTitleOverEnglishHeading() {
        let text = "# Guidelines for the Construction of a Standards System\n\n- Source URL: http://example.org\n\n国家智能制造标准体系建设指南\n一、总体要求\n推进标准体系建设。\n"
        let document = splitter.parse(text, fallbackTitle: "fallback")
        #expect(document.title == "国家智能制造标准体系建设指南")
        let body = document.passages.first { document.text(of: $0) == "推进标准体系建设。" }
        #expect(body.map(document.section(of:)) == "一、总体要求")
        #expect(!document.sections.contains { $0.contains("Guidelines") })
    }

    @Test("line numbers are 1-based and count \\n only; blank lines give no passages")
    func lineNumbers() {
        let text = "数据交易管理办法\n\n第一段。\n   \n\t\n第二段。\n第三段。"
        let document = splitter.parse(text, fallbackTitle: "fallback")
        #expect(document.passageTexts == ["数据交易管理办法", "第一段。", "第二段。", "第三段。"])
        #expect(document.passageLines == [1, 3, 6, 7])
        #expect(document.lineCount == 7)
        for passage in document.passages {
            #expect(passage.line == grepLine(of: passage.range.lowerBound, in: document.scalars))
        }
    }

    @Test("with \\r\\n line ends, line numbers agree with grep -n and passages carry no \\r")
    func crlf() {
        let text = "数据交易管理办法\r\n\r\n第一条 总则。\r\n第二条 适用范围。\r\n\r\n  第三段，前后有空白。  \r\n"
        let document = splitter.parse(text, fallbackTitle: "fallback")
        #expect(document.passageTexts == ["数据交易管理办法", "第一条 总则。", "第二条 适用范围。", "第三段，前后有空白。"])
        #expect(document.passageLines == [1, 3, 4, 6])
        let lines = grepLines(text)
        for passage in document.passages {
            #expect(passage.line == grepLine(of: passage.range.lowerBound, in: document.scalars))
            #expect(lines[passage.line - 1].trimmingWhitespace() == document.text(of: passage))
            #expect(!document.text(of: passage).contains("\r"))
        }
        // A lone \r is not a line end (grep does not count it either).
        let lone = splitter.parse("第一段。\r第一段续。\n第二段。", fallbackTitle: "fallback")
        #expect(lone.passageLines == [1, 2])
    }

    @Test("an empty text, or one of blank lines only, gives no passages and the fallback title")
    func emptyText() {
        for text in ["", "\n", "\n\n  \n\u{3000}\n", "\r\n\r\n"] {
            let document = splitter.parse(text, fallbackTitle: "空文件.md")
            #expect(document.passages.isEmpty)
            #expect(document.sections.isEmpty)
            #expect(document.title == "空文件.md")
            #expect(document.warnings.isEmpty)
        }
    }

    @Test("HTML comment lines are skipped; a line with text after a comment is kept")
    func comments() {
        let text = "# 数据安全法\n2021年6月10日通过\n<!-- INFO END -->\n  <!-- 注释 -->  \n<!-- 注释 --> 正文。\n正文二。"
        let document = splitter.parse(text, fallbackTitle: "fallback")
        #expect(!document.passageTexts.contains { $0.hasPrefix("<!--") && $0.hasSuffix("-->") })
        #expect(document.passageTexts == ["# 数据安全法", "2021年6月10日通过", "<!-- 注释 --> 正文。", "正文二。"])
        #expect(document.passageLines == [1, 2, 5, 6])
    }

    // MARK: Front matter

    @Test("front matter lines are not passages, its fields are read, line numbers stay the file's")
    func frontMatter() {
        let text = """
        ---
        title: 数据交易管理办法
        issuer: 国务院办公厅
        number: 国办发〔2024〕1号
        ---

        # 另一个标题
        第一段。
        第二段。
        """
        let document = splitter.parse(text, fallbackTitle: "fallback")
        #expect(document.title == "数据交易管理办法")
        #expect(document.fields["title"] == "数据交易管理办法")
        #expect(document.fields["issuer"] == "国务院办公厅")
        #expect(document.fields["number"] == "国办发〔2024〕1号")
        #expect(document.warnings.isEmpty)
        #expect(document.passageTexts == ["# 另一个标题", "第一段。", "第二段。"])
        #expect(document.passageLines == [7, 8, 9])
        #expect(!document.passageTexts.contains { $0.contains("issuer") || $0 == "---" })
    }

    @Test("front matter with \\r\\n line ends")
    func frontMatterCRLF() {
        let text = "---\r\ntitle: 数据交易管理办法\r\nissuer: 国务院\r\n---\r\n\r\n正文一。\r\n"
        let document = splitter.parse(text, fallbackTitle: "fallback")
        #expect(document.title == "数据交易管理办法")
        #expect(document.fields["issuer"] == "国务院")
        #expect(document.passageTexts == ["正文一。"])
        #expect(document.passageLines == [6])
    }

    @Test("malformed YAML front matter gives a warning and the document is still parsed")
    func malformedFrontMatter() {
        let text = "---\ntitle: [数据交易\nissuer: 国务院\n---\n数据交易管理办法\n第一段。\n"
        let document = splitter.parse(text, fallbackTitle: "fallback")
        #expect(document.warnings.count == 1)
        #expect(document.warnings.first?.contains("YAML") == true)
        // No field from the broken front matter; only what the text itself says.
        #expect(document.fields == ["type": "管理办法"])
        #expect(document.passageTexts == ["数据交易管理办法", "第一段。"])
        #expect(document.passageLines == [5, 6])
        #expect(document.title == "数据交易管理办法")
    }

    @Test("front matter that is not a mapping gives a warning")
    func frontMatterNotMapping() {
        let document = splitter.parse("---\n- 数据\n- 交易\n---\n正文。\n", fallbackTitle: "fallback")
        #expect(document.warnings.count == 1)
        #expect(document.warnings.first?.contains("mapping") == true)
        #expect(document.passageTexts == ["正文。"])
        #expect(document.passageLines == [5])
    }

    @Test("without a closing fence nothing is front matter and no line is lost")
    func unclosedFrontMatter() {
        let document = splitter.parse("---\ntitle: 标题\n正文。\n", fallbackTitle: "fallback")
        #expect(document.fields.isEmpty)
        #expect(document.warnings.isEmpty)
        #expect(document.passageTexts == ["---", "title: 标题", "正文。"])
        #expect(document.passageLines == [1, 2, 3])
    }

    // MARK: Titles

    @Test("the title comes from front matter first")
    func titleFromFrontMatter() {
        let document = splitter.parse("---\ntitle: 甲标题\n---\n# 乙标题\n正文。", fallbackTitle: "fallback")
        #expect(document.title == "甲标题")
        // A blank front matter title does not count.
        let blank = splitter.parse("---\ntitle: \"  \"\n---\n# 乙标题\n正文。", fallbackTitle: "fallback")
        #expect(blank.title == "乙标题")
    }

    @Test("else the first # heading is the title, and it opens no section")
    func titleFromHeading() {
        let document = splitter.parse("发布日期：2024年1月2日\n# 数据交易管理办法\n一、总体要求\n正文。", fallbackTitle: "fallback")
        #expect(document.title == "数据交易管理办法")
        #expect(document.passageSections == ["", "", "一、总体要求", "一、总体要求"])
        #expect(!document.sections.contains { $0.contains("数据交易管理办法") })
    }

    @Test("a title is shown without letter-spacing debris or bold marks, whichever source names it")
    func titleCleaned() {
        #expect(splitter.parse("# 我国地方政府大数据 发展规划分析报告\n正文。", fallbackTitle: "f").title == "我国地方政府大数据发展规划分析报告")
        #expect(splitter.parse("通  知\n各区人民政府：\n", fallbackTitle: "f").title == "通知")
        #expect(splitter.parse("# **关于推进　数据交易的通知**\n", fallbackTitle: "f").title == "关于推进数据交易的通知")
        #expect(splitter.parse("---\ntitle: 数据 条例\n---\n正文。", fallbackTitle: "f").title == "数据条例")
        #expect(splitter.parse("正文。", fallbackTitle: "通 知").title == "通知")
        // White space between Latin words, or next to a digit or letter, stays.
        #expect(splitter.parse("# Big Data  Development Plan\n", fallbackTitle: "f").title == "Big Data  Development Plan")
        #expect(splitter.parse("# 2016 年 5G 网络建设方案\n", fallbackTitle: "f").title == "2016 年 5G 网络建设方案")
        #expect(TitleText.clean("  通  知  ") == "通知")
    }

    @Test("a converted report: bold headings, # marks that disagree with the numbering, a table of contents")
    func convertedReport() {
        let text = """
            # 分析报告
            ## 目 录
            <b>一、文件分析</b> .....\t<b>1</b>
            (一) 顶层设计 .....\t1
            (二) 以点带面

            (三) 政府搭台 .....\t6
            # 一、文件分析
            ## **(二) 以点带面，指明道路**
            ### **1、定位分析**
            正文甲。
            ### （三）政府搭台
            #### 1. 数据中心
            ## 2. 带宽
            #### （四）突破壁垒
            正文乙。
            """
        let document = splitter.parse(text, fallbackTitle: "f")
        #expect(document.title == "分析报告")
        #expect(document.passageSections == [
            // An entry that lost its leaders, between two that have them, is an entry too.
            "", "目 录", "目 录", "目 录", "目 录", "目 录", "一、文件分析", "一、文件分析 > (二) 以点带面，指明道路", "一、文件分析 > (二) 以点带面，指明道路 > 1、定位分析",
            "一、文件分析 > (二) 以点带面，指明道路 > 1、定位分析", "一、文件分析 > （三）政府搭台", "一、文件分析 > （三）政府搭台 > 1. 数据中心",
            "一、文件分析 > （三）政府搭台 > 2. 带宽", "一、文件分析 > （四）突破壁垒", "一、文件分析 > （四）突破壁垒",
        ])
    }

    @Test("else the first plausible short Chinese line, skipping citation codes and links")
    func titleFromPlainLine() {
        let text = """
        【法宝引证码】 CLI.11.4619854
        原文链接：https://www.pkulaw.com/lar/example.html
        广东省公共数据管理办法
        广东省人民政府令
        第一条 为了规范公共数据管理，制定本办法。
        """
        let document = splitter.parse(text, fallbackTitle: "fallback")
        #expect(document.title == "广东省公共数据管理办法")
        #expect(!document.title.hasPrefix("【"))

        // Lines ending with a sentence end or a pause, ASCII-only lines and
        // links are not titles.
        let skipped = splitter.parse("Policy document 2024\nhttps://www.gov.cn/zhengce\n各省、自治区、直辖市人民政府：\n现将有关事项通知如下。\n关于数据交易的通知\n", fallbackTitle: "fallback")
        #expect(skipped.title == "关于数据交易的通知")
    }

    @Test("else the fallback title")
    func fallbackTitle() {
        let document = splitter.parse("Policy document 2024\n现将有关事项通知如下。\n请认真贯彻执行，\n", fallbackTitle: "通知.txt")
        #expect(document.title == "通知.txt")
        let long = splitter.parse(String(repeating: "数据", count: 40) + "\n", fallbackTitle: "长.txt")
        #expect(long.title == "长.txt")
    }

    // MARK: Long lines

    @Test("a long line of sentences is cut after 。 into passages of at most maximumLength")
    func longLineCutAtSentenceEnds() throws {
        let sentences = [
            "加快推进数据要素市场化配置改革，健全数据交易规则和收益分配机制。",
            "各地区、各部门要统筹推进公共数据开放共享，提升政务服务效能。",
            "有关部门强调“要坚持安全与发展并重，保障数据依法有序流动。”",
            "支持有条件的地方建设数据交易场所，培育数据经纪、合规认证等第三方专业服务机构，推动形成规范有序的数据要素市场。",
            "到二〇二五年，基本建成统一开放的数据要素市场体系。",
        ]
        var line = ""
        var k = 0
        while line.unicodeScalars.count < 1000 {
            line += sentences[k % sentences.count]
            k += 1
        }
        let document = splitter.parse("标题行\n" + line + "\n最后一行。", fallbackTitle: "fallback")
        let pieces = document.passages.filter { $0.line == 2 }
        #expect(pieces.count >= 3)
        let texts = pieces.map { document.text(of: $0) }
        for (index, text) in texts.enumerated() {
            #expect(text.unicodeScalars.count <= splitter.maximumLength)
            if index < texts.count - 1 {
                #expect(text.hasSuffix("。") || text.hasSuffix("。”"), "\(text)")
                #expect(text.unicodeScalars.count >= splitter.minimumLength)
            }
        }
        #expect(texts.joined() == line)
        // Pieces follow each other in the document's scalars.
        #expect(zip(pieces, pieces.dropFirst()).allSatisfy { $0.range.upperBound <= $1.range.lowerBound })
        #expect(document.passages.last.map { document.text(of: $0) } == "最后一行。")
        #expect(document.passages.last?.line == 3)
    }

    @Test("a cut after 。 keeps the closing quote with its sentence")
    func closingQuoteStaysWithSentence() throws {
        let plain = "推进数据要素市场化配置改革健全规则机制。"  // 20 characters
        let quoted = "“推进数据要素市场化配置改革健全规则。”"  // 20 characters, 。 then ”
        #expect(plain.unicodeScalars.count == 20 && quoted.unicodeScalars.count == 20)
        let line = String(repeating: plain, count: 17) + quoted + String(repeating: plain, count: 10)
        let document = splitter.parse(line, fallbackTitle: "fallback")
        let texts = document.passageTexts
        #expect(texts.count == 2)
        let first = try #require(texts.first)
        #expect(first.unicodeScalars.count == 360)
        #expect(first.hasSuffix("。”"))
        #expect(!texts.contains { $0.hasPrefix("”") })
        #expect(texts.joined() == line)
    }

    @Test("white space between sentences is trimmed from the pieces")
    func longLineWithSpaces() {
        var line = "  "
        while line.unicodeScalars.count < 900 { line += "健全数据交易规则和收益分配机制，提升政务服务效能。 \u{3000}" }
        let document = splitter.parse(line, fallbackTitle: "fallback")
        #expect(document.passages.count >= 3)
        for text in document.passageTexts {
            #expect(text.unicodeScalars.count <= splitter.maximumLength)
            #expect(text.trimmingWhitespace() == text)
            #expect(text.hasSuffix("。"))
        }
        #expect(removingWhitespace(document.passageTexts.joined()) == removingWhitespace(line))
    }

    @Test("a line without sentence ends is cut after a pause")
    func longLineCutAtPauses() {
        var line = ""
        while line.unicodeScalars.count < 800 { line += "推进数据要素市场化配置改革，" }
        line += "完善制度"
        let document = splitter.parse(line, fallbackTitle: "fallback")
        let texts = document.passageTexts
        #expect(texts.count >= 3)
        for text in texts.dropLast() {
            #expect(text.hasSuffix("，"))
            #expect(text.unicodeScalars.count <= splitter.maximumLength)
        }
        #expect(texts.joined() == line)
    }

    @Test("a line with no punctuation at all is cut hard at maximumLength")
    func longLineCutHard() {
        let unit = Array("数据交易市场建设".unicodeScalars)
        let line = String(String.UnicodeScalarView((0..<1000).map { unit[$0 % unit.count] }))
        let document = splitter.parse(line, fallbackTitle: "fallback")
        #expect(document.passages.map(\.range.count) == [360, 360, 280])
        #expect(document.passageTexts.joined() == line)
        #expect(document.passageLines == [1, 1, 1])

        let narrow = PassageSplitter(maximumLength: 100, minimumLength: 30)
        let cut = narrow.parse(line, fallbackTitle: "fallback")
        #expect(cut.passages.map(\.range.count) == Array(repeating: 100, count: 10))
    }

    @Test("a line of words separated by spaces is cut at a space, not inside a word")
    func longLineCutAtSpaces() {
        let word = "数据要素市场化配置改革"
        let line = Array(repeating: word, count: 70).joined(separator: " ")
        let document = splitter.parse(line, fallbackTitle: "fallback")
        #expect(document.passages.count >= 3)
        for text in document.passageTexts {
            #expect(text.unicodeScalars.count <= splitter.maximumLength)
            #expect(text.split(separator: " ").allSatisfy { $0 == word })
        }
        #expect(removingWhitespace(document.passageTexts.joined()) == removingWhitespace(line))
    }

    @Test("a line of exactly maximumLength characters is one passage")
    func exactlyMaximumLength() {
        let line = String(repeating: "数", count: splitter.maximumLength)
        #expect(splitter.parse(line, fallbackTitle: "fallback").passages.count == 1)
        #expect(splitter.parse(line + "据", fallbackTitle: "fallback").passages.count == 2)
    }

    // MARK: Sections

    @Test("every passage's section path follows the law's headings")
    func lawSections() {
        let text = """
        # 中华人民共和国测试法

        2021年6月10日通过

        <!-- INFO END -->

        ## 第一章 总则

        第一条 为了规范测试活动，制定本法。

        在本法中，测试是指检验。

        第二条 本法适用于测试活动。

        ## 第二章 数据安全

        第三条 国家建立数据分类分级保护制度。
        """
        let document = splitter.parse(text, fallbackTitle: "fallback")
        #expect(document.title == "中华人民共和国测试法")
        let sectionByText = Dictionary(uniqueKeysWithValues: zip(document.passageTexts, document.passageSections))
        #expect(sectionByText["# 中华人民共和国测试法"] == "")
        #expect(sectionByText["2021年6月10日通过"] == "")
        #expect(sectionByText["## 第一章 总则"] == "第一章 总则")
        #expect(sectionByText["第一条 为了规范测试活动，制定本法。"] == "第一章 总则 > 第一条")
        #expect(sectionByText["在本法中，测试是指检验。"] == "第一章 总则 > 第一条")
        #expect(sectionByText["第二条 本法适用于测试活动。"] == "第一章 总则 > 第二条")
        #expect(sectionByText["## 第二章 数据安全"] == "第二章 数据安全")
        #expect(sectionByText["第三条 国家建立数据分类分级保护制度。"] == "第二章 数据安全 > 第三条")
        #expect(document.passageLines == [1, 3, 7, 9, 11, 13, 15, 17])
        // Paths are stored once each.
        #expect(document.sections == ["第一章 总则", "第一章 总则 > 第一条", "第一章 总则 > 第二条",
                                      "第二章 数据安全", "第二章 数据安全 > 第三条"])
        #expect(document.passages.allSatisfy { $0.section == -1 || document.sections.indices.contains(Int($0.section)) })
    }

    @Test("official numbering: 一、 （一） 二、")
    func officialSections() {
        let text = "关于数据工作的意见\n一、总体要求\n（一）指导思想。\n正文甲。\n（二）基本原则\n正文乙。\n二、主要任务\n正文丙。"
        let document = splitter.parse(text, fallbackTitle: "fallback")
        #expect(document.passageSections == [
            "", "一、总体要求", "一、总体要求 > （一）指导思想", "一、总体要求 > （一）指导思想",
            "一、总体要求 > （二）基本原则", "一、总体要求 > （二）基本原则", "二、主要任务", "二、主要任务",
        ])
    }

    @Test("all pieces of a long line share its section")
    func longLineSection() {
        let document = splitter.parse("第一条 " + String(repeating: "数", count: 800), fallbackTitle: "fallback")
        #expect(document.passages.count == 3)
        #expect(Set(document.passageSections) == ["第一条"])
    }
}
