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
        #expect(comparison.outcome(within: .milliseconds(30)) == .unfinished)
        // It gave up near the budget, not after the comparison.
        #expect(ContinuousClock.now - started < .seconds(5))
        release.signal()
        // Asked again, it waits for the rest, and the answer stays.
        #expect(comparison.outcome(within: .seconds(5)) == .changed(CorpusChanges(added: ["a.md"])))
        #expect(comparison.outcome(within: .zero) == .changed(CorpusChanges(added: ["a.md"])))
    }

    @Test func theCorpusOfAnIndexIsCompared() throws {
        let folder = TemporaryFolder()
        folder.write("corpus/a.md", "数据交易\n")
        let index = try SearchIndex.open(.init(index: folder.path + "/index", corpus: folder.path + "/corpus"))
        #expect(CorpusComparison(index: index).outcome(within: .seconds(10)) == .unchanged)
        folder.write("corpus/b.md", "工业大数据\n")
        #expect(CorpusComparison(index: index).outcome(within: .seconds(10)) == .changed(CorpusChanges(added: ["b.md"])))
    }
}
