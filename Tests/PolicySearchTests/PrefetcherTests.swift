import Foundation
import Testing
import TestSupport

@testable import PolicySearch

@Suite struct PrefetcherTests {
    struct Broken: Error, Equatable { var at: Int }

    /// A producer counting on its own thread; the lock makes its count readable here.
    final class Counter: @unchecked Sendable {
        let lock = NSLock()
        var made = 0
        func next(upTo end: Int?, failingAt failure: Int? = nil) throws -> Int? {
            lock.lock()
            defer { lock.unlock() }
            if let end, made >= end { return nil }
            if made == failure { throw Broken(at: made) }
            made += 1
            return made - 1
        }
        var count: Int { lock.lock(); defer { lock.unlock() }; return made }
    }

    @Test func elementsComeInOrderThenNil() throws {
        for (end, batch) in [(0, 1), (1, 1), (7, 3), (1000, 16), (1024, 256)] {
            let counter = Counter()
            let prefetcher = Prefetcher(batchSize: batch, depth: 2) { try counter.next(upTo: end) }
            var seen: [Int] = []
            while let next = try prefetcher.next() { seen.append(next) }
            #expect(seen == Array(0..<end))
            #expect(try prefetcher.next() == nil)
            prefetcher.finish()
        }
    }

    @Test func anErrorComesAfterTheElementsMadeBeforeIt() {
        let counter = Counter()
        let prefetcher = Prefetcher(batchSize: 4, depth: 2) { try counter.next(upTo: nil, failingAt: 10) }
        defer { prefetcher.finish() }
        var seen: [Int] = []
        #expect(throws: Broken(at: 10)) {
            while let next = try prefetcher.next() { seen.append(next) }
        }
        #expect(seen == Array(0..<10))
    }

    @Test func theProducerStaysAFewBatchesAheadAndFinishStopsIt() throws {
        let counter = Counter()
        // An endless producer: only finish() ends it.
        let prefetcher = Prefetcher(batchSize: 8, depth: 3) { try counter.next(upTo: nil) }
        #expect(try prefetcher.next() == 0)
        Thread.sleep(forTimeInterval: 0.2)
        // One batch taken, three waiting, one being made: never more.
        #expect(counter.count <= 8 * 5)
        #expect(counter.count >= 8 * 2)
        prefetcher.finish()
        let stopped = counter.count
        Thread.sleep(forTimeInterval: 0.05)
        #expect(counter.count == stopped)
    }

    /// Over the count from which hits are read on another thread: every hit of
    /// a query, as `forEachHit` gives them and as a page of all of them, and
    /// the export rows, agree hit for hit.
    @Test func hitsReadAheadOnAnotherThreadAreThePagesHits() throws {
        let folder = TemporaryFolder()
        for file in 0..<12 {
            let lines = (0..<250).map { line in
                line % 3 == 0 ? "（\(line)）推进数据交易平台建设，第\(file)号文件第\(line)行。" : "加强数据交易监管，完善规则\(line)。"
            }
            folder.write("corpus/plan\(file).md", "# 第\(file)号方案\n\n## 一、总体要求\n\n" + lines.joined(separator: "\n\n") + "\n")
        }
        let index = try SearchIndex.open(.init(index: folder.file("index"), corpus: folder.file("corpus")))
        let query = try QueryParser.parse("数据交易")
        let options = HitOptions(search: SearchOptions(limit: nil))
        let page = try index.search(query, options)
        #expect(page.hits.count >= HitLoader.prefetchedFrom)
        var streamed: [Hit] = []
        try index.forEachHit(of: query, options) { streamed.append($0) }
        #expect(streamed.count == page.hits.count)
        for (a, b) in zip(streamed, page.hits) {
            #expect(a.rank == b.rank && a.score == b.score && a.document.path == b.document.path && a.passage.line == b.passage.line
                && a.passage.text == b.passage.text && a.passage.section == b.passage.section && a.highlights == b.highlights)
        }
        let paths = PathDisplay(corpus: folder.file("corpus"))
        var rows: [[String]] = []
        try index.withSearcher { searcher in
            let result = try searcher.search(query, options: SearchOptions(limit: nil))
            try ExportRows.withRows(of: result, searcher: searcher, paths: paths) { next in
                while let row = try next() { rows.append(row) }
            }
        }
        var expected = ExportRows(paths: paths)
        #expect(rows == streamed.map { expected.row($0) })
    }
}
