/// Repairs the text pdftotext gives for a Chinese PDF, so that it reads as the
/// document was written: one paragraph a line, headings on their own lines.
///
/// - **Pages.** pdftotext ends each page with a form feed; the page of every
///   output line is kept (``Result/pageStarts``).
/// - **Running heads and page numbers.** Lines at the top or bottom of a page
///   (the first and last two) that repeat, digits aside, on at least half the
///   pages of a document of two pages or more are page headers and footers
///   and are dropped; so are lines there that are only a page number
///   (`3`, `- 3 -`, `— 3 —`, `第3页`, `第 3 页 共 9 页`, `3/9`).
/// - **Wrapped lines.** A line as wide as the text column (within about
///   three Chinese characters, or too full for the next line's first word)
///   continues on the next line, unless that one is a heading (`一、`
///   `（一）` `1.` `（1）` `第X章` `第X条` …) or the wrap follows a sentence end on
///   a line that is not quite full. Joined lines meet without a space,
///   except between two Latin letters or digits. The column's width is the
///   most common width among the widest lines that do not end a sentence, a
///   Chinese character counting two and other characters one (as pdftotext
///   laid them out, its spaces included).
/// - **Spacing.** pdftotext puts a space where the font changes, as between
///   Chinese characters and digits (`2019 年 1 月`): a single space between a
///   Chinese character or punctuation mark and a Latin letter or digit is removed.
public enum PDFTextRepair {
    public struct Result: Sendable, Equatable {
        public var text: String
        /// The 1-based line of `text` on which each page starts (see ``ExtractedDocument/pageStarts``).
        public var pageStarts: [Int]
    }

    private struct Line {
        var scalars: [Unicode.Scalar]
        /// The width as pdftotext laid the line out: with the spaces it put
        /// where the font changes, which take room on the page.
        var width: Int
        var page: Int
        /// Not to be joined to the line before (a blank line came between).
        var breakBefore: Bool
    }

    public static func repair(_ raw: String) -> Result {
        var pages = raw.split(separator: "\u{0C}", omittingEmptySubsequences: false).map { page in
            page.split(separator: "\n", omittingEmptySubsequences: false).map { trimmed(Substring($0)) }
        }
        // The form feed after the last page leaves an empty "page".
        if pages.count > 1, let last = pages.last, last.allSatisfy(\.isEmpty) { pages.removeLast() }
        removeRunningHeads(&pages)

        var lines: [Line] = []
        for (page, pageLines) in pages.enumerated() {
            var blank = false
            for line in pageLines {
                if line.isEmpty {
                    blank = true
                    continue
                }
                lines.append(Line(scalars: fixSpacing(line), width: width(line), page: page, breakBefore: blank))
                blank = false
            }
        }
        let column = columnWidth(lines.map { ($0.width, endsSentence($0.scalars)) })
        var output: [[Unicode.Scalar]] = []
        var outputPage: [Int] = []
        var lastPieceWidth = 0
        for (index, line) in lines.enumerated() {
            if index > 0, !line.breakBefore, let previous = output.last,
                continues(previous, lastPieceWidth: lastPieceWidth, line.scalars, column: column)
            {
                output[output.count - 1] = join(previous, line.scalars)
            } else {
                output.append(line.scalars)
                outputPage.append(line.page)
            }
            lastPieceWidth = line.width
        }
        // Page p starts on the first line that starts on page p or later.
        var pageStarts: [Int] = []
        var cursor = 0
        for page in pages.indices {
            while cursor < outputPage.count, outputPage[cursor] < page { cursor += 1 }
            pageStarts.append(min(cursor, max(0, output.count - 1)) + 1)
        }
        var text = String.UnicodeScalarView()
        for (index, line) in output.enumerated() {
            if index > 0 { text.append("\n") }
            text.append(contentsOf: line)
        }
        if !output.isEmpty { text.append("\n") }
        return Result(text: String(text), pageStarts: pageStarts)
    }

    // MARK: Spacing

    /// A line without white space at either end (an indent says nothing once
    /// lines are paragraphs).
    static func trimmed(_ line: Substring) -> [Unicode.Scalar] {
        var scalars = Array(line.unicodeScalars)
        while let last = scalars.last, CharacterClasses.isWhitespace(last.value) { scalars.removeLast() }
        let lead = scalars.prefix { CharacterClasses.isWhitespace($0.value) }.count
        return lead > 0 ? Array(scalars.dropFirst(lead)) : scalars
    }

    /// A trimmed line without the spaces that pdftotext puts between Chinese
    /// text and Latin letters or digits.
    static func fixSpacing(_ scalars: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var result: [Unicode.Scalar] = []
        result.reserveCapacity(scalars.count)
        for (index, scalar) in scalars.enumerated() {
            if scalar == " ", index > 0, index + 1 < scalars.count {
                let before = scalars[index - 1]
                let after = scalars[index + 1]
                if (isWide(before) && isLatinAlphanumeric(after)) || (isLatinAlphanumeric(before) && isWide(after)) { continue }
            }
            result.append(scalar)
        }
        return result
    }

    // MARK: Running heads

    /// Removes the page headers, footers and page numbers from the top and bottom of pages.
    private static func removeRunningHeads(_ pages: inout [[[Unicode.Scalar]]]) {
        let edge = 2
        func edgeIndices(_ page: [[Unicode.Scalar]]) -> (top: [Int], bottom: [Int]) {
            let filled = page.indices.filter { !page[$0].isEmpty }
            return (Array(filled.prefix(edge)), Array(filled.suffix(edge)))
        }
        var topCounts: [String: Int] = [:]
        var bottomCounts: [String: Int] = [:]
        for page in pages {
            let (top, bottom) = edgeIndices(page)
            for key in Set(top.map { key(page[$0]) }) { topCounts[key, default: 0] += 1 }
            for key in Set(bottom.map { key(page[$0]) }) { bottomCounts[key, default: 0] += 1 }
        }
        let needed = max(2, (pages.count + 1) / 2)
        let multiPage = pages.count >= 2
        // A line that fills the column is body text wrapped at the page's edge,
        // even when repetitive text makes it repeat from page to page; running
        // heads are shorter than the text block.
        let fullWidth = pages.joined().map { $0.filter { !CharacterClasses.isWhitespace($0.value) }.count }.max() ?? 0
        func fillsTheColumn(_ line: [Unicode.Scalar]) -> Bool {
            fullWidth >= 20 && line.filter { !CharacterClasses.isWhitespace($0.value) }.count * 10 >= fullWidth * 9
        }
        for index in pages.indices {
            let (top, bottom) = edgeIndices(pages[index])
            var drop = Set<Int>()
            for line in top where multiPage && topCounts[key(pages[index][line]), default: 0] >= needed
                && !fillsTheColumn(pages[index][line]) { drop.insert(line) }
            for line in bottom where multiPage && bottomCounts[key(pages[index][line]), default: 0] >= needed
                && !fillsTheColumn(pages[index][line]) { drop.insert(line) }
            for line in top + bottom where isPageNumber(pages[index][line], multiPage: multiPage) { drop.insert(line) }
            // A heading is never a running head, however often it repeats.
            drop = drop.filter { SectionHeading.recognize(pages[index][$0].map(\.value)[...]) == nil || isPageNumber(pages[index][$0], multiPage: multiPage) }
            for line in drop.sorted(by: >) { pages[index].remove(at: line) }
        }
    }

    /// A line compared across pages: digits (page numbers, dates) as `#`, no white space.
    private static func key(_ line: [Unicode.Scalar]) -> String {
        var result = String.UnicodeScalarView()
        var lastWasDigit = false
        for scalar in line where !CharacterClasses.isWhitespace(scalar.value) {
            let digit = isDigit(scalar)
            if digit {
                if !lastWasDigit { result.append("#") }
            } else {
                result.append(scalar)
            }
            lastWasDigit = digit
        }
        return String(result)
    }

    /// Whether a line is only a page number: `3`, `- 3 -`, `— 3 —`, `第3页`,
    /// `第 3 页 共 9 页`, `3/9`, `Page 3`. A bare number counts only in a
    /// document of several pages.
    static func isPageNumber(_ line: [Unicode.Scalar], multiPage: Bool) -> Bool {
        var text = String(String.UnicodeScalarView(line.filter { !CharacterClasses.isWhitespace($0.value) })).lowercased()
        guard !text.isEmpty, text.count <= 16, text.unicodeScalars.contains(where: isDigit) else { return false }
        let dashes: Set<Character> = ["-", "—", "–", "－", "―", "·", "•"]
        var decorated = false
        while let first = text.first, dashes.contains(first) { text.removeFirst(); decorated = true }
        while let last = text.last, dashes.contains(last) { text.removeLast(); decorated = true }
        for prefix in ["page", "第", "p."] where text.hasPrefix(prefix) {
            text.removeFirst(prefix.count)
            decorated = true
        }
        var scalars = Array(text.unicodeScalars)
        var i = 0
        func number() -> Bool {
            let start = i
            while i < scalars.count, isDigit(scalars[i]) { i += 1 }
            return i > start
        }
        guard number() else { return false }
        if i < scalars.count, scalars[i] == "页" { i += 1; decorated = true }
        if i < scalars.count {
            // "/ 9", "of 9", "共 9 页"
            let rest = String(String.UnicodeScalarView(scalars[i...]))
            for joiner in ["/", "of", "共", "，共", ",共"] where rest.hasPrefix(joiner) {
                i += joiner.unicodeScalars.count
                decorated = true
                break
            }
            guard number() else { return false }
            if i < scalars.count, scalars[i] == "页" { i += 1 }
        }
        scalars = Array(scalars[i...])
        return scalars.isEmpty && (decorated || multiPage)
    }

    // MARK: Wrapped lines

    /// The width of a line, a wide (Chinese) character counting two.
    static func width(_ line: [Unicode.Scalar]) -> Int {
        line.reduce(0) { $0 + (isWide($1) ? 2 : 1) }
    }

    /// The width of a full line: the most common width among the lines within
    /// six of the widest (a line squeezed by punctuation can be a little wider)
    /// that do not end a sentence, as a wrapped line seldom does; 0 when there
    /// are none, as in a document of short lines, which then joins none.
    static func columnWidth(_ lines: [(width: Int, endsSentence: Bool)]) -> Int {
        guard let widest = lines.map(\.width).max() else { return 0 }
        var counts: [Int: Int] = [:]
        for line in lines where line.width >= widest - 6 && !line.endsSentence { counts[line.width, default: 0] += 1 }
        return counts.max { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }?.key ?? 0
    }

    private static func endsSentence(_ line: [Unicode.Scalar]) -> Bool {
        guard let last = line.last else { return true }
        return CharacterClasses.isSentenceEnd(last.value) || last == "：" || last == ":"
    }

    /// Whether `next` continues the paragraph whose text so far is `previous`,
    /// whose last line was `lastPieceWidth` wide.
    static func continues(_ previous: [Unicode.Scalar], lastPieceWidth last: Int, _ next: [Unicode.Scalar], column: Int) -> Bool {
        guard column >= 20, let end = previous.last else { return false }
        if SectionHeading.recognize(next.map(\.value)[...]) != nil { return false }
        // An entry of a table of contents fills the column with its leaders, but ends at its page number.
        if TableOfContents.isEntry(previous.suffix(240).map(\.value)[...]) { return false }
        let slack = max(5, column / 12)
        let full = last + firstWordWidth(next) > column - slack
        if !full { return false }
        // After a sentence end, only a line that is quite full wraps.
        if CharacterClasses.isSentenceEnd(end.value) || end == "：" || end == ":" {
            return last >= column - 2
        }
        return true
    }

    /// The width the next line's first word needs on the line before: a Latin
    /// word or number whole, else one character.
    private static func firstWordWidth(_ line: [Unicode.Scalar]) -> Int {
        guard let first = line.first else { return 0 }
        if isWide(first) { return 2 }
        return line.prefix { !isWide($0) && $0 != " " }.count
    }

    static func join(_ left: [Unicode.Scalar], _ right: [Unicode.Scalar]) -> [Unicode.Scalar] {
        guard let a = left.last, let b = right.first else { return left + right }
        let spaced = (isLatinAlphanumeric(a) || ",.;:!?)".unicodeScalars.contains(a)) && isLatinAlphanumeric(b)
        return left + (spaced ? [" "] : []) + right
    }

    // MARK: Character classes

    static func isWide(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
            0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            true
        case 0x201C, 0x201D, 0x2018, 0x2019, 0x2014, 0x2026:  // “”‘’—… (full width in Chinese fonts)
            true
        default:
            false
        }
    }

    static func isLatinAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool {
        ("0"..."9").contains(scalar) || ("０"..."９").contains(scalar)
    }
}
