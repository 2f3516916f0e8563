import Foundation
import Yams

/// A codebook: themes, each recognized by a few terms (queries in the search
/// syntax), applied to a set of documents to code them, as content analysis
/// does by hand ("23 of 37 plans mention 工业大数据"). Read from YAML:
///
/// ```yaml
/// name: 地方大数据规划的主题
/// unit: passage                # the default unit of every theme
/// themes:
///   - name: 工业大数据
///     group: 应用领域 › 工业
///     terms: [工业大数据, 智能制造 SENTENCE 数据]
///     exclude: ["region:全国"]
///   - name: 数据交易
///     terms: [数据交易, 交易中心 OR 交易所]
///     unit: document
/// ```
///
/// See ``CodingUnit`` for what a unit changes.
public struct Codebook: Sendable, Equatable {
    /// The codebook's own name (its file's name when it gives none).
    public var name: String
    public var themes: [Theme]

    /// One theme: its terms and exclusions, parsed.
    public struct Theme: Sendable, Equatable {
        public var name: String
        /// Where the theme sits in a hierarchy, such as `应用领域 › 工业` ("" when it does not say).
        public var group: String
        public var terms: [Query]
        /// Queries whose passages are never coded for this theme.
        public var exclusions: [Query]
        public var unit: CodingUnit
        /// The line of the theme in its file, for messages.
        public var line: Int

        public init(name: String, group: String = "", terms: [Query], exclusions: [Query] = [], unit: CodingUnit = .passage,
                    line: Int = 0) {
            self.name = name
            self.group = group
            self.terms = terms
            self.exclusions = exclusions
            self.unit = unit
            self.line = line
        }
    }

    public init(name: String, themes: [Theme]) {
        self.name = name
        self.themes = themes
    }

    /// The keys a codebook and a theme may hold.
    static let codebookKeys = ["name", "unit", "themes"]
    static let themeKeys = ["name", "group", "terms", "exclude", "unit"]

    /// Reads a codebook file; any problem is one ``CodebookError`` naming the file and line.
    public static func read(path: String) throws -> Codebook {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "it cannot be read" : "no such file"
            throw CodebookError(file: path, line: nil, problem: reason)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw CodebookError(file: path, line: nil, problem: "it is not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses codebook YAML; `file` names it in errors.
    public static func parse(_ yaml: String, file: String) throws -> Codebook {
        func fail(_ node: Node?, _ problem: String) -> CodebookError {
            CodebookError(file: file, line: node?.mark?.line, problem: problem)
        }
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else { throw fail(nil, "it is empty: a codebook lists themes") }
            root = node
        } catch let error as YamlError {
            throw CodebookError(file: file, yamlError: error)
        }
        guard let top = root.mapping else {
            throw fail(root, "a codebook is a mapping with `themes:` (a list of themes), and optionally `name:` and `unit:`")
        }
        var name = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        var defaultUnit = CodingUnit.passage
        var themesNode: Node?
        for (key, value) in top {
            switch key.string ?? "" {
            case "name": name = try text(value, "name", fail)
            case "unit": defaultUnit = try unit(value, fail)
            case "themes": themesNode = value
            default:
                throw fail(key, "unknown key `\(key.string ?? "?")` (a codebook has \(codebookKeys.joined(separator: ", ")))")
            }
        }
        guard let themesNode else { throw fail(root, "no `themes:`: a codebook lists its themes under `themes:`") }
        guard let list = themesNode.sequence, !list.isEmpty else {
            throw fail(themesNode, "`themes:` must be a list of themes, each with a `name:` and `terms:`")
        }
        var themes: [Theme] = []
        var seen: [String: Int] = [:]
        for item in list {
            guard let fields = item.mapping else {
                throw fail(item, "a theme is a mapping with `name:` and `terms:`, not \(describe(item))")
            }
            var theme = Theme(name: "", terms: [], unit: defaultUnit, line: item.mark?.line ?? 0)
            var termsNode: Node?
            for (key, value) in fields {
                switch key.string ?? "" {
                case "name": theme.name = try text(value, "name", fail)
                case "group": theme.group = try text(value, "group", fail)
                case "unit": theme.unit = try unit(value, fail)
                case "terms":
                    termsNode = value
                    theme.terms = try queries(value, "terms", fail)
                case "exclude": theme.exclusions = try queries(value, "exclude", fail)
                default:
                    throw fail(key, "unknown key `\(key.string ?? "?")` in a theme (a theme has \(themeKeys.joined(separator: ", ")))")
                }
            }
            guard !theme.name.isEmpty else { throw fail(item, "a theme without a `name:`") }
            guard termsNode != nil, !theme.terms.isEmpty else {
                throw fail(item, "theme \"\(theme.name)\" has no `terms:` (a list of queries that recognize it)")
            }
            if let first = seen[theme.name] {
                throw fail(item, "theme \"\(theme.name)\" is named twice (first on line \(first))")
            }
            seen[theme.name] = theme.line
            if theme.unit == .sentence {
                for (term, node) in zip(theme.terms, termsNode?.sequence.map(Array.init) ?? [termsNode!])
                where CodingUnit.sentenceChain(of: term) == nil {
                    throw fail(node, "term \"\(term)\" of theme \"\(theme.name)\": under `unit: sentence` a term's parts are tied into one sentence, which a term with its own NEAR, SENTENCE or ARTICLE chain cannot be; write the chain with SENTENCE links or give the theme `unit: passage`")
                }
            }
            themes.append(theme)
        }
        return Codebook(name: name, themes: themes)
    }

    private static func text(_ node: Node, _ key: String, _ fail: (Node?, String) -> CodebookError) throws -> String {
        guard let scalar = node.scalar else { throw fail(node, "`\(key):` must be a text, not \(describe(node))") }
        let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !value.isEmpty else { throw fail(node, "`\(key):` is empty") }
        return value
    }

    private static func unit(_ node: Node, _ fail: (Node?, String) -> CodebookError) throws -> CodingUnit {
        let value = try text(node, "unit", fail)
        guard let unit = CodingUnit(rawValue: value) else {
            throw fail(node, "unknown unit `\(value)` (passage, sentence or document)")
        }
        return unit
    }

    /// A list of queries (a single text is a list of one), each parsed.
    private static func queries(_ node: Node, _ key: String, _ fail: (Node?, String) -> CodebookError) throws -> [Query] {
        let items = node.sequence.map(Array.init) ?? [node]
        return try items.map { item in
            let value = try text(item, key, fail)
            do {
                return try QueryParser.parse(value)
            } catch let error as QueryError {
                throw fail(item, "in `\(key):`, \(error)")
            }
        }
    }

    private static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar): "the text \"\(scalar.string)\""
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }
}

/// What a theme's terms are matched in, and what its counts count.
public enum CodingUnit: String, Sendable, CaseIterable, Equatable {
    /// A term's parts in one passage (a paragraph, or a piece of a long
    /// one), as `search` finds them: the default.
    case passage
    /// A term's parts in one sentence: its clauses tied by SENTENCE links, so
    /// that `数据 交易` codes only the sentences that hold both. The units
    /// counted are still the passages that hold such a sentence.
    case sentence
    /// A term's parts anywhere in one document, each part in any passage: the
    /// coded passages are those that hold one of its parts, in the documents
    /// that hold them all (and none of its `-` exclusions).
    case document

    /// The query a term is searched as under `sentence`: its clauses (two or
    /// more) chained with SENTENCE; a term of one clause is searched as is.
    /// Nil when the term has a chain of its own.
    static func sentenceChain(of term: Query) -> Query? {
        guard term.proximities.isEmpty else { return nil }
        guard term.required.count > 1 else { return term }
        return Query(required: [], proximities: [Query.Proximity(operands: term.required, links: Array(repeating: .sentence, count: term.required.count - 1))],
                     excluded: term.excluded, filters: term.filters)
    }
}

/// A codebook that cannot be read: its file, the line, what is wrong.
public struct CodebookError: Error, CustomStringConvertible, Sendable, Equatable {
    public var file: String
    public var line: Int?
    public var problem: String

    public init(file: String, line: Int?, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    init(file: String, yamlError: YamlError) {
        self.file = file
        switch yamlError {
        case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
            line = mark.line
            self.problem = "not valid YAML: \(problem)"
        case .duplicatedKeysInMapping(let duplicates, _):
            line = nil
            problem = "a key given twice: \(duplicates.joined(separator: ", "))"
        default:
            line = nil
            problem = "not valid YAML: \(yamlError)"
        }
    }

    public var description: String {
        "codebook \(file)\(line.map { ":\($0)" } ?? ""): \(problem)"
    }
}
