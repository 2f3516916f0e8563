import Foundation
import TestSupport
import Testing

@testable import PolicyIndex
@testable import PolicySearch

/// The facade that the CLI and the web app share: opening or building,
/// notices as values, many searches at once, and a new generation picked up
/// while searches in flight finish on the old one.
@Suite struct SearchIndexTests {
    let folder = TemporaryFolder()

    static let queries = ["数据交易", "数据", "交易 平台", "大数据 -贵阳", "安全 OR 开放", "数据 region:贵州", "“互联网+”"]

    func corpus() {
        folder.write("corpus/a.md", "---\nregion: 贵州\n---\n# 贵阳数据交易\n\n建设贵阳大数据交易所，推进数据交易平台建设。\n数据安全保护。\n")
        folder.write("corpus/b.txt", "关于推进政府数据开放的通知\n推动政府数据开放共享。\n“互联网+”政务服务。\n")
        folder.write("corpus/c.md", "# 工业大数据\n\n发展工业大数据应用，建设数据交易平台。\n" + String(repeating: "完善数据安全保障体系。", count: 60) + "\n")
    }

    var configuration: SearchIndex.Configuration {
        SearchIndex.Configuration(index: folder.file("index"), corpus: folder.file("corpus"))
    }

    /// What a search answers, as comparable values.
    static func answer(_ page: SearchPage) -> [String] {
        ["\(page.total) \(page.documents)"] + page.hits.map {
            "\($0.rank) \($0.document.path):\($0.passage.line) \($0.passage.section) \($0.score) \($0.passage.text) \($0.highlights)"
        }
    }

    @Test func aMissingIndexIsBuiltAndSaidAsANotice() throws {
        corpus()
        var reasons: [String] = []
        let index = try SearchIndex.open(configuration, buildStarts: { reasons.append($0) })
        #expect(reasons.count == 1 && reasons[0].hasPrefix("no index in"))
        guard case .built(_, let report) = index.notices.first else {
            Issue.record("no build notice: \(index.notices)")
            return
        }
        #expect(report.documents == 3)
        // Opened again: no build, no notice.
        let again = try SearchIndex.open(configuration, buildStarts: { reasons.append($0) })
        #expect(again.notices.isEmpty && reasons.count == 1)
        var strict = configuration
        strict.index = folder.file("none")
        strict.buildsIfMissing = false
        #expect(throws: IndexError.self) { try SearchIndex.open(strict) }
    }

    @Test func anEmptyCorpusPathIsAnError() throws {
        #expect(throws: SearchIndexError.emptyCorpusPath) {
            try SearchIndex.build(configuration: SearchIndex.Configuration(index: folder.file("index"), corpus: ""), corpus: "")
        }
    }

    /// Hundreds of searches from several threads at once against one index
    /// give exactly the answers of one thread, one search at a time.
    @Test func concurrentSearchesAnswerAsOneThreadDoes() throws {
        corpus()
        let index = try SearchIndex.open(configuration)
        let parsed = try Self.queries.map { try QueryParser.parse($0) }
        let expected = try parsed.map { Self.answer(try index.search($0, HitOptions(search: SearchOptions(limit: nil)))) }
        final class Results: @unchecked Sendable {
            let lock = NSLock()
            var mismatches: [String] = []
            var done = 0
        }
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 400) { iteration in
            let which = iteration % parsed.count
            let got = (try? index.search(parsed[which], HitOptions(search: SearchOptions(limit: nil)))).map(Self.answer)
            results.lock.lock()
            if got != expected[which] { results.mismatches.append(Self.queries[which]) }
            results.done += 1
            results.lock.unlock()
        }
        #expect(results.done == 400)
        #expect(results.mismatches.isEmpty, "\(results.mismatches)")
    }

    /// After `index` commits a new generation, an open facade switches to it
    /// on reload, while a snapshot taken before still answers from the old one.
    @Test func aNewGenerationIsPickedUpAndTheOldSnapshotStillAnswers() throws {
        corpus()
        let index = try SearchIndex.open(configuration)
        let query = try QueryParser.parse("数据交易")
        let before = try index.search(query)
        let old = index.snapshot
        #expect(try index.reloadIfCommitted() == false)
        folder.write("corpus/d.md", "# 新增\n\n数据交易新规。\n")
        _ = try SearchIndex.build(configuration: configuration, corpus: folder.file("corpus"))
        #expect(try index.reloadIfCommitted() == true)
        let after = try index.search(query)
        #expect(after.total == before.total + 1)
        #expect(index.snapshot.generation > old.generation)
        // The old snapshot's segments stay mapped for calls that hold it.
        let stillOld = try old.withSearcher { try $0.search(query, options: SearchOptions(limit: nil)) }
        #expect(stillOld.total == before.total)
    }

    /// Searches running while builds commit again and again never fail and
    /// always see a whole generation: the old answer or the new one.
    @Test func searchesDuringCommitsSeeOneGenerationOrTheNext() throws {
        corpus()
        let index = try SearchIndex.open(configuration)
        let query = try QueryParser.parse("数据交易")
        let base = try index.search(query).total
        final class State: @unchecked Sendable {
            let lock = NSLock()
            var stop = false
            var totals = Set<Int>()
            var failures: [String] = []
        }
        let state = State()
        let group = DispatchGroup()
        for _ in 0..<2 {
            DispatchQueue.global().async(group: group) {
                while true {
                    state.lock.lock()
                    let stop = state.stop
                    state.lock.unlock()
                    if stop { return }
                    do {
                        try index.reloadIfCommitted()
                        let total = try index.search(query).total
                        state.lock.lock(); state.totals.insert(total); state.lock.unlock()
                    } catch {
                        state.lock.lock(); state.failures.append("\(error)"); state.lock.unlock()
                    }
                }
            }
        }
        for round in 1...5 {
            folder.write("corpus/extra\(round).md", "# 第\(round)\n\n数据交易第\(round)条。\n")
            _ = try SearchIndex.build(configuration: configuration, corpus: folder.file("corpus"))
        }
        state.lock.lock(); state.stop = true; state.lock.unlock()
        group.wait()
        #expect(state.failures.isEmpty, "\(state.failures.prefix(3))")
        #expect(state.totals.isSubset(of: Set(base...(base + 5))), "\(state.totals)")
        try index.reloadIfCommitted()
        #expect(try index.search(query).total == base + 5)
    }
}
