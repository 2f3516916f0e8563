/// Keyword-in-context lines: each occurrence of a query's parts in its hits,
/// with the text before and after it in the passage.
public struct ConcordanceLine: Sendable, Equatable {
    public var rank: Int
    public var left: String
    public var match: String
    public var right: String
    /// The hit the line comes from, without its text, highlights and the
    /// places of its identical passages: the line holds what it shows of them.
    public var hit: Hit {
        get { source.hit }
        set { source = Source(hit: newValue) }
    }

    /// The hit, held once for all the lines of it: a concordance of 的 keeps
    /// half a million lines of a quarter of a million hits.
    private var source: Source

    private final class Source: Sendable {
        let hit: Hit
        init(hit: Hit) { self.hit = hit }
    }

    public init(rank: Int, left: String, match: String, right: String, hit: Hit) {
        self.init(rank: rank, left: left, match: match, right: right, source: Source(hit: hit))
    }

    private init(rank: Int, left: String, match: String, right: String, source: Source) {
        self.rank = rank
        self.left = left
        self.match = match
        self.right = right
        self.source = source
    }

    public static func == (a: ConcordanceLine, b: ConcordanceLine) -> Bool {
        a.rank == b.rank && a.left == b.left && a.match == b.match && a.right == b.right
    }

    /// The lines of one hit, `width` characters of context on each side.
    public static func lines(of hit: Hit, width: Int) -> [ConcordanceLine] {
        let scalars = Array(hit.passage.text.unicodeScalars)
        func text(_ range: Range<Int>) -> String { String(String.UnicodeScalarView(scalars[range])) }
        var slim = hit
        slim.passage.text = ""
        slim.highlights = []
        slim.identical = []
        slim.opensSection = nil
        let source = Source(hit: slim)
        return hit.highlights.map { range in
            ConcordanceLine(rank: hit.rank, left: text(max(0, range.lowerBound - width)..<range.lowerBound),
                            match: text(range), right: text(range.upperBound..<min(scalars.count, range.upperBound + width)),
                            source: source)
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
        case .left: return sorted(lines) { String($0.left.reversed()) }
        case .right: return sorted(lines) { $0.match + $0.right }
        }
    }

    /// Sorts by a key made once per line (not twice per comparison), ties in
    /// the order given.
    private static func sorted(_ lines: [ConcordanceLine], by key: (ConcordanceLine) -> String) -> [ConcordanceLine] {
        let keys = lines.map(key)
        return lines.indices.sorted { keys[$0] != keys[$1] ? keys[$0] < keys[$1] : $0 < $1 }.map { lines[$0] }
    }
}
