extension Query {
    /// Operands that must occur close together: `A NEAR/5 B`, `A SENTENCE B`,
    /// `A ARTICLE B`, chained left to right (`A NEAR/5 B NEAR/10 C`).
    ///
    /// Each operand is a clause as elsewhere in a query: a part or a choice of
    /// parts (`数据 OR 信息 NEAR/5 安全`: OR binds tighter than the operators,
    /// which bind tighter than the space of AND).
    ///
    /// A chain holds when there is one occurrence of each operand such that
    /// every two neighbours in the chain are linked: for NEAR/N, in one passage
    /// with at most N characters of normalized text between the end of one and
    /// the start of the other, in either order (overlapping or adjacent: 0);
    /// for SENTENCE, in one sentence of one passage. NEAR and SENTENCE links
    /// may be mixed in one chain. ARTICLE puts every operand of its chain in
    /// one article (it takes no other link in its chain) and makes the
    /// query's hits articles: see ``Searcher``.
    public struct Proximity: Equatable, Hashable, Sendable {
        /// How two neighbouring operands are tied.
        public enum Link: Equatable, Hashable, Sendable {
            /// At most this many characters apart.
            case near(Int)
            case sentence
            case article

            /// The operator as written in a query.
            public var written: String {
                switch self {
                case .near(let distance): "NEAR/\(distance)"
                case .sentence: "SENTENCE"
                case .article: "ARTICLE"
                }
            }
        }

        /// The operands, each a choice of alternatives, in the order written.
        public var operands: [[Part]]
        /// `links[i]` ties `operands[i]` to `operands[i + 1]`.
        public var links: [Link]

        public init(operands: [[Part]], links: [Link]) {
            precondition(operands.count == links.count + 1 && !links.isEmpty, "a chain has one link fewer than operands")
            self.operands = operands
            self.links = links
        }

        /// Whether the chain asks for one article (its links are all ARTICLE).
        public var isArticle: Bool { links.first == .article }

        /// The largest distance NEAR/N takes: a passage is a few hundred characters.
        public static let maximumDistance = 1000

        /// The words the parser reads as operators; a part spelled so is quoted
        /// when written back.
        static func isOperatorWord(_ word: String) -> Bool {
            word == "NEAR" || word == "SENTENCE" || word == "ARTICLE" || word.hasPrefix("NEAR/")
        }

        var written: String {
            var text = operands[0].map(\.written).joined(separator: " OR ")
            for (link, operand) in zip(links, operands.dropFirst()) {
                text += " " + link.written + " " + operand.map(\.written).joined(separator: " OR ")
            }
            return text
        }
    }
}
