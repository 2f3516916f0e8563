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
}
