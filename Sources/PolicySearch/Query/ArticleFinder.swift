import PolicyAnalysis
import PolicyIndex

/// Finds the articles of a segment that hold every clause of a query, for
/// `A ARTICLE B`.
///
/// A passage's article is the innermost `第X条` of its section path, else its
/// innermost numbered heading (`一、` `（一）` `1.` `（1）`); a passage with
/// neither (before any heading, under a chapter title or a Markdown heading
/// only) is in no article. An article is the run of consecutive passages of a
/// document that have the same one: its heading's line and what follows up to
/// the next heading of its level or above, or up to a sub-heading when the
/// article is not a 条 (`（一）`'s items `1.` are articles of their own).
final class ArticleFinder {
    let segment: Segment
    /// By document: each heading node's article node (-1 for none).
    private var articleNodes: [Int: [Int32]] = [:]

    init(segment: Segment) {
        self.segment = segment
    }

    /// The articles, as first and last passage, in which every one of
    /// `clauses` (each a sorted list of passages) has a passage; in order.
    /// A document's headings are read only when it holds every clause.
    func articles(holding clauses: [[Int32]]) throws -> [(Int, Int)] {
        guard let rarest = clauses.min(by: { $0.count < $1.count }) else { return [] }
        var result: [(Int, Int)] = []
        // Ranges come in increasing order: each clause's cursors only move on.
        var documentCursors = [Int](repeating: 0, count: clauses.count)
        var articleCursors = documentCursors
        var document = 0
        var documentHoldsAll = (number: -1, holds: false)
        for passage in rarest.map(Int.init) {
            if let last = result.last, passage <= last.1 { continue }
            document = segment.document(ofPassage: passage, from: document)
            if documentHoldsAll.number != document {
                let passages = segment.passages(ofDocument: document)
                documentHoldsAll = (document, Self.everyClause(clauses, in: passages.lowerBound...(passages.upperBound - 1),
                                                               cursors: &documentCursors))
            }
            guard documentHoldsAll.holds, let article = try article(of: passage) else { continue }
            if Self.everyClause(clauses, in: article, cursors: &articleCursors) {
                result.append((article.lowerBound, article.upperBound))
            }
        }
        return result
    }

    /// Whether every clause has a passage in `range`; `cursors` (one per clause)
    /// start the search, for ranges that never move back.
    private static func everyClause(_ clauses: [[Int32]], in range: ClosedRange<Int>, cursors: inout [Int]) -> Bool {
        for (c, clause) in clauses.enumerated() {
            var cursor = cursors[c]
            while cursor < clause.count, Int(clause[cursor]) < range.lowerBound { cursor += 1 }
            cursors[c] = cursor
            if cursor == clause.count || Int(clause[cursor]) > range.upperBound { return false }
        }
        return true
    }

    /// The passages of the article that holds `passage`, nil when it is in none.
    func article(of passage: Int) throws -> ClosedRange<Int>? {
        let document = segment.document(ofPassage: passage)
        let nodes = try articleNodes(ofDocument: document)
        func articleNode(_ p: Int) -> Int32 {
            guard let node = segment.sectionNode(ofPassage: p), node < nodes.count else { return -1 }
            return nodes[node]
        }
        let node = articleNode(passage)
        guard node >= 0 else { return nil }
        let passages = segment.passages(ofDocument: document)
        var first = passage
        while first > passages.lowerBound, articleNode(first - 1) == node { first -= 1 }
        var last = passage
        while last + 1 < passages.upperBound, articleNode(last + 1) == node { last += 1 }
        return first...last
    }

    private func articleNodes(ofDocument document: Int) throws -> [Int32] {
        if let known = articleNodes[document] { return known }
        let tree = try segment.document(document).sections
        let nodes = Self.articleNodes(of: tree)
        articleNodes[document] = nodes
        return nodes
    }

    /// Each node's article node: the innermost 条 on its path, else the innermost
    /// numbered heading of a document (一、 （一） 1. （1）), else -1.
    static func articleNodes(of tree: SectionTree) -> [Int32] {
        let ranks = tree.nodes.map { SectionHeading.recognize(Substring($0.label))?.rank ?? -1 }
        return tree.nodes.indices.map { node in
            var numbered: Int32 = -1
            var current = node
            var steps = 0
            // Bounded by the node count, in case stored parents form a loop.
            while current >= 0, current < tree.nodes.count, steps <= tree.nodes.count {
                if ranks[current] == clauseRank { return Int32(current) }
                if numbered < 0, numberedRanks.contains(ranks[current]) { numbered = Int32(current) }
                current = Int(tree.nodes[current].parent)
                steps += 1
            }
            return numbered
        }
    }

    /// ``SectionHeading/rank`` of `第X条`, and of `一、` `（一）` `1.` `（1）`.
    static let clauseRank = 18
    static let numberedRanks = 30...36
}
