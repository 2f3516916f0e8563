/// Finds the heading of a converted document (Word, HTML) that is its title,
/// and writes it as the `#` line that the passage splitter takes for the
/// title rather than for the top section.
///
/// Word documents often set their title in Heading 1 or 2 rather than in the
/// Title style, and web pages in `<h2>` or `<h3>`: written as `##` or `###`,
/// such a title became the root of every section path, where the same text as
/// a `.txt` file (`# 标题`) has it as the title only. A document's first
/// heading is its title when it opens the document (at most
/// ``maximumLinesBefore`` lines before it: a document number, a date), is not
/// numbered (`一、`, `第一章`), does not name a part of a document (目录,
/// 前言 …), and no later heading without numbering is of a higher level.
enum TitleHeading {
    /// The most non-empty lines that come before a title.
    static let maximumLinesBefore = 8

    /// Headings that name a part of a document, never its title.
    static let documentParts: Set<String> = ["目录", "前言", "序言", "引言", "摘要", "附件", "附录", "附表", "总则", "附则",
                                             "版权声明", "说明", "contents"]

    /// Rewrites the title heading of `lines` (Markdown headings marked with
    /// `#`), if there is one, as a `#` line; leaves the other lines as they are.
    static func mark(in lines: inout [String]) {
        var linesBefore = 0
        var first: (index: Int, heading: SectionHeading)?
        for (index, line) in lines.enumerated() {
            let trimmed = line.trimmingWhitespace()
            if trimmed.isEmpty { continue }
            if trimmed.hasPrefix("#"), let heading = SectionHeading.recognize(Substring(trimmed)), heading.markdownLevel > 0 {
                first = (index, heading)
                break
            }
            linesBefore += 1
            if linesBefore > maximumLinesBefore { return }
        }
        guard let (index, heading) = first, heading.markdownLevel > 1, !heading.isNumbered else { return }
        let text = String(lines[index].trimmingWhitespace().drop { $0 == "#" }).trimmingWhitespace()
        let name = TitleText.clean(text).filter { !$0.isWhitespace }.lowercased()
        guard !documentParts.contains(name) else { return }
        for line in lines[(index + 1)...] where line.hasPrefix("#") {
            if let later = SectionHeading.recognize(Substring(line)), !later.isNumbered, later.markdownLevel > 0,
                later.markdownLevel < heading.markdownLevel
            {
                return
            }
        }
        lines[index] = "# " + text
    }
}
