import PolicyAnalysis

/// A query that cannot be parsed, with what is wrong and where.
public struct QueryError: Error, CustomStringConvertible, Sendable, Equatable {
    public var query: String
    public var problem: String
    /// One line: the query (its first 80 characters when longer) and what is wrong.
    public var description: String {
        let shown = query.count > 80 ? String(query.prefix(80)) + "…" : query
        return "query \"\(shown)\": \(problem)"
    }
}

/// Reads the query syntax:
///
/// - `数据 交易`: space-separated parts must all occur (in any order);
/// - `"数据 交易"`: an exact phrase, spaces included;
/// - `-试点`: the part must not occur;
/// - `数据交易 OR 数据流通`: either part;
/// - `数据 NEAR/5 交易`: both in one passage, at most 5 characters apart
///   (either order); `数据 SENTENCE 交易`: in one sentence; `数据 ARTICLE 交易`:
///   in one article (第X条, else the innermost numbered heading). See
///   ``Query/Proximity`` for chains; a quoted `"NEAR"` is a word;
/// - `region:贵州`, `issuer:国务院`, `type:规划`, `level:省级`, `number:国发`,
///   `title:大数据`, `year:2016` or `year:2016..2017`: only documents whose
///   metadata holds it (`-type:通知` excludes); see ``Query/Filter``;
/// - `cites:国发〔2015〕50号`, `cites:《网络安全法》`: only documents that cite
///   the number, title or corpus file (``CitationNetwork``).
///
/// Full-width spaces separate parts too. Quotes are the ASCII `"`; Chinese
/// quotation marks are ordinary text.
public enum QueryParser {
    public static func parse(_ text: String) throws -> Query {
        func fail(_ problem: String) -> QueryError { QueryError(query: text, problem: problem) }

        enum Item: Equatable {
            case part(Query.Part, excluded: Bool)
            case filter(Query.Filter)
            case or
            case link(Query.Proximity.Link, written: String)
        }
        var items: [Item] = []
        let scalars = Array(text.unicodeScalars)
        var i = 0
        while i < scalars.count {
            if CharacterClasses.isWhitespace(scalars[i].value) {
                i += 1
                continue
            }
            var excluded = false
            if scalars[i] == "-", i + 1 < scalars.count, !CharacterClasses.isWhitespace(scalars[i + 1].value) {
                excluded = true
                i += 1
            }
            if scalars[i] == "\"" {
                guard let close = scalars[(i + 1)...].firstIndex(of: "\"") else {
                    throw fail("the quote at character \(i + 1) is never closed")
                }
                let phrase = String(String.UnicodeScalarView(scalars[(i + 1)..<close])).trimmingWhitespace()
                if phrase.isEmpty { throw fail("the quotes at character \(i + 1) hold nothing") }
                items.append(.part(Query.Part(phrase, quoted: true), excluded: excluded))
                i = close + 1
                continue
            }
            let start = i
            while i < scalars.count, !CharacterClasses.isWhitespace(scalars[i].value), scalars[i] != "\"" { i += 1 }
            let word = String(String.UnicodeScalarView(scalars[start..<i]))
            // The field's colon, found among scalars: as a Character, a colon
            // followed by a combining mark is another character.
            let wordScalars = Array(word.unicodeScalars)
            let colonAt = wordScalars.firstIndex(of: ":")
            let fieldName = colonAt.map { String(String.UnicodeScalarView(wordScalars[..<$0])) }
            let valueText = colonAt.map { String(String.UnicodeScalarView(wordScalars[($0 + 1)...])) } ?? ""
            if let field = fieldName, Query.Filter.fields.contains(field), valueText.isEmpty {
                // A filter: its value follows the colon, quoted when it holds spaces.
                var value = ""
                if i < scalars.count, scalars[i] == "\"" {
                    guard let close = scalars[(i + 1)...].firstIndex(of: "\"") else {
                        throw fail("the quote at character \(i + 1) is never closed")
                    }
                    value = String(String.UnicodeScalarView(scalars[(i + 1)..<close])).trimmingWhitespace()
                    i = close + 1
                }
                if value.isEmpty { throw fail("\(field): needs a value, such as \(field):\(Self.example(field))") }
                items.append(.filter(try filter(field, value, excluded: excluded, fail)))
                continue
            }
            // A quote inside a word ends it: the phrase that follows is a part of its own.
            if let field = fieldName, Query.Filter.fields.contains(field) {
                items.append(.filter(try filter(field, valueText, excluded: excluded, fail)))
            } else if word.isEmpty {
                continue
            } else if word == "OR", !excluded {
                items.append(.or)
            } else if Query.Proximity.isOperatorWord(word), !excluded {
                items.append(.link(try link(word, fail), written: word))
            } else if word == "-" {
                throw fail("a lone '-' at character \(start + 1): write -word to exclude a word")
            } else {
                items.append(.part(Query.Part(word), excluded: excluded))
            }
        }
        if items.isEmpty { throw fail("the query is empty: give at least one word or phrase to search for") }
        var distinct = Set<String>()
        for case .part(let part, _) in items { distinct.insert(part.text) }
        let parts = distinct.count
        if parts > maximumParts {
            throw fail("it has \(parts) parts; a query takes at most \(maximumParts)")
        }

        // Clauses in order, each a choice of parts; `links[i]` ties clause i to i + 1.
        var clauses: [[Query.Part]] = []
        var links: [Int: Query.Proximity.Link] = [:]
        var excluded: [Query.Part] = []
        var filters: [Query.Filter] = []
        var joinNext = false
        var pendingLink: Query.Proximity.Link?
        for (index, item) in items.enumerated() {
            switch item {
            case .filter(let filter):
                filters.append(filter)
            case .or:
                guard index > 0, case .part(_, false) = items[index - 1], index + 1 < items.count,
                    case .part(_, false) = items[index + 1]
                else { throw fail("OR needs a part to search for on both sides") }
                joinNext = true
            case .link(let link, let written):
                guard index > 0, case .part(_, false) = items[index - 1], index + 1 < items.count,
                    case .part(_, false) = items[index + 1]
                else { throw fail("\(written) needs a part to search for on both sides, such as 数据 \(written) 安全") }
                pendingLink = link
            case .part(let part, let isExcluded):
                if isExcluded {
                    excluded.append(part)
                } else if joinNext {
                    clauses[clauses.count - 1].append(part)
                    joinNext = false
                } else {
                    if let link = pendingLink { links[clauses.count - 1] = link }
                    pendingLink = nil
                    clauses.append([part])
                }
            }
        }
        // Clauses tied by links form chains; the others stand alone.
        var required: [[Query.Part]] = []
        var proximities: [Query.Proximity] = []
        var c = 0
        while c < clauses.count {
            var end = c
            while links[end] != nil { end += 1 }
            if end == c {
                required.append(clauses[c])
            } else {
                let chain = Query.Proximity(operands: Array(clauses[c...end]), links: (c..<end).map { links[$0]! })
                if chain.links.contains(.article), chain.links.contains(where: { $0 != .article }) {
                    throw fail("ARTICLE cannot be chained with NEAR or SENTENCE: write the two chains apart, such as A ARTICLE B C NEAR/5 D")
                }
                proximities.append(chain)
            }
            c = end + 1
        }
        if required.isEmpty, proximities.isEmpty {
            throw fail("every part is excluded: give at least one word or phrase to search for")
        }
        // A part twice, or a filter twice, asks nothing more: keep each once.
        var seenClauses = Set<[Query.Part]>()
        var seenChains = Set<Query.Proximity>()
        var seenExcluded = Set<Query.Part>()
        var seenFilters = Set<Query.Filter>()
        return Query(required: required.filter { seenClauses.insert($0).inserted },
                     proximities: proximities.filter { seenChains.insert($0).inserted },
                     excluded: excluded.filter { seenExcluded.insert($0).inserted },
                     filters: filters.filter { seenFilters.insert($0).inserted })
    }

    /// The link an operator word stands for, its distance checked.
    static func link(_ word: String, _ fail: (String) -> QueryError) throws -> Query.Proximity.Link {
        switch word {
        case "SENTENCE": return .sentence
        case "ARTICLE": return .article
        case "NEAR": throw fail("NEAR needs a distance in characters: write NEAR/5")
        default:
            let distance = word.dropFirst("NEAR/".count)
            let maximum = Query.Proximity.maximumDistance
            if distance.isEmpty { throw fail("NEAR/ needs a distance in characters: write NEAR/5") }
            guard distance.allSatisfy({ $0.isASCII && $0.isNumber }) else {
                throw fail("\(word): the distance must be a whole number of characters, such as NEAR/5")
            }
            guard let value = Int(distance), value <= maximum else {
                throw fail("\(word): the distance must be from 0 to \(maximum) characters")
            }
            return .near(value)
        }
    }

    /// The most parts a query may have: each part is matched and scored on
    /// its own, so the work grows with their number.
    public static let maximumParts = 256

    /// A filter on `field`, its value checked (years must be years).
    static func filter(_ field: String, _ value: String, excluded: Bool,
                       _ fail: (String) -> QueryError) throws -> Query.Filter {
        // `=` first asks for the whole value (`region:=贵州`, `issuer:"=国务院"`).
        let isWhole = value.hasPrefix("=") && value.count > 1 && field != "year"
        let filter = Query.Filter(field: field, value: isWhole ? String(value.dropFirst()) : value, excluded: excluded,
                                  isWhole: isWhole)
        if field == "year", filter.years == nil {
            throw fail("year:\(value) is not a year or a range of years such as year:2016..2017")
        }
        if field == "cites", (try? CitationTarget.parse(filter.value)) == nil {
            throw fail("cites:\(value) names nothing: give a document number, a title or a corpus file")
        }
        return filter
    }

    /// A value to show in a message about `field`.
    static func example(_ field: String) -> String {
        ["region": "贵州", "issuer": "国务院", "type": "规划", "level": "省级", "number": "国发", "title": "大数据",
         "year": "2016..2017", "cites": "国发〔2015〕50号"][field] ?? "…"
    }
}
