/// Splits a document's text into passages and follows its headings.
///
/// A passage is a paragraph, which in Chinese official texts is a line. A line
/// longer than ``maximumLength`` is cut after the last sentence end (。！？；)
/// that keeps the piece within it, else after a pause (，、：), else at white
/// space, else hard at ``maximumLength``: so a passage stays readable. Front
/// matter and lines that are only an HTML comment are not passages.
public struct PassageSplitter: Sendable {
    /// The identity of the rules that find a document's title, headings and
    /// sections, recorded in an index: an index whose section paths and titles
    /// came from other rules is rebuilt, since its answers would name them.
    /// - `sections/v2`: the numbering (一、 > （一） > 1. > （1）) decides the
    ///   tree over `#` marks; bold marks are no part of a heading; table of
    ///   contents lines are no headings; a label runs to its sentence end or
    ///   colon (to its first comma only beyond ``SectionHeading/maximumLabelLength``);
    ///   letter spacing is removed from titles; a DOCX/HTML title heading is
    ///   the title, no section. (Indexes before it record no structure.)
    /// - `sections/v3+citations/v1`: a document's number is one a line states
    ///   alone or a 发文字号 label gives, not the first in its opening lines
    ///   (often a document it cites); the citations are those of
    ///   ``CitationExtractor`` (its rules count here: an index holds what
    ///   they found).
    public static let structureIdentity = "sections/v3+citations/v1"

    /// The longest passage, in characters.
    public var maximumLength = 360
    /// A cut never leaves a piece shorter than this, when it can help it.
    public var minimumLength = 120

    public init(maximumLength: Int = 360, minimumLength: Int = 120) {
        self.maximumLength = maximumLength
        self.minimumLength = minimumLength
    }

    /// Parses decoded text; `fallbackTitle` (usually the file name) is used when
    /// the document names no title.
    public func parse(_ text: String, fallbackTitle: String) -> ParsedDocument {
        parse(text, fallbackTitle: fallbackTitle, tableFields: [:])
    }

    /// Parses decoded text whose folder's metadata table gives `tableFields`:
    /// they take precedence over what the text says, front matter over them.
    public func parse(_ text: String, fallbackTitle: String, tableFields: [String: String]) -> ParsedDocument {
        let scalars = ScalarText.scalars(of: text)
        var lines: [Range<Int>] = []
        var start = 0
        for (i, scalar) in scalars.enumerated() where scalar == 0x0A {
            lines.append(start..<i)
            start = i + 1
        }
        lines.append(start..<scalars.count)
        if lines.count > 1, lines.last!.isEmpty { lines.removeLast() }

        func substring(_ range: Range<Int>) -> Substring {
            Substring(ScalarText.string(scalars[range]))
        }

        var warnings: [String] = []
        var warning: String?
        let frontMatter = FrontMatter.parse(lines: lines.prefix(201).map(substring), warning: &warning)
        if let warning { warnings.append(warning) }
        let firstBodyLine = frontMatter?.lineCount ?? 0

        let trimmed = lines.map { trim($0, in: scalars) }
        // Shown without letter-spacing debris (`通  知`), whichever source names it.
        let title = TitleText.clean((frontMatter?.fields["title"] ?? tableFields["title"]).map { $0.trimmingWhitespace() }
            .flatMap { $0.isEmpty ? nil : $0 }
            ?? findTitle(trimmed.dropFirst(firstBodyLine), substring: substring)
            ?? fallbackTitle)

        var passages: [ParsedDocument.Passage] = []
        var path = SectionPath()
        var skippedTitle = false
        for lineIndex in firstBodyLine..<lines.count {
            let range = trimmed[lineIndex]
            if range.isEmpty || isComment(range, in: scalars) { continue }
            if let heading = SectionHeading.recognize(scalars[range]), !isInsideTableOfContents(lineIndex, trimmed, scalars) {
                // The first `#` heading is the document's title line (in whatever
                // language), not a section.
                if heading.rank == 0, !skippedTitle {
                    skippedTitle = true
                } else {
                    path.open(heading)
                }
            }
            let section = path.current
            for piece in cut(range, in: scalars) {
                passages.append(.init(range: piece, line: lineIndex + 1, section: section))
            }
        }
        // Metadata the text states (number, date, issuer …) fills what front matter leaves out.
        let around = lines.count <= 55 ? Array(lines[firstBodyLine...]) : Array(lines[firstBodyLine..<max(firstBodyLine, 40)]) + lines.suffix(15)
        var fields = MetadataExtractor.extract(lines: around.map(substring), title: title)
        fields.merge(tableFields) { _, listed in listed }
        fields.merge(frontMatter?.fields ?? [:]) { _, written in written }
        if let region = fields["region"] { fields["region"] = MetadataExtractor.canonicalRegion(region) }
        return ParsedDocument(title: title, fields: fields, scalars: scalars, passages: passages,
                              sectionTree: path.tree, lineCount: lines.count, warnings: warnings)
    }

    /// Cuts a trimmed line into passages of at most ``maximumLength``.
    func cut(_ line: Range<Int>, in scalars: [UInt32]) -> [Range<Int>] {
        var pieces: [Range<Int>] = []
        var start = line.lowerBound
        while line.upperBound - start > maximumLength {
            let window = (start + minimumLength)..<(start + maximumLength)
            let end = lastCut(in: window, scalars, where: CharacterClasses.isSentenceEnd)
                ?? lastCut(in: window, scalars, where: CharacterClasses.isClausePause)
                ?? lastCut(in: window, scalars, where: CharacterClasses.isWhitespace)
                ?? window.upperBound
            let piece = trim(start..<end, in: scalars)
            if !piece.isEmpty { pieces.append(piece) }
            start = end
        }
        let rest = trim(start..<line.upperBound, in: scalars)
        if !rest.isEmpty { pieces.append(rest) }
        return pieces
    }

    /// The position just after the last scalar in `window` that `matches`,
    /// moved past closing quotes and brackets that belong to it.
    private func lastCut(in window: Range<Int>, _ scalars: [UInt32], where matches: (UInt32) -> Bool) -> Int? {
        guard let found = scalars[window].lastIndex(where: matches) else { return nil }
        var end = found + 1
        while end < window.upperBound, CharacterClasses.isClosingMark(scalars[end]) { end += 1 }
        return end
    }

    private func trim(_ range: Range<Int>, in scalars: [UInt32]) -> Range<Int> {
        var lower = range.lowerBound
        var upper = range.upperBound
        while lower < upper, CharacterClasses.isWhitespace(scalars[lower]) { lower += 1 }
        while upper > lower, CharacterClasses.isWhitespace(scalars[upper - 1]) { upper -= 1 }
        return lower..<upper
    }

    /// Whether the line is in a block of table-of-contents entries: the lines
    /// before and after it (blank lines aside) are entries, though it has lost
    /// its leaders or page number (`三、建设内容` between `二、…………5` and `（一）…………7`).
    private func isInsideTableOfContents(_ line: Int, _ lines: [Range<Int>], _ scalars: [UInt32]) -> Bool {
        func isEntry(_ neighbours: some Sequence<Int>) -> Bool {
            guard let neighbour = neighbours.first(where: { !lines[$0].isEmpty }) else { return false }
            return TableOfContents.isEntry(scalars[lines[neighbour]])
        }
        return isEntry(stride(from: line - 1, through: 0, by: -1)) && isEntry((line + 1)..<lines.count)
    }

    private func isComment(_ range: Range<Int>, in scalars: [UInt32]) -> Bool {
        let open: [UInt32] = [0x3C, 0x21, 0x2D, 0x2D]  // <!--
        let close: [UInt32] = [0x2D, 0x2D, 0x3E]  // -->
        return range.count >= 7 && scalars[range].starts(with: open) && scalars[range].reversed().starts(with: close.reversed())
    }

    /// The document's title from its first lines: the first Markdown heading
    /// if it is Chinese, else the first line that reads like a Chinese title
    /// (short, not a link or a citation code, not ending a sentence), else the
    /// first heading in any language.
    private func findTitle(_ lines: ArraySlice<Range<Int>>, substring: (Range<Int>) -> Substring) -> String? {
        let leading = lines.filter { !$0.isEmpty }.prefix(30)
        func hasHan(_ text: Substring) -> Bool { text.unicodeScalars.contains { (0x4E00...0x9FFF).contains($0.value) } }
        var heading: String?
        for range in leading {
            let line = substring(range)
            if line.hasPrefix("#"), let recognized = SectionHeading.recognize(line), recognized.rank <= 2 {
                heading = line.drop(while: { $0 == "#" }).trimmingWhitespace()
                break
            }
        }
        if let heading, hasHan(Substring(heading)) { return heading }
        for range in leading.prefix(15) where range.count <= 60 {
            let line = substring(range)
            let last = line.unicodeScalars.last!.value
            if line.hasPrefix("【") || line.hasPrefix("[") || line.contains("://") || line.hasPrefix("<")
                || line.hasPrefix("#") || line.hasPrefix("-") || CharacterClasses.isSentenceEnd(last)
                || CharacterClasses.isClausePause(last) || !hasHan(line) || SectionHeading.recognize(line) != nil
            {
                continue
            }
            return line.trimmingWhitespace()
        }
        return heading
    }
}
