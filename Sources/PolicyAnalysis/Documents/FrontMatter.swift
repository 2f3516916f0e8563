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
            if let mapping = try Yams.load(yaml: yaml) as? [String: Any] {
                for (key, value) in mapping {
                    if let text = Self.text(of: value) { fields[key] = text }
                }
            } else if !yaml.trimmingWhitespace().isEmpty {
                warning = "front matter (lines 2–\(close)) is not a YAML mapping; ignored"
            }
        } catch let error as YamlError {
            warning = "front matter is not valid YAML (\(Self.describe(error, offset: 1))); ignored"
        } catch {
            warning = "front matter is not valid YAML; ignored"
        }
        return FrontMatter(fields: fields, lineCount: close + 1)
    }

    private static func text(of value: Any) -> String? {
        switch value {
        case let string as String: return string
        case let list as [Any]: return list.compactMap { text(of: $0) }.joined(separator: "; ")
        case is [String: Any]: return nil
        default: return "\(value)"
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
