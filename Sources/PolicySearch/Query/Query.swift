/// A parsed query: parts that must all match, each possibly a choice of
/// alternatives (`A OR B`), and parts that must not match.
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
            quoted || text.contains(where: { $0 == " " || $0 == "\"" }) || text.hasPrefix("-") || text == "OR"
                ? "\"\(text)\"" : text
        }
    }

    /// Each clause must match: one of its alternatives must occur in the passage.
    public var required: [[Part]]
    /// None of these may occur in the passage.
    public var excluded: [Part]

    public init(required: [[Part]], excluded: [Part] = []) {
        self.required = required
        self.excluded = excluded
    }

    /// Every part that contributes to the score, each once.
    public var scoredParts: [Part] {
        var seen = Set<Part>()
        return required.joined().filter { seen.insert($0).inserted }
    }

    /// The query written back in the syntax the parser reads.
    public var description: String {
        let required = self.required.map { $0.map(\.written).joined(separator: " OR ") }
        return (required + excluded.map { "-" + $0.written }).joined(separator: " ")
    }
}
