import Testing
@testable import PolicyAnalysis

/// The text of `range` of the Unicode scalars of `text`.
func scalarText(_ text: String, _ range: Range<Int>) -> String {
    let scalars = Array(text.unicodeScalars)
    return String(String.UnicodeScalarView(scalars[range]))
}

/// The range of the first occurrence of `needle` in `scalars`.
func scalarRange(of needle: String, in scalars: [UInt32]) -> Range<Int>? {
    let target = needle.unicodeScalars.map(\.value)
    guard !target.isEmpty, target.count <= scalars.count else { return nil }
    for start in 0...(scalars.count - target.count) where scalars[start..<(start + target.count)].elementsEqual(target) {
        return start..<(start + target.count)
    }
    return nil
}

/// What ICU makes of a whole text in one call: NFKC_Casefold, then
/// Traditional-Simplified, then white space collapsed and trimmed. The normalizer
/// maps text character by character and documents that this gives the same result.
func wholeTextICU(_ text: String) throws -> String {
    let transliterator = try ICUTransliterator("Traditional-Simplified")
    let folded = try ICU.nfkcCasefold(Array(text.utf16))
    let simplified = String(decoding: try transliterator.transliterate(folded), as: UTF16.self)
    return simplified.unicodeScalars
        .split(whereSeparator: { CharacterClasses.isWhitespace($0.value) })
        .map { String(String.UnicodeScalarView($0)) }
        .joined(separator: " ")
}

@Suite("TextNormalizer")
struct NormalizerTests {
    let normalizer: TextNormalizer

    init() throws {
        normalizer = try TextNormalizer()
    }

    // MARK: NFKC and case folding

    @Test("full-width letters and digits fold to ASCII lower case")
    func fullWidthFoldsToASCII() {
        #expect(normalizer.normalize("ＡＢＣ１２３").string == "abc123")
        #expect(normalizer.normalize("abc123").string == "abc123")
        #expect(normalizer.normalize("ＡＢＣ１２３") == normalizer.normalize("abc123"))
        #expect(normalizer.normalize("５Ｇ网络").string == "5g网络")
    }

    @Test("case folding: Hadoop, HADOOP and ＨＡＤＯＯＰ are all hadoop")
    func caseFolding() {
        #expect(normalizer.normalize("Hadoop").string == "hadoop")
        #expect(normalizer.normalize("HADOOP").string == "hadoop")
        #expect(normalizer.normalize("ＨＡＤＯＯＰ").string == "hadoop")
        #expect(normalizer.normalize("Straße").string == "strasse")
    }

    @Test("full-width symbols become their ASCII forms")
    func fullWidthSymbols() {
        #expect(normalizer.normalize("＋").string == "+")
        #expect(normalizer.normalize("Ｃ＋＋").string == "c++")
        #expect(normalizer.normalize("数据，交易").string == "数据,交易")
        #expect(normalizer.normalize("（一）").string == "(一)")
    }

    @Test("characters outside the basic plane are normalized too")
    func supplementaryPlanes() {
        // MATHEMATICAL BOLD CAPITAL A and B.
        #expect(normalizer.normalize("\u{1D400}\u{1D401}").string == "ab")
        // A CJK Extension B character has no mapping and is kept.
        #expect(normalizer.normalize("\u{20BB7}野家").string == "\u{20BB7}野家")
    }

    // MARK: Traditional to Simplified

    @Test("Traditional Chinese folds to Simplified", arguments: [
        ("數據交易", "数据交易"),
        ("雲計算", "云计算"),
        ("工業大數據", "工业大数据"),
        ("國務院關於", "国务院关于"),
    ])
    func traditionalToSimplified(traditional: String, simplified: String) {
        #expect(normalizer.normalize(traditional).string == simplified)
        // Simplified text is left alone.
        #expect(normalizer.normalize(simplified).string == simplified)
    }

    @Test("mapping character by character agrees with ICU on the whole text (common words)")
    func characterByCharacterAgreesWithWholeText() throws {
        for text in ["數據交易", "雲計算平台", "ＡＢＣ １２３ 工業大數據", "中华人民共和国数据安全法", "e\u{301}cole Straße"] {
            #expect(normalizer.normalize(text).string == (try wholeTextICU(text)), "\(text)")
        }
    }

    @Test("folding is character by character, so literal containment survives it")
    func foldingCommutesWithConcatenation() throws {
        // ICU's Traditional-Simplified transliterator has phrase rules (計畫 is
        // 计划 as a whole); applied to whole passages they would break exact
        // recall: 显著 kept as 著 in one text, 著 folded to 着 in a query.
        // Character-by-character folding is deliberate: normalize(a + b) ==
        // normalize(a) + normalize(b), so every substring a passage contains
        // is found after normalization.
        #expect(normalizer.normalize("計畫").string == "计画")
        let texts = ["計畫", "著名", "显著", "彷彿", "數據交易所", "ＡＢＣ１２３", "沈重"]
        for a in texts {
            for b in texts {
                #expect(normalizer.normalize(a + b).string == normalizer.normalize(a).string + normalizer.normalize(b).string)
                let whole = normalizer.normalize(a + b).string
                #expect(whole.contains(normalizer.normalize(b).string))
            }
        }
    }

    @Test("long text of expansions and spaces normalizes as its pieces do, into reused buffers too")
    func expansionsInLongText() {
        // ㍿ → 株式会社 and ﷺ (its expansion holds spaces) make the output longer
        // than the input, so the output buffer grows in the middle of a line.
        let pieces = ["㍿", "\u{FDFA}", "數據", " \t ", "ＡＢ", "e\u{301}", "ﬁ"]
        var text = ""
        var expected = ""
        for k in 0..<3000 {
            let piece = pieces[k * 3 % pieces.count]
            text += piece
            expected += normalizer.normalize("a" + piece + "a").string.dropFirst().dropLast()
        }
        let whole = normalizer.normalize(text)
        #expect(whole.string == expected)
        #expect(whole.origins.count == whole.scalars.count && whole.originEnds.count == whole.scalars.count)
        var reused = normalizer.normalize("数据")
        normalizer.normalize(ScalarText.scalars(of: text)[...], into: &reused)
        #expect(reused == whole)
        normalizer.normalize(ScalarText.scalars(of: "數據")[...], into: &reused)
        #expect(reused == normalizer.normalize("數據"))
    }

    // MARK: White space

    @Test("white space runs collapse to one space, the ends are trimmed")
    func whiteSpace() {
        #expect(normalizer.normalize("数据\u{3000}2020").string == "数据 2020")
        #expect(normalizer.normalize("  数据 \t\t  5G\u{3000}\u{3000}市场  ").string == "数据 5g 市场")
        #expect(normalizer.normalize("\u{3000}\t数据\r\n").string == "数据")
        #expect(normalizer.normalize("a\u{A0}\u{2003}b").string == "a b")
        #expect(normalizer.normalize(" \t\u{3000} ").isEmpty)
        #expect(normalizer.normalize("").isEmpty)
    }

    @Test("a collapsed space maps back to the first white space of its run")
    func spaceOrigin() {
        let text = "数据 \t ai"
        let normalized = normalizer.normalize(text)
        #expect(normalized.string == "数据 ai")
        #expect(normalized.origins == [0, 1, 2, 5, 6])
        #expect(normalized.sourceRange(of: 3..<5) == 5..<7)
        #expect(scalarText(text, normalized.sourceRange(of: 0..<2)) == "数据")
    }

    @Test("white space between two Han characters goes: letter spacing and PDF line breaks", arguments: [
        ("数据 中心 联 盟", "数据中心联盟"), ("## 前 言", "## 前言"), ("通  知", "通知"), ("第一章\u{3000}总则", "第一章总则"),
        ("协 调 委 员 会", "协调委员会"), ("国\t家 \u{3000}\t粮食", "国家粮食"), ("數 據", "数据"), ("〇 一", "〇一"),
        ("\u{20BB7} 数", "\u{20BB7}数"), ("一、 总 则", "一、 总则"), ("数据 （一）", "数据 (一)"),
    ])
    func spaceBetweenHan(text: String, expected: String) {
        #expect(normalizer.normalize(text).string == expected)
    }

    @Test("white space next to a letter or digit stays a break", arguments: [
        ("Smart Forestry", "smart forestry"), ("5G 网络", "5g 网络"), ("网络 5G", "网络 5g"), ("2016 年", "2016 年"),
        ("第 3 条", "第 3 条"), ("ＡＩ　赋能", "ai 赋能"), ("大数据 Hadoop 平台", "大数据 hadoop 平台"),
    ])
    func spaceNextToLatinOrDigits(text: String, expected: String) {
        #expect(normalizer.normalize(text).string == expected)
    }

    @Test("the joined characters map back over the spaces between them")
    func joinedOrigins() {
        let text = "数据 中心\u{3000}\t联 盟"
        let normalized = normalizer.normalize(text)
        #expect(normalized.string == "数据中心联盟")
        #expect(normalized.origins == [0, 1, 3, 4, 7, 9])
        #expect(scalarText(text, normalized.sourceRange(of: 0..<6)) == text)
        #expect(scalarText(text, normalized.sourceRange(of: 1..<3)) == "据 中")
        #expect(scalarText(text, normalized.sourceRange(of: 2..<4)) == "中心")
    }

    @Test("joining keeps normalization a homomorphism: a spaced substring normalizes into its text")
    func joiningCommutesWithConcatenation() {
        let pieces = ["数据", " ", "中心", "\u{3000}", "5G", "\t", "联盟", "ai"]
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let whole = normalizer.normalize(a + b + c).string
                    for part in [a + b, b + c, a + b + c] where !normalizer.normalize(part).isEmpty {
                        #expect(whole.contains(normalizer.normalize(part).string), "\(a + b + c) ⊇ \(part)")
                    }
                }
            }
        }
    }

    // MARK: Characters that vanish

    @Test("zero-width and default-ignorable characters are removed")
    func ignorablesRemoved() {
        #expect(normalizer.normalize("数\u{200B}据").string == "数据")
        #expect(normalizer.normalize("数据\u{FEFF}交易").string == "数据交易")
        #expect(normalizer.normalize("软\u{AD}件").string == "软件")
        let normalized = normalizer.normalize("数\u{200B}据")
        #expect(normalized.origins == [0, 2])
        #expect(normalized.sourceCount == 3)
    }

    // MARK: Origins

    @Test("origins map the normalized 数据 of “ＡＢ 數據” back to the original 數據")
    func originsOfTraditionalAfterFullWidth() throws {
        let text = "ＡＢ 數據"
        let normalized = normalizer.normalize(text)
        #expect(normalized.string == "ab 数据")
        let range = try #require(scalarRange(of: "数据", in: normalized.scalars))
        #expect(range == 3..<5)
        let source = normalized.sourceRange(of: range)
        #expect(source == 3..<5)
        #expect(scalarText(text, source) == "數據")
        #expect(scalarText(text, normalized.sourceRange(of: 0..<2)) == "ＡＢ")
    }

    @Test("a decomposed e + U+0301 becomes é and maps back to both scalars")
    func combiningSequence() {
        let alone = normalizer.normalize("e\u{301}")
        #expect(alone.scalars == [0xE9])
        #expect(alone.string == "é")
        #expect(alone.sourceRange(of: 0..<1) == 0..<2)

        let text = "Cafe\u{301} 数据"
        let normalized = normalizer.normalize(text)
        #expect(normalized.string == "café 数据")
        #expect(normalized.sourceRange(of: 3..<4) == 3..<5)
        #expect(scalarText(text, normalized.sourceRange(of: 0..<4)) == "Cafe\u{301}")
        #expect(scalarText(text, normalized.sourceRange(of: 5..<7)) == "数据")
        // Precomposed and decomposed forms are the same text.
        #expect(normalizer.normalize("caf\u{E9}").string == normalizer.normalize("cafe\u{301}").string)
    }

    @Test("an expansion maps every one of its scalars back to the one original")
    func expansions() {
        let text = "Straße"
        let normalized = normalizer.normalize(text)
        #expect(normalized.string == "strasse")
        #expect(normalized.sourceRange(of: 4..<6) == 4..<5)
        #expect(normalized.sourceRange(of: 4..<5) == 4..<5)
        #expect(normalized.sourceRange(of: 0..<7) == 0..<6)

        let square = normalizer.normalize("㍿")  // SQUARE CORPORATION
        #expect(square.string == "株式会社")
        #expect(square.origins == [0, 0, 0, 0])
        #expect(square.sourceRange(of: 1..<3) == 0..<1)
    }

    @Test("an empty range maps to a position")
    func emptyRange() {
        let normalized = normalizer.normalize("ab 数据")
        #expect(normalized.sourceRange(of: 3..<3) == 3..<3)
        #expect(normalized.sourceRange(of: 5..<5) == 5..<5)
    }

    @Test("normalizing a slice gives origins relative to the slice")
    func sliceOrigins() throws {
        let text = "前言：ＡＢ 數據"
        let scalars = text.unicodeScalars.map(\.value)
        let slice = scalars[3...]
        #expect(slice.startIndex == 3)
        let normalized = normalizer.normalize(slice)
        #expect(normalized.string == "ab 数据")
        #expect(normalized.sourceCount == 5)
        #expect(normalized.origins == [0, 1, 2, 3, 4])
        let range = try #require(scalarRange(of: "数据", in: normalized.scalars))
        let source = normalized.sourceRange(of: range)
        #expect(source == 3..<5)
        #expect(Array(slice)[source] == Array("數據".unicodeScalars.map(\.value))[...])
        // The same as normalizing the slice's text on its own.
        #expect(normalized == normalizer.normalize("ＡＢ 數據"))

        // A slice in the middle.
        let middle = normalizer.normalize(scalars[2..<7])
        #expect(middle.string == ":ab 数")
        #expect(middle.origins == [0, 1, 2, 3, 4])
        #expect(middle.sourceCount == 5)

        // A slice that starts with white space: trimmed, origins still count from the slice.
        let spaced = normalizer.normalize(scalars[5...])
        #expect(spaced.string == "数据")
        #expect(spaced.origins == [1, 2])
        #expect(spaced.sourceRange(of: 0..<2) == 1..<3)
    }

    @Test("origins are in order and inside the source; no double or edge spaces", arguments: [
        "ＡＢＣ１２３", "  數據\u{3000}交易  ", "e\u{301}\u{302}x", "Straße ㍿ ①", "\u{200B}数据\u{200B}",
        "ﾃﾞｰﾀ 数据", "第一章　总则\t第一条 为了规范数据处理活动，制定本法。", "\u{1D400} \u{20BB7}",
    ])
    func originInvariants(text: String) {
        let normalized = normalizer.normalize(text)
        #expect(normalized.origins.count == normalized.scalars.count)
        #expect(normalized.sourceCount == text.unicodeScalars.count)
        #expect(zip(normalized.origins, normalized.origins.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(normalized.origins.allSatisfy { $0 >= 0 && Int($0) < normalized.sourceCount })
        #expect(normalized.scalars.first != 0x20 && normalized.scalars.last != 0x20)
        #expect(!normalized.string.contains("  "))
        if !normalized.isEmpty {
            #expect(normalized.sourceRange(of: 0..<normalized.scalars.count).upperBound <= normalized.sourceCount)
        }
    }

    @Test("normalization is idempotent and does not depend on the cache", arguments: [
        "ＡＢＣ１２３ Hadoop 數據交易", "雲計算、工業大數據，5Ｇ网络。", "Cafe\u{301} Straße ㍿", "①②③ ⒈ Ⅻ",
    ])
    func idempotentAndCacheIndependent(text: String) throws {
        let once = normalizer.normalize(text)
        #expect(normalizer.normalize(once.string).string == once.string)
        // A normalizer that has seen other text first (warm cache) and a fresh one agree.
        _ = normalizer.normalize("數據 ＡＢＣ e\u{301} Straße")
        #expect(normalizer.normalize(text) == once)
        #expect(try TextNormalizer().normalize(text) == once)
    }

    @Test("the source range of the last word does not take in trimmed trailing white space")
    func trailingWhiteSpaceSourceRange() {
        let text = "数据  "
        let normalized = normalizer.normalize(text)
        #expect(normalized.string == "数据")
        // The normalized 数据 came from scalars 0..<2; the two spaces after it
        // produced nothing, yet the last scalar's range runs to the end of the text.
        #expect(normalized.sourceRange(of: 0..<2) == 0..<2)
    }
}

/// The Simplified forms table (generated by Scripts/simplified-forms.c) must be
/// exactly what the system's ICU does, so that an index and its queries agree
/// with ICU whatever produced them.
@Suite("SimplifiedForms")
struct SimplifiedFormsTests {
    @Test("every character of the BMP and of planes 2 and 3 maps as NFKC_Casefold then ICU's Traditional-Simplified do")
    func tableAgreesWithICU() throws {
        let normalizer = try TextNormalizer()
        let transliterator = try ICUTransliterator("Traditional-Simplified")
        var checked = 0
        var differences: [String] = []
        for value in Array(0..<0xD800) + Array(0xE000..<0x10000) + Array(0x20000..<0x40000) {
            let units = Array(String(Unicode.Scalar(UInt32(value))!).utf16)
            let folded = try ICU.nfkcCasefold(units)
            let expected = String(decoding: try transliterator.transliterate(folded), as: UTF16.self).unicodeScalars.map(\.value)
            if normalizer.mapRun([UInt32(value)]).folded != expected, differences.count < 10 {
                differences.append(String(value, radix: 16))
            }
            checked += 1
        }
        #expect(differences.isEmpty, "code points that differ from ICU: \(differences)")
        #expect(checked > 190_000)
        #expect(SimplifiedForms.pairs.count > 5000)
    }
}

@Suite("ScalarText")
struct ScalarTextTests {
    @Test("UTF-16 straight from scalars equals the String's, astral characters and invalid values included")
    func utf16MatchesString() {
        let scalars: [UInt32] = [0x6570, 0x636E, 0x41, 0x20000, 0x2A6D6, 0xD800, 0x110000, 0x3000, 0x1F600]
        #expect(ScalarText.utf16(scalars) == Array(ScalarText.string(scalars).utf16))
        let text = "數據交易𠀀 5G，互联网＋"
        #expect(ScalarText.utf16(ScalarText.scalars(of: text)) == Array(text.utf16))
    }
}
