import Foundation
import TestSupport
import Testing

/// The CLI as a new user meets it: the shipped Corpus/, one-line errors and exit codes.
@Suite struct SearchCommandTests {
    let folder = TemporaryFolder()

    /// A working folder holding a copy of the shipped Corpus/ and no index yet.
    func freshCopy() throws -> CommandRunner {
        try FileManager.default.copyItem(atPath: CommandRunner.packageRoot + "/Corpus", toPath: folder.file("Corpus"))
        return CommandRunner(workingDirectory: folder.path)
    }

    @Test func versionNamesICUAndZstandard() throws {
        let output = try CommandRunner(workingDirectory: folder.path).run(["--version"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("policy-search"))
        #expect(output.stdout.range(of: #"ICU \d+\.\d+"#, options: .regularExpression) != nil)
        #expect(output.stdout.range(of: #"zstd \d+\.\d+\.\d+"#, options: .regularExpression) != nil)
    }

    @Test func helpHasChineseExamples() throws {
        let output = try CommandRunner(workingDirectory: folder.path).run(["--help"])
        #expect(output.status == 0)
        #expect(output.stdout.contains("policy-search search 工业大数据"))
    }

    @Test func firstSearchBuildsTheIndexAndShowsRankedHighlightedPassages() throws {
        let cli = try freshCopy()
        let output = try cli.run(["数据交易"])
        #expect(output.status == 0)
        #expect(output.stderr.contains("building it from Corpus/"))
        #expect(output.stdout.contains("match 数据交易"))
        #expect(output.stdout.contains("«数据交易»"))
        #expect(output.stdout.contains("Corpus/"))
        #expect(output.stdout.contains(" 10. "))
        #expect(!output.stdout.contains(" 11. "))
        #expect(FileManager.default.fileExists(atPath: folder.file("Index/manifest.json")))
        // The second search uses the index and says nothing on standard error.
        let again = try cli.run(["search", "数据交易"])
        #expect(again.stderr.isEmpty)
        #expect(again.stdout == output.stdout)
    }

    @Test func byDocumentGivesOneRowPerDocumentInTheOrderOfItsBestHit() throws {
        let cli = try freshCopy()
        let hits = try cli.run(["search", "数据交易", "--all", "--format", "json"]).stdout.split(separator: "\n")
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        let output = try cli.run(["search", "数据交易", "--by-document", "--all", "--format", "json"])
        #expect(output.status == 0)
        let rows = output.stdout.split(separator: "\n").compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        // The independent answer: the documents of the hits, in order of first appearance, with their counts.
        var order: [String] = []
        var counts: [String: Int] = [:]
        for hit in hits {
            let path = hit["path"] as! String
            if counts[path] == nil { order.append(path) }
            counts[path, default: 0] += 1
        }
        #expect(rows.map { $0["path"] as? String } == order)
        #expect(rows.map { $0["hits"] as? Int } == order.map { counts[$0] })
        for row in rows {
            let best = try #require(row["best"] as? [[String: Any]])
            #expect(!best.isEmpty && best.count <= 3)
            #expect(best.allSatisfy { $0["path"] as? String == row["path"] as? String })
        }
        let text = try cli.run(["search", "数据交易", "--by-document", "--limit", "2"])
        #expect(text.stdout.contains("(documents showing 1–2)"))
        #expect(text.stdout.contains("  2. "))
        #expect(!text.stdout.contains("  3. "))
    }

    @Test func jsonGivesOneObjectPerHitWithTheDocumentedFields() throws {
        let cli = try freshCopy()
        let output = try cli.run(["search", "数據交易", "--all", "--format", "json"])
        #expect(output.status == 0)
        let lines = output.stdout.split(separator: "\n")
        #expect(lines.count > 10)
        for (index, line) in lines.enumerated() {
            let object = try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
            for key in ["rank", "score", "file", "line", "endLine", "title", "section", "text", "matches"] {
                #expect(object[key] != nil, "missing \(key)")
            }
            #expect(object["rank"] as? Int == index + 1)
            let text = try #require(object["text"] as? String)
            let matches = try #require(object["matches"] as? [String])
            #expect(matches.allSatisfy { text.contains($0) })
            // The line number points at the file's line that holds the text.
            let file = try #require(object["file"] as? String)
            let lineNumber = try #require(object["line"] as? Int)
            let contents = try #require(FileManager.default.contents(atPath: folder.file(file)))
            if let utf8 = String(data: contents, encoding: .utf8) {
                let fileLine = utf8.split(separator: "\n", omittingEmptySubsequences: false)[lineNumber - 1]
                #expect(fileLine.contains(text))
            }
        }
        // The Traditional and the GB18030 document are among the hits.
        #expect(output.stdout.contains("hk-data-trading-note.md"))
        #expect(output.stdout.contains("gb18030"))
    }

    @Test func noHitsExitsOneAndSuggestsALooserQuery() throws {
        let cli = try freshCopy()
        let output = try cli.run(["search", "数据交易平台规则制度"])
        #expect(output.status == 1)
        #expect(output.stdout.contains("no passages match 数据交易平台规则制度"))
        #expect(output.stdout.contains("try:"))
    }

    @Test(arguments: [[""], ["\"数据"], ["-数据"], ["数据 NEAR/ 交易"], ["NEAR/5 交易"], ["数据 NEAR/x 交易"], ["数据 SENTENCE"],
                       ["数据 NEAR/5000 交易"]])
    func badQueriesGiveOneLineAndStatusTwo(arguments: [String]) throws {
        let cli = try freshCopy()
        let output = try cli.run(["search"] + arguments)
        #expect(output.status == 2)
        #expect(output.stderr.hasPrefix("policy-search: error: query"))
        #expect(output.stderr.split(separator: "\n").count == 1)
        #expect(output.stdout.isEmpty)
    }

    @Test func aMistypedOptionIsAnErrorNotAQuery() throws {
        let cli = try freshCopy()
        let output = try cli.run(["search", "数据交易", "--limt", "3"])
        #expect(output.status == 2)
        #expect(output.stderr == "policy-search: error: unknown option '--limt' (to search for it, quote it: '\"--limt\"')\n")
    }

    @Test func aCorruptIndexGivesOneLineNamingTheFile() throws {
        let cli = try freshCopy()
        #expect(try cli.run(["index"]).status == 0)
        let segment = try #require(try FileManager.default.contentsOfDirectory(atPath: folder.file("Index")).first { $0.hasSuffix(".psi") })
        try Data("garbage".utf8).write(to: URL(fileURLWithPath: folder.file("Index/" + segment)))
        let output = try cli.run(["search", "数据交易"])
        #expect(output.status == 2)
        #expect(output.stderr.contains(segment))
        #expect(output.stderr.contains("corrupt"))
        #expect(output.stderr.split(separator: "\n").count == 1)
        let check = try cli.run(["check"])
        #expect(check.status == 2)
    }

    @Test func aChangedCorpusIsNoticed() throws {
        let cli = try freshCopy()
        #expect(try cli.run(["index", "--quiet"]).status == 0)
        try "新增的数据交易文件\n".write(toFile: folder.file("Corpus/new.md"), atomically: true, encoding: .utf8)
        let output = try cli.run(["数据交易"])
        #expect(output.stderr.contains("changed since the index was built (1 added)"))
    }

    /// A progress bar on a terminal (run under `script`, which gives the command
    /// one), none in a pipe; a one-line summary either way.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/script"), "no /usr/bin/script: skipped"))
    func progressOnATerminalOnly() throws {
        let cli = try freshCopy()
        let piped = try cli.run(["index", "--index", "piped"])
        #expect(piped.stderr.isEmpty)
        #expect(piped.stdout.hasPrefix("indexed 12 documents (12 added, 0 changed, 0 removed, 0 skipped)"))
        let terminal = try CommandRunner(workingDirectory: folder.path)
            .run(["-qec", "\(CommandRunner.binary) index --index tty", "/dev/null"], executable: "/usr/bin/script")
        #expect(terminal.status == 0)
        #expect(terminal.stdout.contains("12/12 files"))
        #expect(terminal.stdout.contains("MB/s"))
        #expect(terminal.stdout.contains("indexed 12 documents"))
    }

    @Test func analyzeShowsNormalizationWordsAndPairs() throws {
        let cli = CommandRunner(workingDirectory: folder.path)
        let output = try cli.run(["analyze", "數據交易所", "ＡＰＩ", "--format", "json"])
        #expect(output.status == 0)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        #expect(object["normalized"] as? String == "数据交易所 api")
        let words = try #require(object["words"] as? [[String: Any]])
        #expect(words.map { $0["word"] as! String }.joined() == "数据交易所api")
        #expect(words.last?["start"] as? Int == 6 && words.last?["end"] as? Int == 9)
        // White space starts and ends no pair: 所 is followed by none.
        #expect(object["pairs"] as? [String] == ["数据", "据交", "交易", "易所", "所$", "ap", "pi", "i$"])
    }

    @Test func statsAndCheckDescribeTheIndex() throws {
        let cli = try freshCopy()
        let index = try cli.run(["index"])
        #expect(index.status == 0)
        #expect(index.stdout.hasPrefix("indexed 12 documents (12 added"))
        let stats = try cli.run(["stats", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(stats.stdout.utf8)) as? [String: Any])
        #expect(object["documents"] as? Int == 12)
        #expect((object["passages"] as? Int ?? 0) > 100)
        #expect((object["averagePassageWords"] as? Double ?? 0) > 5)
        #expect((object["terms"] as? Int ?? 0) > 1000)
        let check = try cli.run(["check"])
        #expect(check.status == 0)
        #expect(check.stdout.contains("OK"))
    }

    /// `bench` reports every figure the issue asks for, as JSON, with the hit
    /// counts that `search` gives (no timing is asserted: speed is measured, not tested).
    @Test func benchReportsThroughputSizeLatencyAndColdSearch() throws {
        let cli = try freshCopy()
        folder.write("queries.txt", "# a comment\n数据交易\n数据 安全\n")
        let output = try cli.run(["bench", "--corpus", "Corpus", "--queries", "queries.txt", "--index", "bench-index",
                                  "--repetitions", "3", "--cold-runs", "2", "--format", "json"])
        #expect(output.status == 0, "\(output.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(output.stdout.utf8)) as? [String: Any])
        let build = try #require(report["build"] as? [String: Any])
        #expect(build["documents"] as? Int == 12)
        #expect((build["corpusBytes"] as? Int ?? 0) > 40_000)
        #expect((build["indexBytes"] as? Int ?? 0) > 0)
        #expect((build["seconds"] as? Double ?? 0) > 0)
        #expect((build["peakMemoryMB"] as? Double ?? 0) > 0)
        #expect((report["coldMilliseconds"] as? Double ?? 0) > 0)
        let queries = try #require(report["queries"] as? [[String: Any]])
        #expect(queries.map { $0["query"] as? String } == ["数据交易", "数据 安全"])
        let searched = try cli.run(["search", "数据交易", "--index", "bench-index"])
        #expect(searched.stdout.hasPrefix("\(queries[0]["hits"] as? Int ?? -1) passages"))
        for query in queries {
            #expect((query["samplesNanoseconds"] as? [Int])?.count == 3)
            #expect((query["medianMicroseconds"] as? Double ?? 0) > 0)
            #expect((query["p95Microseconds"] as? Double ?? 0) >= (query["medianMicroseconds"] as? Double ?? 0))
        }
        let table = try cli.run(["bench", "--index", "bench-index", "--queries", "queries.txt", "--repetitions", "2",
                                 "--cold-runs", "1"])
        #expect(table.stdout.contains("warm median of medians"))
        #expect(table.stdout.contains("cold search"))
    }

    /// An index written by another version (another format) is rebuilt on the
    /// next search from the corpus it names, as a missing one is built.
    @Test func anIndexOfAnotherFormatIsRebuiltFromItsCorpus() throws {
        let cli = try freshCopy()
        #expect(try cli.run(["index", "--quiet"]).status == 0)
        let manifestPath = folder.file("Index/manifest.json")
        var manifest = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifestPath))) as? [String: Any])
        let current = try #require(manifest["format"] as? Int)
        #expect(current > 1)
        manifest["format"] = 1
        try JSONSerialization.data(withJSONObject: manifest).write(to: URL(fileURLWithPath: manifestPath))
        let output = try cli.run(["数据交易", "--limit", "1"])
        #expect(output.status == 0)
        #expect(output.stderr.contains("has format 1, this policy-search reads \(current): rebuilding it from"), "\(output.stderr)")
        #expect(output.stdout.hasPrefix("35 passages in 12 documents match 数据交易"))
        let rebuilt = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: manifestPath))) as? [String: Any])
        #expect(rebuilt["format"] as? Int == current)
        let again = try cli.run(["数据交易", "--limit", "1"])
        #expect(again.stderr.isEmpty)
    }
}
