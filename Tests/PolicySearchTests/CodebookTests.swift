import Foundation
import TestSupport
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex
@testable import PolicySearch

/// Codebooks (`code`): every count is that of `search --all` run term by term
/// and combined by set operations, or of a scan of the passages' text; the
/// evidence lists exactly the units counted; a bad codebook is one error
/// naming its file and line.
@Suite struct CodebookTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    let folder = TemporaryFolder()

    /// The shipped Corpus/ indexed in a temporary folder.
    func corpusIndex() throws -> SearchIndex {
        try SearchIndex.open(.init(index: folder.file("index"), corpus: Self.packageRoot + "/Corpus"))
    }

    /// A hit's identity: its document, and its first and last passage (the
    /// pieces of one long line are hits of their own, rows of their own in
    /// `search --all`, on the same line).
    struct Key: Hashable { var path: String, first: Int, last: Int }

    static func key(_ hit: Hit) -> Key { Key(path: hit.document.path, first: hit.passage.number, last: hit.lastPassage) }

    /// Every hit of a query as keys, with the matches of its parts per key, from the facade's search.
    static func hits(_ index: SearchIndex, _ query: Query) throws -> [Key: Hit] {
        var hits: [Key: Hit] = [:]
        try index.forEachHit(of: query) { hit in hits[key(hit)] = hit }
        return hits
    }

    /// The oracle: a theme's units (passage unit) as the union of its terms'
    /// hits less those sharing a passage with an exclusion's hit, in `documents`.
    static func expectedUnits(_ index: SearchIndex, _ theme: Codebook.Theme, in documents: Set<String>) throws -> Set<Key> {
        var units = Set<Key>()
        for term in theme.terms {
            let query = theme.unit == .sentence ? CodingUnit.sentenceChain(of: term)! : term
            units.formUnion(try hits(index, query).keys.filter { documents.contains($0.path) })
        }
        var excluded = Set<Int>()
        for exclusion in theme.exclusions {
            for key in try hits(index, exclusion).keys { excluded.formUnion(key.first...key.last) }
        }
        return units.filter { key in !(key.first...key.last).contains { excluded.contains($0) } }
    }

    @Test func theSampleCodebookCountsWhatSearchFindsTermByTerm() throws {
        let index = try corpusIndex()
        let codebook = try Codebook.read(path: Self.packageRoot + "/Corpus/codebook.yaml")
        #expect(codebook.themes.count >= 10)
        #expect(codebook.themes.contains { !$0.exclusions.isEmpty })
        let coding = try index.code(codebook)
        let all = Set(try index.documents().map(\.path))
        #expect(coding.documents.map(\.path) == all.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) })
        #expect(!all.contains("codebook.yaml"), "the codebook is no document of the corpus")
        var documentsOf: [Set<String>] = []
        for (t, theme) in codebook.themes.enumerated() {
            let units = try Self.expectedUnits(index, theme, in: all)
            let documents = Set(units.map(\.path))
            documentsOf.append(documents)
            #expect(coding.themes[t].passages == units.count, "\(theme.name)")
            #expect(coding.themes[t].documents == documents.count, "\(theme.name)")
            for (row, document) in coding.documents.enumerated() {
                #expect(coding.cells[row][t].passages == units.filter { $0.path == document.path }.count, "\(theme.name) \(document.path)")
            }
        }
        for a in codebook.themes.indices {
            for b in codebook.themes.indices {
                #expect(coding.cooccurrence[a][b] == documentsOf[a].intersection(documentsOf[b]).count)
            }
        }
        // The evidence lists exactly the units counted, theme by theme.
        var evidence: [String: Set<Key>] = [:]
        var rows = 0
        try index.forEachEvidence(codebook) { item in
            rows += 1
            evidence[item.theme, default: []].insert(Self.key(item.hit))
            #expect(!item.hit.highlights.isEmpty, "a coded unit shows what matched: \(item.hit.document.path):\(item.hit.passage.line)")
        }
        #expect(rows == coding.themes.reduce(0) { $0 + $1.passages })
        for (t, theme) in codebook.themes.enumerated() {
            #expect(evidence[theme.name, default: []] == (try Self.expectedUnits(index, theme, in: all)), "\(theme.name)")
            #expect(coding.themes[t].occurrences == coding.cells.reduce(0) { $0 + $1[t].occurrences })
        }
    }

    @Test func aDocumentSetByFiltersOrByListCountsOnlyItsDocuments() throws {
        let index = try corpusIndex()
        let codebook = try Codebook.read(path: Self.packageRoot + "/Corpus/codebook.yaml")
        let provincial = try index.code(codebook, in: DocumentSet(filters: [Query.Filter(field: "level", value: "省级")]))
        let expected = Set(try index.documents().filter { $0.fields["level"] == "省级" }.map(\.path))
        #expect(Set(provincial.documents.map(\.path)) == expected)
        #expect(expected.count >= 3)
        for (t, theme) in codebook.themes.enumerated() {
            let units = try Self.expectedUnits(index, theme, in: expected)
            #expect(provincial.themes[t].passages == units.count, "\(theme.name)")
            #expect(provincial.themes[t].documents == Set(units.map(\.path)).count, "\(theme.name)")
            #expect(abs(provincial.share(provincial.themes[t]) - Double(Set(units.map(\.path)).count) / Double(expected.count)) < 1e-9)
        }
        // A list of paths, corpus-relative or from the working folder; comments and blank lines skipped.
        let list = folder.write("list.txt", "# two plans\nguizhou-2016-action-plan.md\n\n\(Self.packageRoot)/Corpus/jiangsu-2016-plan.md\n")
        let paths = try index.documentPaths(listedIn: list)
        #expect(paths == ["guizhou-2016-action-plan.md", "jiangsu-2016-plan.md"])
        let two = try index.code(codebook, in: DocumentSet(paths: paths))
        #expect(two.documents.count == 2 && two.cells.count == 2)
        let bad = folder.write("bad.txt", "guizhou-2016-action-plan.md\nnot-there.md\n")
        #expect(throws: DocumentListError(file: bad, line: 2, problem: "\"not-there.md\" is no document of the index of \(index.reader.manifest.corpus)/")) {
            try index.documentPaths(listedIn: bad)
        }
    }

    @Test func groupedRowsAddUpToTheDocumentsOfEachGroup() throws {
        let index = try corpusIndex()
        let codebook = try Codebook.read(path: Self.packageRoot + "/Corpus/codebook.yaml")
        let coding = try index.code(codebook)
        let groups = coding.groups(by: .level)
        #expect(groups.reduce(0) { $0 + $1.documents } == coding.documents.count)
        for row in groups {
            let members = coding.documents.indices.filter { Tally.Grouping.level.group(of: coding.documents[$0]) == row.group }
            #expect(row.documents == members.count)
            for t in coding.themes.indices {
                #expect(row.coded[t] == members.filter { coding.cells[$0][t].passages > 0 }.count)
                #expect(row.cells[t].passages == members.reduce(0) { $0 + coding.cells[$1][t].passages })
            }
        }
        let json = try JSONSerialization.jsonObject(with: Data(coding.json(paths: PathDisplay(corpus: "/c"), by: .level).utf8)) as! [String: Any]
        #expect(json["documents"] as? Int == coding.documents.count)
        let matrix = json["matrix"] as! [[String: Any]]
        #expect(matrix.count == coding.documents.count, "a document with no coded theme is still a row")
        let themes = matrix[0]["themes"] as! [String: [String: Int]]
        #expect(Set(themes.keys) == Set(codebook.themes.map(\.name)))
        let pairs = json["cooccurrence"] as! [[String: Any]]
        #expect(pairs.count == codebook.themes.count * (codebook.themes.count - 1) / 2)
    }

    @Test func occurrencesAndSentenceAndDocumentUnitsMatchAScanOfTheText() throws {
        folder.write("corpus/a.md", "# 甲\n\n数据交易。交易数据，数据数据交易。\n工业发展。大数据应用。\n")
        folder.write("corpus/b.md", "# 乙\n\n工业大数据，工业大数据。\n试点数据交易。\n")
        folder.write("corpus/c.md", "# 丙\n\n工业转型。\n\n其他内容：大数据。\n")
        let index = try SearchIndex.open(.init(index: folder.file("index"), corpus: folder.file("corpus")))
        let codebook = try Codebook.parse("""
            themes:
              - name: 交易
                terms: [数据交易, 交易数据]
                exclude: [试点]
              - name: 工业句
                unit: sentence
                terms: [工业 大数据]
              - name: 工业文
                unit: document
                terms: [工业 大数据]
            """, file: "t.yaml")
        let coding = try index.code(codebook)
        let row = Dictionary(uniqueKeysWithValues: coding.documents.enumerated().map { ($1.path, $0) })
        // 交易: a.md's first line holds 数据交易 twice and 交易数据 once; b.md's 试点 line is excluded.
        #expect(coding.cells[row["a.md"]!][0] == Coding.Cell(passages: 1, occurrences: 3))
        #expect(coding.cells[row["b.md"]!][0] == Coding.Cell())
        // 工业句: 工业 and 大数据 in one sentence: b.md only (a.md has them in two sentences).
        #expect(coding.cells.map { $0[1].passages } == [0, 1, 0])
        // 工业文: both words anywhere in the document: every document; the passages holding either.
        #expect(coding.themes[2].documents == 3)
        #expect(coding.cells[row["c.md"]!][2].passages == 2)
        #expect(coding.cells[row["b.md"]!][2] == Coding.Cell(passages: 1, occurrences: 4))
    }

    @Test(arguments: [
        ("themes: [", nil, "not valid YAML"),
        ("name: x\n", nil, "no `themes:`"),
        ("themes:\n  - name: a\n    terms: [数据]\n    term: [x]\n", 4, "unknown key `term` in a theme"),
        ("themes:\n  - name: a\n", 2, "has no `terms:`"),
        ("themes:\n  - name: a\n    terms: [数据]\n  - name: a\n    terms: [交易]\n", 4, "named twice (first on line 2)"),
        ("themes:\n  - name: a\n    terms:\n      - 数据\n      - '\"交易'\n", 5, "is never closed"),
        ("themes:\n  - name: a\n    unit: clause\n    terms: [数据]\n", 3, "unknown unit `clause`"),
        ("themes:\n  - name: a\n    unit: sentence\n    terms:\n      - 数据\n      - 数据 NEAR/5 交易\n", 6, "under `unit: sentence`"),
        ("- a\n- b\n", 1, "a codebook is a mapping"),
    ] as [(String, Int?, String)])
    func aBadCodebookIsOneErrorNamingItsLine(yaml: String, line: Int?, problem: String) throws {
        do {
            _ = try Codebook.parse(yaml, file: "book.yaml")
            Issue.record("no error for \(yaml)")
        } catch let error as CodebookError {
            #expect(error.file == "book.yaml")
            if let line { #expect(error.line == line, "\(error)") }
            #expect(error.description.contains(problem), "\(error)")
            #expect(!error.description.contains("\n"), "one line: \(error)")
        }
    }
}

/// The codebook over the real plans of `../shared/corpus` (skipped, saying
/// so, when it is absent), on a document set chosen by a filter: every cell
/// against a scan of the documents' passages for the terms' literal strings.
@Suite(.enabled(if: SharedCorpus.isAvailable, "../shared/corpus is absent: skipped"))
struct CodebookRealCorpusTests {
    @Test func everyCellMatchesAScanOfThePassagesText() throws {
        let folder = try #require(RealCorpusSearchTests.indexFolder)
        let index = try SearchIndex.open(.init(index: folder, corpus: SharedCorpus.root + "/plans", buildsIfMissing: false))
        let codebook = try Codebook.parse("""
            name: 检验
            themes:
              - name: 工业
                terms: [工业大数据, 大数据]
              - name: 交易
                terms: [数据交易, 交易所]
                exclude: [试点]
              - name: 农业
                terms: [农业, 農業]
              - name: 法规
                terms: [《网络安全法》, 条例]
            """, file: "check.yaml")
        let set = DocumentSet(filters: [Query.Filter(field: "level", value: "省级")])
        let coding = try index.code(codebook, in: set)
        #expect(coding.documents.count > 5)
        let searcher = try Searcher(reader: IndexReader(directory: IndexDirectory(path: folder)))
        let normalizer = try TextNormalizer()
        let literals = codebook.themes.map { $0.terms.map { normalizer.normalize($0.required[0][0].text).scalars } }
        let excluded = normalizer.normalize("试点").scalars
        func contains(_ text: [UInt32], _ part: [UInt32]) -> Bool { PartMatcher.occurrences(of: part, in: text) > 0 }
        let reader = searcher.reader
        var expected = [[Coding.Cell]](repeating: [Coding.Cell](repeating: Coding.Cell(), count: 4), count: coding.documents.count)
        let row = Dictionary(uniqueKeysWithValues: coding.documents.enumerated().map { ($1.path, $0) })
        let live = Set(reader.liveDocuments().map { "\($0.segment) \($0.document)" })
        for (s, segment) in reader.segments.enumerated() {
            for passage in 0..<segment.passageCount {
                let number = segment.document(ofPassage: passage)
                guard live.contains("\(s) \(number)") else { continue }
                let document = try segment.document(number, withSections: false)
                guard let r = row[document.path] else { continue }
                let text = normalizer.normalize(try segment.text(ofPassage: passage)).scalars
                for (t, parts) in literals.enumerated() {
                    let present = parts.filter { contains(text, $0) }
                    guard !present.isEmpty, !(t == 1 && contains(text, excluded)) else { continue }
                    expected[r][t].passages += 1
                    // Each distinct part once (農業 normalizes to 农业).
                    var seen: [[UInt32]] = []
                    for part in present where !seen.contains(part) {
                        seen.append(part)
                        expected[r][t].occurrences += Int(PartMatcher.occurrences(of: part, in: text))
                    }
                }
            }
        }
        for (r, document) in coding.documents.enumerated() {
            #expect(coding.cells[r] == expected[r], "\(document.path)")
        }
        for t in 0..<4 {
            #expect(coding.themes[t].documents == expected.filter { $0[t].passages > 0 }.count)
            #expect(coding.themes[t].documents > 0, "\(codebook.themes[t].name)")
        }
    }
}
