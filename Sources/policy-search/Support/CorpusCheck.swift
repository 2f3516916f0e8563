import Foundation
import PolicyIndex
import PolicySearch

/// Compares the corpus with the index on a background thread.
final class CorpusCheck: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var changes: CorpusChanges?
    private let corpus: String

    init(index: SearchIndex) {
        corpus = index.reader.manifest.corpus
        Thread.detachNewThread { [self] in
            changes = try? index.corpusChanges()
            done.signal()
        }
    }

    /// Waits for the comparison and warns on standard error if files differ.
    func warnIfChanged() {
        done.wait()
        if let changes { report(.corpusChanged(corpus: corpus, changes: changes), index: "") }
    }
}
