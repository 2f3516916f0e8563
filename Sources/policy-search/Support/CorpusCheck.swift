import Foundation
import PolicyIndex
import PolicySearch

/// Compares the corpus with the index on a background thread while a search
/// runs, and warns at the end if files differ.
struct CorpusCheck {
    /// How much longer than the search the comparison may take before the
    /// process ends without its answer (saying so): the comparison looks at
    /// every file, and a search should cost the same whatever the corpus size.
    static let budget: Duration = .milliseconds(20)

    private let comparison: CorpusComparison
    private let corpus: String

    init(index: SearchIndex) {
        corpus = index.reader.manifest.corpus
        comparison = CorpusComparison(index: index)
    }

    /// Waits for the comparison within the budget and warns on standard
    /// error if files differ, or notes that it could not tell in time.
    func warnIfChanged() {
        switch comparison.outcome(within: Self.budget) {
        case .changed(let changes): report(.corpusChanged(corpus: corpus, changes: changes), index: "")
        case .unfinished(foldersChanged: true):
            note("policy-search: warning: \(corpus) changed since the index was built (files added, removed or renamed; the comparison of each file did not finish within \(Self.budget) of the answer): run `policy-search index` to update it")
        case .unfinished(foldersChanged: false):
            note("policy-search: note: no file of \(corpus) was added, removed or renamed since the index was built; edits inside files were not all compared within \(Self.budget) of the answer: `policy-search index` compares every file")
        case .unfinished(foldersChanged: nil):
            note("policy-search: note: the comparison of \(corpus) with the index did not finish within \(Self.budget) of the answer, so files changed since the last `policy-search index` may not be reported; that command compares every file and updates the index")
        case .unchanged, .failed: break
        }
    }
}
