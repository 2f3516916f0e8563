import Foundation
import TestSupport
import Testing

@testable import PolicyIndex
@testable import PolicySearch

/// The comparison of corpus and index runs beside a search and is waited for
/// within a budget: a slow one is reported as unfinished, not waited for.
@Suite struct CorpusComparisonTests {
    @Test func aFinishedComparisonGivesWhatItFound() {
        let changes = CorpusChanges(added: ["新.md"], changed: [], removed: ["旧.md"])
        #expect(CorpusComparison { changes }.outcome(within: .seconds(5)) == .changed(changes))
        #expect(CorpusComparison { nil }.outcome(within: .seconds(5)) == .unchanged)
        struct Unreadable: Error {}
        #expect(CorpusComparison { throw Unreadable() }.outcome(within: .seconds(5)) == .failed)
    }

    @Test func aSlowComparisonIsNotWaitedForBeyondTheBudget() {
        let release = DispatchSemaphore(value: 0)
        let comparison = CorpusComparison {
            release.wait()
            return CorpusChanges(added: ["a.md"])
        }
        let started = ContinuousClock.now
        #expect(comparison.outcome(within: .milliseconds(30)) == .unfinished(foldersChanged: nil))
        // It gave up near the budget, not after the comparison.
        #expect(ContinuousClock.now - started < .seconds(5))
        release.signal()
        // Asked again, it waits for the rest, and the answer stays.
        #expect(comparison.outcome(within: .seconds(5)) == .changed(CorpusChanges(added: ["a.md"])))
        #expect(comparison.outcome(within: .zero) == .changed(CorpusChanges(added: ["a.md"])))
    }

    /// When the look at each file is slow, what the look at each folder found is said.
    @Test func theFoldersAnswerWhileTheFilesAreStillCompared() {
        let release = DispatchSemaphore(value: 0)
        let comparison = CorpusComparison(folders: { true }) {
            release.wait()
            return nil
        }
        // The folders' answer comes first (it may take a moment to start).
        var outcome = comparison.outcome(within: .milliseconds(20))
        for _ in 0..<200 where outcome == .unfinished(foldersChanged: nil) { outcome = comparison.outcome(within: .milliseconds(20)) }
        #expect(outcome == .unfinished(foldersChanged: true))
        release.signal()
        #expect(comparison.outcome(within: .seconds(5)) == .unchanged)
    }

    @Test func theCorpusOfAnIndexIsCompared() throws {
        let folder = TemporaryFolder()
        folder.write("corpus/a.md", "数据交易\n")
        folder.write("corpus/sub/c.md", "数据安全\n")
        let index = try SearchIndex.open(.init(index: folder.path + "/index", corpus: folder.path + "/corpus"))
        #expect(index.reader.manifest.folders.map(\.path) == ["", "sub"])
        #expect(index.foldersChanged() == false)
        #expect(CorpusComparison(index: index).outcome(within: .seconds(10)) == .unchanged)
        // An edit inside a file changes no folder: only the look at each file sees it.
        let handle = try #require(FileHandle(forWritingAtPath: folder.file("corpus/sub/c.md")))
        handle.truncateFile(atOffset: 0)
        handle.write(Data("数据安全保护制度\n".utf8))
        handle.closeFile()
        #expect(index.foldersChanged() == false)
        #expect(CorpusComparison(index: index).outcome(within: .seconds(10)) == .changed(CorpusChanges(changed: ["sub/c.md"])))
        // A file added in a subfolder changes that folder.
        folder.write("corpus/sub/b.md", "工业大数据\n")
        #expect(index.foldersChanged() == true)
        #expect(CorpusComparison(index: index).outcome(within: .seconds(10))
            == .changed(CorpusChanges(added: ["sub/b.md"], changed: ["sub/c.md"])))
        // So does one removed, and a folder removed is a change.
        try FileManager.default.removeItem(atPath: folder.file("corpus/sub"))
        #expect(index.foldersChanged() == true)
    }

    /// An update that only touches folders records their new times, so that
    /// the look at each folder agrees again.
    @Test func anUpdateRecordsTheFoldersAgain() throws {
        let folder = TemporaryFolder()
        folder.write("corpus/a.md", "数据交易\n")
        let configuration = SearchIndex.Configuration(index: folder.file("index"), corpus: folder.file("corpus"))
        _ = try SearchIndex.build(configuration: configuration, corpus: folder.file("corpus"))
        folder.write("corpus/tmp.md", "临时\n")
        try FileManager.default.removeItem(atPath: folder.file("corpus/tmp.md"))
        #expect(try SearchIndex.open(configuration).foldersChanged() == true)
        _ = try SearchIndex.build(configuration: configuration, corpus: folder.file("corpus"))
        #expect(try SearchIndex.open(configuration).foldersChanged() == false)
    }
}
