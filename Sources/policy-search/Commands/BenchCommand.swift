import ArgumentParser
import Foundation
import PolicyAnalysis
import PolicyIndex
import PolicySearch

struct BenchCommand: Subcommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure indexing and query speed on a corpus (use a release build).",
        discussion: """
            Builds the index of --corpus (into --index, else a temporary folder), then times each \
            query of --queries (one a line, # for comments): warm-up rounds over all queries (at \
            least 3, and until 3 s), then 20 timed runs each. A timed run is what `search` does for \
            a top-10 answer: parse, match, score, count every hit, read path and line of the 10. \
            Last, it times whole `search` processes (cold start).

            Examples:
              policy-search bench --corpus ../shared/corpus --queries ../shared/bench/queries.txt
              policy-search bench --index /tmp/idx --queries q.txt --format json
            """
    )

    @Option(name: .long, help: ArgumentHelp("The corpus to index (omit to time an existing --index).", valueName: "dir"))
    var corpus: String?

    @Option(name: .long, help: ArgumentHelp("The queries file.", valueName: "file"))
    var queries: String

    @Option(name: .long, help: ArgumentHelp("The index folder (default: a temporary one with --corpus).", valueName: "dir"))
    var index: String?

    @Option(name: .long, help: "text or json.")
    var format: OutputFormat = .text

    @OptionGroup(title: "Dictionaries") var dictionaries: DictionaryOptions

    @Option(name: .long, help: "Timed runs of each query.")
    var repetitions = 20

    @Option(name: .long, help: "Cold `search` processes to time.")
    var coldRuns = 10

    @Option(name: .long, help: ArgumentHelp("Also write every query's samples and hits as JSON, for the bench harness.", valueName: "file"))
    var samples: String?

    func validate() throws {
        if corpus == nil && index == nil { throw ValidationError("give --corpus to index, or --index to time an existing index") }
        if repetitions < 1 { throw ValidationError("--repetitions must be 1 or more") }
    }

    func execute() throws {
        try measure()
    }

    private func measure() throws {
        let queryList = try Self.readQueries(queries)
        var temporary: String?
        let indexPath: String
        if let index {
            indexPath = index
        } else {
            indexPath = NSTemporaryDirectory() + "/policy-search-bench-\(UUID().uuidString)"
            temporary = indexPath
        }
        defer { if let temporary { try? FileManager.default.removeItem(atPath: temporary) } }
        let directory = IndexDirectory(path: indexPath)
        var report = BenchReport()
        let dictionary = try dictionaries.load(corpus: corpus ?? directory.readManifest()?.corpus)
        if let corpus {
            var builder = IndexBuilder(corpus: corpus, directory: directory)
            builder.dictionary = dictionary
            let build = try builder.build()
            report.build = .init(documents: build.documents, passages: build.passages, corpusBytes: build.bytes,
                                 seconds: build.seconds, indexBytes: build.indexBytes,
                                 peakMemoryMB: Self.peakMemoryMB())
        }
        let openStart = DispatchTime.now()
        let reader = try IndexReader(directory: directory)
        let searcher = try Searcher(reader: reader, dictionary: dictionary)
        report.openMilliseconds = Self.milliseconds(since: openStart)
        if report.build == nil {
            let manifest = reader.manifest
            report.build = .init(documents: manifest.documents, passages: manifest.passages, corpusBytes: manifest.corpusBytes,
                                 seconds: manifest.buildSeconds, indexBytes: reader.byteCount, peakMemoryMB: nil)
        }
        let parsed = try queryList.map { try QueryParser.parse($0) }
        // The timed operation: a top-10 answer with the exact total, paths and lines read.
        func answer(_ query: Query) throws -> (SearchResult, [(String, Int, Double)]) {
            let result = try searcher.search(query, options: SearchOptions(limit: 10))
            let top = try result.ranked.map { ranked -> (String, Int, Double) in
                let segment = reader.segments[ranked.segment]
                let path = try segment.path(ofDocument: segment.document(ofPassage: ranked.passage))
                return (path, segment.line(ofPassage: ranked.passage), ranked.score)
            }
            return (result, top)
        }
        let warmStart = DispatchTime.now()
        var rounds = 0
        while rounds < 3 || (Self.milliseconds(since: warmStart) < 3000 && rounds < 200) {
            for query in parsed { _ = try answer(query) }
            rounds += 1
        }
        report.warmupRounds = rounds
        for (text, query) in zip(queryList, parsed) {
            var samples: [UInt64] = []
            var last: (SearchResult, [(String, Int, Double)])?
            for _ in 0..<repetitions {
                let start = DispatchTime.now().uptimeNanoseconds
                last = try answer(query)
                samples.append(DispatchTime.now().uptimeNanoseconds - start)
            }
            var entry = BenchReport.QueryTiming(query: text, hits: last!.0.total, samplesNanoseconds: samples)
            if self.samples != nil {
                entry.top10 = last!.1.map { .init(path: $0.0, line: $0.1, score: $0.2) }
                let every = try searcher.search(query, options: SearchOptions(limit: nil))
                var lines: [BenchReport.Line] = []
                for ranked in every.ranked {
                    let segment = reader.segments[ranked.segment]
                    let path = try segment.path(ofDocument: segment.document(ofPassage: ranked.passage))
                    lines.append(.init(path: path, line: segment.line(ofPassage: ranked.passage), score: nil))
                }
                entry.all = lines
            }
            report.queries.append(entry)
        }
        report.coldMilliseconds = try coldRuns > 0 ? coldSearch(index: indexPath, query: queryList[0]) : nil
        if let path = samples {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            try encoder.encode(report).write(to: URL(fileURLWithPath: path))
        }
        switch format {
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            var summary = report
            for index in summary.queries.indices {
                summary.queries[index].top10 = nil
                summary.queries[index].all = nil
            }
            try say(String(decoding: try encoder.encode(summary), as: UTF8.self))
        case .text:
            try say(report.table)
        }
    }

    /// Median wall time of whole `search` processes, each opening the index anew.
    private func coldSearch(index: String, query: String) throws -> Double {
        let binary = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
        var times: [Double] = []
        // posix_spawn and waitpid: Foundation's Process adds its own run-loop
        // polling to the wait, which is not the search's time.
        let arguments = [binary, "search", query, "--index", index]
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        for _ in 0..<coldRuns {
            var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
            defer { for pointer in argv { free(pointer) } }
            var pid = pid_t()
            let start = DispatchTime.now()
            let spawned = posix_spawn(&pid, binary, &actions, nil, &argv, environ)
            guard spawned == 0 else {
                throw ValidationError("cannot start \(binary): \(String(cString: strerror(spawned)))")
            }
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
            times.append(Self.milliseconds(since: start))
        }
        return BenchReport.median(times)
    }

    static func readQueries(_ path: String) throws -> [String] {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read the queries file \(path)")
        }
        let queries = String(decoding: data, as: UTF8.self).split(separator: "\n").map { $0.trimmingWhitespace() }
            .filter { !$0.isEmpty && !$0.hasPrefix("#") }
        if queries.isEmpty { throw ValidationError("the queries file \(path) holds no query") }
        return queries
    }

    static func milliseconds(since start: DispatchTime) -> Double {
        Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e6
    }

    static func peakMemoryMB() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}

/// What `bench` measured.
struct BenchReport: Encodable {
    struct Build: Encodable {
        var documents: Int
        var passages: Int
        var corpusBytes: Int64
        var seconds: Double
        var indexBytes: Int
        var peakMemoryMB: Double?
    }

    struct Line: Encodable {
        var path: String
        var line: Int
        var score: Double?
    }

    struct QueryTiming: Encodable {
        var query: String
        var hits: Int
        var samplesNanoseconds: [UInt64]
        var medianMicroseconds: Double { BenchReport.median(samplesNanoseconds.map { Double($0) / 1000 }) }
        var p95Microseconds: Double {
            let sorted = samplesNanoseconds.sorted()
            return Double(sorted[max(0, Int((0.95 * Double(sorted.count)).rounded(.up)) - 1)]) / 1000
        }
        var top10: [Line]?
        var all: [Line]?

        enum CodingKeys: String, CodingKey { case query, hits, samplesNanoseconds, medianMicroseconds, p95Microseconds, top10, all }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(query, forKey: .query)
            try container.encode(hits, forKey: .hits)
            try container.encode(samplesNanoseconds, forKey: .samplesNanoseconds)
            try container.encode((medianMicroseconds * 10).rounded() / 10, forKey: .medianMicroseconds)
            try container.encode((p95Microseconds * 10).rounded() / 10, forKey: .p95Microseconds)
            try container.encodeIfPresent(top10, forKey: .top10)
            try container.encodeIfPresent(all, forKey: .all)
        }
    }

    var toolVersion = PolicySearchCommand.versionLine
    var build: Build?
    var openMilliseconds = 0.0
    var warmupRounds = 0
    var queries: [QueryTiming] = []
    var coldMilliseconds: Double?

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        let middle = sorted.count / 2
        return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
    }

    var table: String {
        var lines: [String] = []
        if let build {
            let megabytes = Double(build.corpusBytes) / 1e6
            lines.append("corpus       \(build.documents) documents, \(String(format: "%.1f", megabytes)) MB, \(build.passages) passages")
            if build.seconds > 0 {
                lines.append("indexing     \(String(format: "%.2f", build.seconds)) s: \(String(format: "%.1f", megabytes / build.seconds)) MB/s, \(Int(Double(build.passages) / build.seconds)) passages/s"
                    + (build.peakMemoryMB.map { ", peak memory \(Int($0)) MB" } ?? ""))
            }
            lines.append("index size   \(String(format: "%.1f", Double(build.indexBytes) / 1e6)) MB, \(Int((100 * Double(build.indexBytes) / Double(max(1, build.corpusBytes))).rounded())) % of the corpus")
        }
        let medians = queries.map(\.medianMicroseconds)
        lines.append("queries      \(queries.count), warm median of medians \(String(format: "%.1f", BenchReport.median(medians))) µs, median of p95s \(String(format: "%.1f", BenchReport.median(queries.map(\.p95Microseconds)))) µs (after \(warmupRounds) warm-up rounds)")
        if let coldMilliseconds { lines.append("cold search  \(String(format: "%.1f", coldMilliseconds)) ms (median whole process)") }
        lines.append("")
        lines.append("median µs    p95 µs      hits  query")
        for query in queries {
            lines.append(String(format: "%9.1f %9.1f %9d  ", query.medianMicroseconds, query.p95Microseconds, query.hits) + query.query)
        }
        return lines.joined(separator: "\n")
    }
}
