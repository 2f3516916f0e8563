/// The entries of a table of contents: lines that end in dot leaders and a
/// page number, such as `（一）基本原则..........4`, `前 言 ........ 2` or
/// `<b>一、总体要求</b> .....	<b>1</b>`.
///
/// Such a line repeats a heading of the document with its page: it is not a
/// heading itself (a table of contents would otherwise open every section
/// once before the text does), and in a PDF it is not the start of a wrapped
/// paragraph either.
public enum TableOfContents {
    /// The fewest leader dots before the page number (… counts as three).
    static let minimumLeaderDots = 4

    /// Whether `line` (trimmed) is an entry of a table of contents.
    public static func isEntry(_ line: ArraySlice<UInt32>) -> Bool {
        var end = line.endIndex
        // Cheap first: an entry ends in a digit, a Roman numeral or the </b> around one.
        guard let last = line.last, isPageCharacter(last) || last == 0x3E || last == 0x2A || last == 0x5F else { return false }  // > * _
        skipBackMarkup(line, &end)
        let numberEnd = end
        while end > line.startIndex, isPageCharacter(line[end - 1]) { end -= 1 }
        guard end < numberEnd, numberEnd - end <= 4 else { return false }
        skipBackMarkup(line, &end)
        while end > line.startIndex, CharacterClasses.isWhitespace(line[end - 1]) { end -= 1 }
        skipBackMarkup(line, &end)
        // The leaders, possibly spaced (`. . . .`).
        var dots = 0
        while end > line.startIndex {
            let scalar = line[end - 1]
            if let weight = leaderWeight(scalar) {
                dots += weight
            } else if !CharacterClasses.isWhitespace(scalar) {
                break
            }
            end -= 1
        }
        // Something must be listed before the leaders.
        return dots >= minimumLeaderDots && end > line.startIndex
    }

    /// Whether `line` (trimmed) is an entry of a table of contents.
    public static func isEntry(_ line: Substring) -> Bool {
        isEntry(ScalarText.scalars(of: String(line))[...])
    }

    /// How many dots a leader character counts for, or nil for other characters.
    private static func leaderWeight(_ scalar: UInt32) -> Int? {
        switch scalar {
        case 0x2E, 0xFF0E, 0x00B7, 0x30FB, 0x2027, 0x3002: 1  // . ． · ・ ‧ 。
        case 0x2026, 0x22EF: 3  // … ⋯
        default: nil
        }
    }

    /// Digits (ASCII and full-width) and the letters of Roman page numbers (i v x, I V X).
    private static func isPageCharacter(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x30...0x39, 0xFF10...0xFF19, 0x49, 0x56, 0x58, 0x69, 0x76, 0x78: true
        default: false
        }
    }

    /// Moves `end` back over tags such as `</b>` or `<b>` and Markdown `**`
    /// right before it: the emphasis a converted table of contents keeps.
    private static func skipBackMarkup(_ line: ArraySlice<UInt32>, _ end: inout Int) {
        while end > line.startIndex {
            let scalar = line[end - 1]
            if scalar == 0x2A || scalar == 0x5F {  // * _
                end -= 1
            } else if scalar == 0x3E, let open = line[..<end].lastIndex(of: 0x3C), end - open <= 10 {  // <…>
                end = open
            } else {
                return
            }
        }
    }
}
