/// The part of a passage shown in a result list: the whole passage when it is
/// short, else a window around its first match.
public struct Snippet: Sendable, Equatable {
    /// The text shown (with `…` where it was cut).
    public var text: String
    /// Ranges of Unicode scalars of `text` to highlight.
    public var highlights: [Range<Int>]

    /// The longest snippet, in characters.
    public static let defaultWidth = 160

    public init(text: String, highlights: [Range<Int>]) {
        self.text = text
        self.highlights = highlights
    }

    public init(passage: String, highlights: [Range<Int>], width: Int = Snippet.defaultWidth) {
        let scalars = Array(passage.unicodeScalars)
        guard scalars.count > width else {
            self.init(text: passage, highlights: highlights)
            return
        }
        // Start a little before the first match, so that it has some context.
        let first = highlights.first?.lowerBound ?? 0
        var start = max(0, first - width / 4)
        start = min(start, scalars.count - width)
        let end = start + width
        var text = String.UnicodeScalarView()
        var shift = start
        if start > 0 {
            text.append("…")
            shift -= 1
        }
        text.append(contentsOf: scalars[start..<end])
        if end < scalars.count { text.append("…") }
        let shown = highlights.compactMap { range -> Range<Int>? in
            let lower = max(range.lowerBound, start)
            let upper = min(range.upperBound, end)
            return lower < upper ? (lower - shift)..<(upper - shift) : nil
        }
        self.init(text: String(text), highlights: shown)
    }
}
