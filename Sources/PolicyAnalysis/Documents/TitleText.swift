/// A document's title as it is shown: without the letter spacing of its
/// typeset original.
///
/// Official documents space out short titles (`通  知`) and converted PDFs
/// break long ones where the line wrapped (`我国地方政府大数据 发展规划分析报告`):
/// Chinese is written without spaces, so white space between two Han
/// characters is debris and goes. White space between Latin words, or between
/// a Han character and a digit or letter (`2016 年`, `5G 网络`), stays.
/// Bold marks (``MarkdownEmphasis``) are not part of a title either.
public enum TitleText {
    /// `title` without bold marks, with the white space between Han
    /// characters removed, trimmed.
    public static func clean(_ title: String) -> String {
        let scalars = MarkdownEmphasis.removing(from: Array(title.trimmingWhitespace().unicodeScalars))
        var result = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            let scalar = scalars[i]
            if CharacterClasses.isWhitespace(scalar.value), let before = result.last, MetadataExtractor.isHan(before) {
                var next = i
                while next < scalars.count, CharacterClasses.isWhitespace(scalars[next].value) { next += 1 }
                if next < scalars.count, MetadataExtractor.isHan(scalars[next]) {
                    i = next
                    continue
                }
            }
            result.append(scalar)
            i += 1
        }
        return String(result).trimmingWhitespace()
    }
}
