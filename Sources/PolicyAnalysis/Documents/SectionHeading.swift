/// A heading recognised at the start of a line: the numbering of Chinese
/// official documents (`一、` `（一）` `1.` `（1）`), of laws (`第X编` `第X章`
/// `第X节` `第X条`) and Markdown `#` headings.
///
/// A heading's ``rank`` orders the levels: a new heading closes every open
/// heading of the same or a lower level (a higher rank number). Official
/// numbering and law numbering nest inside Markdown headings without a pattern.
///
/// The numbering decides a numbered heading's level, whatever `#` marks it
/// carries: converted reports write `### （三）` and `#### （四）` for siblings.
/// Bold marks (`**…**`, `__…__`, `<b>…</b>`) around or inside a heading are
/// not part of it, and an entry of a table of contents (``TableOfContents``)
/// is no heading.
public struct SectionHeading: Equatable, Sendable {
    /// Smaller is higher: 0 a Markdown `#` title, 2...10 other Markdown levels,
    /// 12 编, 14 章, 16 节, 18 条, 30 一、, 32 （一）, 34 1., 36 （1）.
    public var rank: Int
    /// The short label shown in a section path, such as `第三条` or `（一）指导思想`.
    public var label: String
    /// The number of `#` marks the heading was written with, 0 for none.
    public var markdownLevel: Int

    public init(rank: Int, label: String, markdownLevel: Int = 0) {
        self.rank = rank
        self.label = label
        self.markdownLevel = markdownLevel
    }

    /// Whether the heading is numbered (`一、`, `第三条` …) rather than only a Markdown heading.
    public var isNumbered: Bool { rank >= 12 }

    /// The longest label kept; longer headings are cut at their first pause.
    public static let maximumLabelLength = 24

    /// Recognises a heading at the start of `line` (already trimmed).
    public static func recognize(_ line: Substring) -> SectionHeading? {
        recognize(ScalarText.scalars(of: String(line))[...])
    }

    /// Recognises a heading at the start of a trimmed line given as scalars.
    public static func recognize(_ line: ArraySlice<UInt32>) -> SectionHeading? {
        // Most lines are not headings: look at the first character only.
        guard let first = line.first else { return nil }
        switch first {
        case 0x23, 0x7B2C, 0xFF08, 0x28, 0x30...0x39, 0xFF10...0xFF19: break  // # 第 （ ( digits
        case _ where isChineseNumeral(first) || MarkdownEmphasis.canStartMark(first): break
        default: return nil
        }
        if TableOfContents.isEntry(line) { return nil }
        var scalars = line.prefix(160).compactMap(Unicode.Scalar.init)
        var markdownLevel = 0
        while markdownLevel < scalars.count, scalars[markdownLevel] == "#" { markdownLevel += 1 }
        if markdownLevel > 0 {
            guard markdownLevel <= 6, markdownLevel < scalars.count, CharacterClasses.isWhitespace(scalars[markdownLevel].value)
            else { return nil }
            scalars.removeFirst(markdownLevel)
            while let first = scalars.first, CharacterClasses.isWhitespace(first.value) { scalars.removeFirst() }
            while let last = scalars.last, last == "#" || CharacterClasses.isWhitespace(last.value) { scalars.removeLast() }
        }
        scalars = MarkdownEmphasis.removing(from: scalars)
        while let first = scalars.first, CharacterClasses.isWhitespace(first.value) { scalars.removeFirst() }
        while let last = scalars.last, CharacterClasses.isWhitespace(last.value) { scalars.removeLast() }
        if scalars.isEmpty { return nil }
        if var numbered = numbered(scalars) {
            numbered.markdownLevel = markdownLevel
            return numbered
        }
        guard markdownLevel > 0 else { return nil }
        return SectionHeading(rank: 2 * (markdownLevel - 1), label: label(scalars), markdownLevel: markdownLevel)
    }

    private static func numbered(_ s: [Unicode.Scalar]) -> SectionHeading? {
        // 第X编 / 第X章 / 第X节 / 第X条
        if s.first == "第" {
            var i = 1
            while i < s.count, i < 12, isNumeral(s[i]) { i += 1 }
            if i > 1, i < s.count {
                let rank: Int? = switch s[i] {
                case "编": 12
                case "章": 14
                case "节": 16
                case "条": 18
                default: nil
                }
                if let rank {
                    // A clause's label is its number; the text after it is its content.
                    if rank == 18 { return SectionHeading(rank: rank, label: String(String.UnicodeScalarView(s[...i]))) }
                    return SectionHeading(rank: rank, label: label(s))
                }
            }
        }
        // 一、
        var i = 0
        while i < s.count, i < 6, isChineseNumeral(s[i]) { i += 1 }
        if i > 0, i < s.count, s[i] == "、" { return SectionHeading(rank: 30, label: label(s)) }
        // （一） and （1）
        if let open = s.first, open == "（" || open == "(" {
            var j = 1
            while j < s.count, j < 6, isChineseNumeral(s[j]) { j += 1 }
            if j > 1, j < s.count, s[j] == "）" || s[j] == ")" { return SectionHeading(rank: 32, label: label(s)) }
            j = 1
            while j < s.count, j < 4, isDigit(s[j]) { j += 1 }
            if j > 1, j < s.count, s[j] == "）" || s[j] == ")" { return SectionHeading(rank: 36, label: label(s)) }
        }
        // 1. 1． 1、 (but not 1.5 or 2020.)
        i = 0
        while i < s.count, i < 3, isDigit(s[i]) { i += 1 }
        if i > 0, i + 1 < s.count, s[i] == "." || s[i] == "．" || s[i] == "、", !isDigit(s[i + 1]) {
            return SectionHeading(rank: 34, label: label(s))
        }
        return nil
    }

    /// The heading's text up to its first sentence end or colon; when that is longer
    /// than ``maximumLabelLength`` characters, up to its first pause (`，`),
    /// and at most that many characters. A heading such as
    /// `（七）营造环境，制定完善大数据保障措施` is kept whole: the comma joins
    /// the two halves of one heading; a run-in heading (`（一）总体要求。坚持…`)
    /// ends at its full stop.
    private static func label(_ s: [Unicode.Scalar]) -> String {
        // Skip the numbering itself when looking for the first pause (`一、` has one).
        let start = s.firstIndex(where: { $0 == "、" || $0 == "）" || $0 == ")" || $0 == "." || $0 == "．" }).map { $0 + 1 } ?? 0
        func firstIndex(from start: Int, where test: (UInt32) -> Bool) -> Int? {
            start < s.count ? s[start...].firstIndex(where: { test($0.value) }) : nil
        }
        // A colon ends a run-in heading as a full stop does (`（三）基本原则：坚持…`).
        var end = firstIndex(from: start, where: { CharacterClasses.isSentenceEnd($0) || $0 == 0xFF1A || $0 == 0x3A }) ?? s.count
        func length(_ end: Int) -> Int { String(String.UnicodeScalarView(s[..<end])).trimmingWhitespace().unicodeScalars.count }
        if length(end) > maximumLabelLength, let pause = firstIndex(from: start, where: CharacterClasses.isClausePause), pause < end {
            end = pause
        }
        var text = String(String.UnicodeScalarView(s[..<end])).trimmingWhitespace()
        if text.unicodeScalars.count > maximumLabelLength {
            text = String(String.UnicodeScalarView(text.unicodeScalars.prefix(maximumLabelLength))) + "…"
        }
        return text
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(c) || ("０"..."９").contains(c)
    }

    private static func isChineseNumeral(_ c: Unicode.Scalar) -> Bool {
        isChineseNumeral(c.value)
    }

    private static func isChineseNumeral(_ c: UInt32) -> Bool {
        switch c {
        case 0x4E00, 0x4E8C, 0x4E09, 0x56DB, 0x4E94, 0x516D, 0x4E03, 0x516B, 0x4E5D, 0x5341, 0x767E, 0x96F6, 0x3007:
            return true  // 一二三四五六七八九十百零〇
        default:
            return false
        }
    }

    private static func isNumeral(_ c: Unicode.Scalar) -> Bool {
        isChineseNumeral(c) || isDigit(c) || c == "千" || c == "两" || c == " " || c == "　"
    }
}
