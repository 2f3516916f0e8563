import Yams

/// YAML front matter at the top of a Markdown document, between `---` lines.
public struct FrontMatter: Sendable, Equatable {
    /// The fields, with every scalar value as text (dates as written).
    public var fields: [String: String]
    /// The number of lines the front matter occupies, fences included.
    public var lineCount: Int

    public init(fields: [String: String] = [:], lineCount: Int = 0) {
        self.fields = fields
        self.lineCount = lineCount
    }

    /// Finds and parses front matter in `lines` (the document's lines, first
    /// line first). Returns nil when the document has none. Malformed YAML is
    /// reported through `warning` and the fence lines are still skipped.
    public static func parse(lines: [Substring], warning: inout String?) -> FrontMatter? {
        guard let first = lines.first, first.trimmingWhitespace() == "---" else { return nil }
        guard let close = lines.indices.dropFirst().prefix(200).first(where: {
            let line = lines[$0].trimmingWhitespace()
            return line == "---" || line == "..."
        }) else { return nil }
        let yaml = lines[1..<close].joined(separator: "\n")
        var fields: [String: String] = [:]
        do {
            // Compose (not load): the values stay as written, so `date: 2016-03-15`
            // and `number: 0012` are not turned into a date or the number 10.
            if let node = try Yams.compose(yaml: yaml) {
                if let mapping = node.mapping {
                    for (key, value) in mapping {
                        if let key = key.string, let text = Self.text(of: value), !text.isEmpty { fields[key] = text }
                    }
                } else {
                    warning = "front matter (lines 2–\(close)) is not a YAML mapping; ignored"
                }
            }
        } catch let error as YamlError {
            warning = "front matter is not valid YAML (\(Self.describe(error, offset: 1))); ignored"
        } catch {
            warning = "front matter is not valid YAML; ignored"
        }
        return FrontMatter(fields: fields, lineCount: close + 1)
    }

    private static func text(of node: Node) -> String? {
        switch node {
        case .scalar(let scalar): return scalar.string
        case .sequence(let sequence): return sequence.compactMap { text(of: $0) }.joined(separator: "; ")
        default: return nil
        }
    }

    private static func describe(_ error: YamlError, offset: Int) -> String {
        if case let .scanner(_, problem, mark, _) = error { return "line \(mark.line + offset): \(problem)" }
        if case let .parser(_, problem, mark, _) = error { return "line \(mark.line + offset): \(problem)" }
        return "\(error)".split(separator: "\n").first.map(String.init) ?? "unknown error"
    }
}

extension StringProtocol {
    /// The text without leading and trailing white space (as ``CharacterClasses/isWhitespace(_:)`` defines it).
    public func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !CharacterClasses.isWhitespace($0.value) }) else { return "" }
        let last = scalars.lastIndex(where: { !CharacterClasses.isWhitespace($0.value) })!
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}
