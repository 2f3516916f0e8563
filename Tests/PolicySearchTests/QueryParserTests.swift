import Testing

@testable import PolicySearch

@Suite struct QueryParserTests {
    typealias Part = Query.Part

    @Test func partsSeparatedBySpacesMustAllMatch() throws {
        #expect(try QueryParser.parse("数据交易") == Query(required: [[Part("数据交易")]]))
        #expect(try QueryParser.parse("  数据 交易\u{3000}平台 ") == Query(required: [[Part("数据")], [Part("交易")], [Part("平台")]]))
    }

    @Test func quotesMakeAnExactPhraseWithSpaces() throws {
        #expect(try QueryParser.parse("\"big data\" 交易") == Query(required: [[Part("big data", quoted: true)], [Part("交易")]]))
        // Syntax inside quotes is text.
        #expect(try QueryParser.parse("\"A OR -B\"") == Query(required: [[Part("A OR -B", quoted: true)]]))
    }

    @Test func minusExcludes() throws {
        #expect(try QueryParser.parse("数据 -试点 -\"交易 所\"") == Query(required: [[Part("数据")]],
                                                                      excluded: [Part("试点"), Part("交易 所", quoted: true)]))
        // A hyphen inside a word is text.
        #expect(try QueryParser.parse("COVID-19") == Query(required: [[Part("COVID-19")]]))
    }

    @Test func orJoinsNeighbours() throws {
        #expect(try QueryParser.parse("数据交易 OR 数据流通 平台") == Query(required: [[Part("数据交易"), Part("数据流通")], [Part("平台")]]))
        #expect(try QueryParser.parse("A OR B OR C") == Query(required: [[Part("A"), Part("B"), Part("C")]]))
        // Lower-case "or" is a word.
        #expect(try QueryParser.parse("a or b") == Query(required: [[Part("a")], [Part("or")], [Part("b")]]))
    }

    @Test func fieldFiltersSelectDocuments() throws {
        let query = try QueryParser.parse("数据交易 region:贵州 year:2016..2017 -type:通知 http://example.org")
        #expect(query.required == [[Part("数据交易")], [Part("http://example.org")]])
        #expect(query.filters == [Query.Filter(field: "region", value: "贵州"), Query.Filter(field: "year", value: "2016..2017"),
                                  Query.Filter(field: "type", value: "通知", excluded: true)])
        let plan = ["region": "贵州", "date": "2016-03-15", "type": "行动计划"]
        #expect(query.filters.allSatisfy { $0.admits(title: "", fields: plan) })
        #expect(!query.filters.allSatisfy { $0.admits(title: "", fields: ["region": "贵州", "date": "2018-01-01"]) })
        #expect(Query.Filter(field: "year", value: "2016").admits(title: "", fields: ["date": "2016-12-31"]))
        #expect(!Query.Filter(field: "region", value: "贵州").admits(title: "", fields: [:]))
        #expect(try QueryParser.parse(query.description) == query)
        #expect(throws: QueryError.self) { try QueryParser.parse("数据 year:去年") }
    }

    @Test func chineseQuotesAreText() throws {
        #expect(try QueryParser.parse("“互联网+”") == Query(required: [[Part("“互联网+”")]]))
    }

    @Test(arguments: [
        ("", "empty"), ("   ", "empty"), ("\"数据", "never closed"), ("\"\"", "hold nothing"),
        ("-数据", "excluded"), ("OR 数据", "OR needs"), ("数据 OR", "OR needs"), ("数据 - 交易", "lone '-'"),
    ])
    func badQueriesSayWhatIsWrong(query: String, problem: String) {
        do {
            _ = try QueryParser.parse(query)
            Issue.record("\(query) parsed")
        } catch let error as QueryError {
            #expect(error.description.contains(problem))
            #expect(error.description.hasPrefix("query \"\(query)\""))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test func descriptionWritesTheSyntaxBack() throws {
        for text in ["数据 交易", "\"big data\" -试点", "数据交易 OR 数据流通 平台"] {
            let query = try QueryParser.parse(text)
            #expect(try QueryParser.parse(query.description) == query)
        }
    }

    typealias Proximity = Query.Proximity

    @Test func proximityOperatorsChainOperandsThatOrBindsFirst() throws {
        #expect(try QueryParser.parse("数据 NEAR/5 安全") == Query(required: [], proximities: [
            Proximity(operands: [[Part("数据")], [Part("安全")]], links: [.near(5)])]))
        #expect(try QueryParser.parse("平台 数据 OR 信息 NEAR/0 安全 SENTENCE 保护 -试点 region:贵州") == Query(
            required: [[Part("平台")]],
            proximities: [Proximity(operands: [[Part("数据"), Part("信息")], [Part("安全")], [Part("保护")]],
                                    links: [.near(0), .sentence])],
            excluded: [Part("试点")], filters: [Query.Filter(field: "region", value: "贵州")]))
        #expect(try QueryParser.parse("第三条 ARTICLE 数据 ARTICLE \"big data\"") == Query(required: [], proximities: [
            Proximity(operands: [[Part("第三条")], [Part("数据")], [Part("big data", quoted: true)]], links: [.article, .article])]))
        // Two chains apart, ANDed.
        let two = try QueryParser.parse("A NEAR/3 B C SENTENCE D")
        #expect(two.required.isEmpty && two.proximities.count == 2)
        #expect(two.scoredParts.map(\.text) == ["A", "B", "C", "D"])
        #expect(try QueryParser.parse("数据 NEAR/007 安全").proximities[0].links == [.near(7)])
    }

    @Test func operatorWordsInQuotesOrLowerCaseAreText() throws {
        #expect(try QueryParser.parse("\"NEAR\" \"SENTENCE\" \"NEAR/5\" near/5 article")
            == Query(required: [[Part("NEAR", quoted: true)], [Part("SENTENCE", quoted: true)], [Part("NEAR/5", quoted: true)],
                                [Part("near/5")], [Part("article")]]))
        // Written back quoted, so that they stay words.
        let query = Query(required: [[Part("ARTICLE")], [Part("NEAR/2")]])
        #expect(query.description == "\"ARTICLE\" \"NEAR/2\"")
        #expect(try QueryParser.parse(query.description).required.map { $0.map(\.text) } == [["ARTICLE"], ["NEAR/2"]])
    }

    @Test(arguments: [
        ("数据 NEAR/ 安全", "NEAR/ needs a distance in characters: write NEAR/5"),
        ("NEAR/5 安全", "NEAR/5 needs a part to search for on both sides"),
        ("数据 NEAR/5", "NEAR/5 needs a part to search for on both sides"),
        ("数据 NEAR/x 安全", "NEAR/x: the distance must be a whole number of characters"),
        ("数据 NEAR/-1 安全", "NEAR/-1: the distance must be a whole number of characters"),
        ("数据 NEAR/1001 安全", "NEAR/1001: the distance must be from 0 to 1000 characters"),
        ("数据 NEAR/99999999999999999999 安全", "the distance must be from 0 to 1000 characters"),
        ("数据 NEAR 安全", "NEAR needs a distance in characters: write NEAR/5"),
        ("数据 SENTENCE", "SENTENCE needs a part to search for on both sides"),
        ("ARTICLE 数据", "ARTICLE needs a part"),
        ("数据 SENTENCE -安全", "SENTENCE needs a part"),
        ("数据 NEAR/5 SENTENCE 安全", "NEAR/5 needs a part"),
        ("数据 OR NEAR/5 安全", "OR needs a part"),
        ("数据 region:贵州 NEAR/5 安全", "NEAR/5 needs a part"),
        ("数据 ARTICLE 安全 NEAR/5 保护", "ARTICLE cannot be chained with NEAR or SENTENCE"),
    ])
    func badProximityQueriesNameTheProblem(query: String, problem: String) {
        let error = #expect(throws: QueryError.self) { try QueryParser.parse(query) }
        #expect(error?.description.contains(problem) == true, "\(error?.description ?? "")")
        #expect(error?.description.hasPrefix("query \"\(query)\"") == true)
        #expect(error?.description.contains("\n") == false)
    }

    @Test func proximityQueriesWriteBackAsParsed() throws {
        for text in ["数据 NEAR/5 安全", "A OR B NEAR/0 C SENTENCE D E -F", "第三条 ARTICLE 数据 OR 信息 title:条例",
                     "\"big data\" NEAR/1000 \"NEAR\"", "x SENTENCE y z ARTICLE w"] {
            let query = try QueryParser.parse(text)
            #expect(try QueryParser.parse(query.description) == query, "\(text) → \(query.description)")
        }
        // Random chains of random words and operators, as the fuzzer would.
        var generator = SystemRandomNumberGenerator()
        let words = ["数据", "NEAR", "\"SENTENCE\"", "a\"b\"", "-x", "OR", "安全", "year:2016", "\"a b\"", "ARTICLE", "NEAR/3",
                     "SENTENCE", "NEAR/0", "-NEAR/2", "數據"]
        var parsed = 0
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 1...7, using: &generator)).map { _ in words.randomElement(using: &generator)! }
                .joined(separator: " ")
            guard let query = try? QueryParser.parse(text) else { continue }
            parsed += 1
            let again = try QueryParser.parse(query.description)
            #expect(again.description == query.description, "\(text)")
            #expect(again.proximities.map(\.links) == query.proximities.map(\.links), "\(text)")
            #expect(again.proximities.map { $0.operands.map { $0.map(\.text) } }
                == query.proximities.map { $0.operands.map { $0.map(\.text) } }, "\(text)")
        }
        #expect(parsed > 200)
    }

    typealias Filter = Query.Filter

    @Test func quotedFilterValuesHoldSpacesAndWriteBackAsParsed() throws {
        let query = try QueryParser.parse("数据 title:\"Smart Forestry\" region:\"山东\"")
        #expect(query.filters == [Filter(field: "title", value: "Smart Forestry"), Filter(field: "region", value: "山东")])
        #expect(query.required == [[Part("数据")]])
        // What the parser writes back (suggestions) it reads again as the same query.
        #expect(try QueryParser.parse(query.description) == query)
        #expect(query.description == "数据 title:\"Smart Forestry\" region:山东")
    }

    @Test(arguments: ["数据 region:", "数据 region:\"\"", "数据 -type:\"  \"", "year: 数据"])
    func emptyFilterValuesAreErrors(text: String) {
        #expect(throws: QueryError.self) { try QueryParser.parse(text) }
    }

    @Test(arguments: ["year:-5 数据", "year:0 数据", "year:abc 数据", "year:2016..-1 数据", "year:+2016 数据", "year:20160 数据"])
    func yearsAreCheckedAlike(text: String) {
        #expect(throws: QueryError.self) { try QueryParser.parse(text) }
    }

    @Test func identicalPartsAreMergedAndTheirNumberBounded() throws {
        let repeated = Array(repeating: "数据", count: 20_000).joined(separator: " ")
        #expect(try QueryParser.parse(repeated) == Query(required: [[Part("数据")]]))
        let many = (0...QueryParser.maximumParts).map { "词\($0)" }.joined(separator: " ")
        let error = #expect(throws: QueryError.self) { try QueryParser.parse(many) }
        #expect(error?.problem == "it has \(QueryParser.maximumParts + 1) parts; a query takes at most \(QueryParser.maximumParts)")
        // The message stays one short line however long the query.
        #expect((error?.description.count ?? 0) < 200)
    }

    /// Found by the fuzzer (Fuzz/FuzzQueryParser): a filter value holding a
    /// character the parser splits on (U+001F) was written back unquoted.
    @Test func everySeparatorTheParserKnowsIsQuotedWhenWrittenBack() throws {
        let query = try QueryParser.parse("title:\"Smart\u{1F}oresvr:\" \"a\u{3000}b\" Sma_rt")
        #expect(try QueryParser.parse(query.description) == query)
    }

    /// Found by the fuzzer: bytes that are not UTF-8, NULs and controls.
    @Test func fuzzedQueriesParseBackToThemselves() throws {
        let inputs: [[UInt8]] = [
            Array("\u{FFFD},tu\u{FFFD} title:\u{34B}\u{FFFD}rtle: title:le:".utf8),
            [0o346, 0o225, 0o260, 0o346, 0o347, 0o215, 0x27, 0x20, 0o345, 0x24, 0x70, 0x65, 0x3A, 0x61, 0x74, 0x61, 0x74, 0x69,
             0x74, 0x6C, 0x65, 0x3A, 0x20, 0x20, 0x2D, 0x2D, 0x3A, 0o350, 0x21, 0, 0, 0x74, 0x79, 0x24, 0x70, 0x06],
        ]
        for bytes in inputs {
            let query = try QueryParser.parse(String(decoding: bytes, as: UTF8.self))
            let again = try QueryParser.parse(query.description)
            // The same parts, exclusions and filters (a part may come back
            // marked quoted: quoting changes no match).
            #expect(again.description == query.description)
            #expect(again.required.map { $0.map(\.text) } == query.required.map { $0.map(\.text) })
            #expect(again.excluded.map(\.text) == query.excluded.map(\.text) && again.filters == query.filters)
        }
    }
}

