import Foundation
import Testing

@testable import PolicyAnalysis
@testable import PolicyIndex
@testable import PolicySearch

/// The reference corpus beside the repository (`../shared/corpus`), when it is there.
enum SharedCorpus {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("shared/corpus").path
    static var isAvailable: Bool { FileManager.default.fileExists(atPath: root + "/plans") }

    /// The seed report of `../shared/seed` (a converted PDF report that holds
    /// 人才政策方面), its path, or nil when it is absent.
    static let seedReport: String? = {
        let seed = (root as NSString).deletingLastPathComponent + "/seed"
        let names = (try? FileManager.default.contentsOfDirectory(atPath: seed)) ?? []
        return names.sorted().map { seed + "/" + $0 }.first { path in
            (path.hasSuffix(".txt") || path.hasSuffix(".md"))
                && (try? String(contentsOfFile: path, encoding: .utf8))?.contains("人才政策方面") == true
        }
    }()
}

/// End to end on real plans: the hits cover every line that `grep -F` finds,
/// and every hit contains the query.
@Suite(.enabled(if: SharedCorpus.isAvailable, "../shared/corpus is absent: skipped"))
struct RealCorpusSearchTests {
    /// The plans indexed once for the whole suite (each test opens its own
    /// searcher: a searcher is not shared between threads).
    static let indexFolder: String? = {
        // One fixed folder, rebuilt on each run, so that runs leave one copy behind at most.
        let folder = NSTemporaryDirectory() + "/policy-search-tests-real-plans"
        try? FileManager.default.removeItem(atPath: folder)
        let built = try? IndexBuilder(corpus: SharedCorpus.root + "/plans", directory: IndexDirectory(path: folder)).build()
        return built == nil ? nil : folder
    }()

    func openSearcher() throws -> Searcher {
        let folder = try #require(Self.indexFolder)
        return try Searcher(reader: IndexReader(directory: IndexDirectory(path: folder)))
    }

    /// Lines of every corpus file as grep sees them: split on "\n", UTF-8.
    static let lines: [String: [String]] = {
        var result: [String: [String]] = [:]
        let root = SharedCorpus.root + "/plans"
        for file in (try? CorpusScanner.scan(root)) ?? [] {
            let bytes = (try? FileReader.bytes(atPath: root + "/" + file.path)) ?? []
            result[file.path] = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        return result
    }()

    @Test(arguments: ["数据交易", "交易", "数据", "互联网+", "5G", "公共数据 开放", "数据 安全 保护", "工业互联网", "第三条", "（一）", "2020年", "人工智能 -智能制造",
                       "《网络安全法》", "数据，", "“互联网+”", "〔2015〕"])
    func hitsCoverEveryLineGrepFinds(query text: String) throws {
        let searcher = try openSearcher()
        let query = try QueryParser.parse(text)
        let result = try searcher.search(query, options: SearchOptions(limit: nil))
        let hits = try HitLoader(searcher: searcher).hits(of: result).map { try $0.get() }
        #expect(hits.count == result.total)
        var covered = Set<String>()
        let normalizer = try TextNormalizer()
        for hit in hits {
            covered.insert("\(hit.document.path):\(hit.passage.line)")
            let normalized = normalizer.normalize(hit.passage.text).string
            for clause in query.required {
                #expect(clause.contains { normalized.contains(normalizer.normalize($0.text).string) }, "\(hit.passage.text)")
            }
            for part in query.excluded {
                #expect(!normalized.contains(normalizer.normalize(part.text).string))
            }
        }
        var oracle = 0
        for (path, lines) in Self.lines {
            for (index, line) in lines.enumerated() {
                let matches = query.required.allSatisfy { clause in clause.contains { line.contains($0.text) } }
                    && !query.excluded.contains { line.contains($0.text) }
                guard matches else { continue }
                oracle += 1
                #expect(covered.contains("\(path):\(index + 1)"), "missed \(path):\(index + 1)")
            }
        }
        #expect(oracle > 0)
    }

    @Test func sectionsAndTitlesOfARealStateCouncilDocument() throws {
        let searcher = try openSearcher()
        let result = try searcher.search(QueryParser.parse("统筹建设监管工作平台"), options: SearchOptions(limit: nil))
        let hits = try HitLoader(searcher: searcher).hits(of: result).map { try $0.get() }
        let hit = try #require(hits.first { $0.document.path.contains("国发〔2019〕5号") })
        #expect(hit.document.title.hasPrefix("国务院关于在市场监管领域全面推行"))
        #expect(hit.passage.section.hasPrefix("三、重点任务"))
    }
}
