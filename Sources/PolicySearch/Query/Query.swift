import PolicyAnalysis

/// A parsed query: parts that must all match, each possibly a choice of
/// alternatives (`A OR B`), chains of parts that must occur close together
/// (`A NEAR/5 B`, ``Proximity``), and parts that must not match.
///
/// Every part is matched as a literal string in the normalized passage text,
/// as Ctrl-F or `grep -F` would, so `交易` finds `交易所`.
public struct Query: Equatable, Sendable, CustomStringConvertible {
    /// A part as the user wrote it, and whether it was quoted.
    public struct Part: Equatable, Hashable, Sendable {
        public var text: String
        public var quoted: Bool

        public init(_ text: String, quoted: Bool = false) {
            self.text = text
            self.quoted = quoted
        }

        var written: String {
            quoted || Query.needsQuotes(text) || text.hasPrefix("-") || text == "OR" || Proximity.isOperatorWord(text)
                ? "\"\(text)\"" : text
        }
    }

    /// Each clause must match: one of its alternatives must occur in the passage.
    public var required: [[Part]]
    /// Each chain must hold too (ANDed with the clauses).
    public var proximities: [Proximity]
    /// None of these may occur in the passage.
    public var excluded: [Part]
    /// Conditions on the passage's document: all must hold.
    public var filters: [Filter]

    public init(required: [[Part]], proximities: [Proximity] = [], excluded: [Part] = [], filters: [Filter] = []) {
        self.required = required
        self.proximities = proximities
        self.excluded = excluded
        self.filters = filters
    }

    /// A condition on a document's metadata, such as `region:贵州`,
    /// `year:2016..2017` or `-type:通知`.
    public struct Filter: Equatable, Hashable, Sendable {
        /// The fields a filter can name.
        public static let fields = ["region", "issuer", "type", "level", "number", "title", "year", "cites"]

        public var field: String
        /// The text the field must contain (for `year`: the range, such as 2016..2017).
        public var value: String
        public var excluded: Bool
        /// Whether the field must be the value itself, not merely contain it
        /// (`region:=贵州`): a facet's value or a tally's group picks exactly
        /// the documents it counted, where `issuer:国务院` also takes 国务院办公厅.
        public var isWhole: Bool

        public init(field: String, value: String, excluded: Bool = false, isWhole: Bool = false) {
            self.field = field
            self.value = value
            self.excluded = excluded
            self.isWhole = isWhole && field != "year"
        }

        /// The years a `year:` filter takes, or nil when its value is not a year or range.
        public var years: ClosedRange<Int>? {
            let bounds = value.components(separatedBy: "..")
            // Years of four digits: `-5`, `0` and `+2016` are no years of a policy.
            func year(_ text: String) -> Int? {
                text.count == 4 && text.allSatisfy(\.isASCII) ? Int(text).flatMap { $0 >= 1000 ? $0 : nil } : nil
            }
            guard (1...2).contains(bounds.count), let low = year(bounds[0]), let high = year(bounds.last!), low <= high else {
                return nil
            }
            return low...high
        }

        /// Whether the filter is on what documents cite (`cites:国发〔2015〕50号`),
        /// which the citation network answers (``IndexReader/documents(passing:)``),
        /// not the document's own metadata.
        public var isCitation: Bool { field == "cites" }

        /// Whether a document with this title and these fields passes (a
        /// ``isCitation`` filter: always; the citation network decides).
        public func admits(title: String, fields: [String: String]) -> Bool {
            let holds: Bool
            switch field {
            case "cites":
                return true
            case "year":
                let year = fields["date"].flatMap { Int($0.prefix(4)) }
                holds = year.map { years?.contains($0) ?? false } ?? false
            case "title":
                holds = isWhole ? title == value : title.contains(value)
            default:
                holds = fields[field].map { isWhole ? $0 == value : $0.contains(value) } ?? false
            }
            return holds != excluded
        }

        /// The filter as the parser reads it back: the value quoted when it
        /// holds white space or a quote-free phrase would not survive.
        var written: String {
            let shown = (isWhole ? "=" : "") + value
            let plain = !value.isEmpty && !Query.needsQuotes(shown)
            return (excluded ? "-" : "") + field + ":" + (plain ? shown : "\"" + shown + "\"")
        }
    }

    /// Whether a text holds what separates parts (any white space the
    /// parser splits on, control characters included) or a quote.
    static func needsQuotes(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0 == "\"" || CharacterClasses.isWhitespace($0.value) }
    }

    /// Every part that contributes to the score, each once.
    public var scoredParts: [Part] {
        var seen = Set<Part>()
        let chained = proximities.flatMap { $0.operands.joined() }
        return (Array(required.joined()) + chained).filter { seen.insert($0).inserted }
    }

    /// Whether the query's hits are articles (it has an ARTICLE chain).
    public var isByArticle: Bool { proximities.contains(where: \.isArticle) }

    /// The query written back in the syntax the parser reads.
    public var description: String {
        let required = self.required.map { $0.map(\.written).joined(separator: " OR ") }
        return (required + proximities.map(\.written) + excluded.map { "-" + $0.written } + filters.map(\.written)).joined(separator: " ")
    }
}
