/// Keyword-in-context lines: each occurrence of a query's parts in its hits,
/// with the text before and after it in the passage.
public struct ConcordanceLine: Sendable, Equatable {
    public var rank: Int
    public var left: String
    public var match: String
    public var right: String
    public var hit: Hit

    public static func == (a: ConcordanceLine, b: ConcordanceLine) -> Bool {
        a.rank == b.rank && a.left == b.left && a.match == b.match && a.right == b.right
    }

    /// The lines of one hit, `width` characters of context on each side.
    public static func lines(of hit: Hit, width: Int) -> [ConcordanceLine] {
        let scalars = Array(hit.passage.text.unicodeScalars)
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        return hit.highlights.map { range in
            ConcordanceLine(rank: hit.rank, left: text(max(0, range.lowerBound - width)..<range.lowerBound),
                            match: text(range), right: text(range.upperBound..<min(scalars.count, range.upperBound + width)),
                            hit: hit)
        }
    }

    /// How concordance lines are ordered.
    public enum Order: String, CaseIterable, Sendable {
        /// By the hit's rank, then place in the passage.
        case rank
        /// By the left context read from the match backwards, as concordancers do.
        case left
        /// By the match and the right context.
        case right
    }

    /// Sorts lines (stable: ties keep rank order).
    public static func sorted(_ lines: [ConcordanceLine], by order: Order) -> [ConcordanceLine] {
        switch order {
        case .rank: return lines
        case .left:
            return lines.enumerated().sorted {
                let a = String($0.element.left.reversed()), b = String($1.element.left.reversed())
                return a != b ? a < b : $0.offset < $1.offset
            }.map(\.element)
        case .right:
            return lines.enumerated().sorted {
                let a = $0.element.match + $0.element.right, b = $1.element.match + $1.element.right
                return a != b ? a < b : $0.offset < $1.offset
            }.map(\.element)
        }
    }
}
