import Foundation
import PolicyIndex

/// A comparison of the corpus with its index (``SearchIndex/corpusChanges()``)
/// run on another thread while a search runs, waited for within a time
/// budget: it takes a look at every file, so on a large corpus it could take
/// longer than the search itself, and a search should not wait for it long.
public final class CorpusComparison: @unchecked Sendable {
    /// What the comparison found, once it finished within the budget.
    public enum Outcome: Equatable, Sendable {
        /// The corpus is as indexed.
        case unchanged
        /// Files differ.
        case changed(CorpusChanges)
        /// It could not tell (the corpus folder could not be read).
        case failed
        /// It had not finished within the budget.
        case unfinished
    }

    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Outcome = .unfinished

    /// Starts comparing the corpus of `index` with it.
    public convenience init(index: SearchIndex) {
        self.init { try index.corpusChanges() }
    }

    /// Starts `compare` (nil: the corpus is as indexed) on another thread.
    public init(_ compare: @escaping @Sendable () throws -> CorpusChanges?) {
        Thread.detachNewThread { [self] in
            let outcome: Outcome
            do {
                outcome = try compare().map { .changed($0) } ?? .unchanged
            } catch {
                outcome = .failed
            }
            lock.lock()
            result = outcome
            lock.unlock()
            done.signal()
        }
    }

    /// Waits for the comparison at most `budget` more, and says what it found
    /// or that it had not finished.
    public func outcome(within budget: Duration) -> Outcome {
        let nanoseconds = budget.components.seconds * 1_000_000_000 + budget.components.attoseconds / 1_000_000_000
        guard done.wait(timeout: .now() + .nanoseconds(Int(max(0, nanoseconds)))) == .success else { return .unfinished }
        done.signal()
        lock.lock()
        defer { lock.unlock() }
        return result
    }
}
