import PolicyAnalysis

/// Finds where query parts occur in a passage, for highlighting.
public enum Highlighter {
    /// The ranges of original scalars where any of `parts` (normalized) occurs in
    /// `text`, merged where they touch or overlap, in order.
    public static func ranges(of parts: [[UInt32]], in text: NormalizedText) -> [Range<Int>] {
        var found: [Range<Int>] = []
        let haystack = text.scalars
        for part in parts where !part.isEmpty && part.count <= haystack.count {
            var i = 0
            while i + part.count <= haystack.count {
                if haystack[i] == part[0], haystack[i..<(i + part.count)].elementsEqual(part) {
                    found.append(text.sourceRange(of: i..<(i + part.count)))
                    i += part.count
                } else {
                    i += 1
                }
            }
        }
        found.sort { $0.lowerBound < $1.lowerBound }
        var merged: [Range<Int>] = []
        for range in found {
            if let last = merged.last, range.lowerBound <= last.upperBound {
                merged[merged.count - 1] = last.lowerBound..<max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        return merged
    }

    /// `ranges` (of original scalars) widened to the whole words that they
    /// touch, among `words` (the passage's words, by original range), merged
    /// where they then overlap: 交易 in 大数据交易所 becomes the whole word when
    /// the segmenter (under the dictionaries in force) keeps it whole.
    public static func widened(_ ranges: [Range<Int>], toWords words: [Range<Int>]) -> [Range<Int>] {
        var result: [Range<Int>] = []
        for range in ranges {
            var lower = range.lowerBound
            var upper = range.upperBound
            for word in words where word.lowerBound < range.upperBound && range.lowerBound < word.upperBound {
                lower = min(lower, word.lowerBound)
                upper = max(upper, word.upperBound)
            }
            if let last = result.last, lower <= last.upperBound {
                result[result.count - 1] = last.lowerBound..<max(last.upperBound, upper)
            } else {
                result.append(lower..<upper)
            }
        }
        return result
    }
}
