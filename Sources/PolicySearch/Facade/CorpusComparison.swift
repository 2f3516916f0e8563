import Foundation
import PolicyIndex

/// A comparison of the corpus with its index run on another thread while a
/// search runs, and waited for within a time budget. It has two parts: a look
/// at each folder (``SearchIndex/foldersChanged()``: whether files were
/// added, removed or renamed; a millisecond for hundreds of folders), then a
/// look at each file (``SearchIndex/corpusChanges()``: which ones, and edits
/// inside files), which on a large corpus takes longer than the search: a
/// search should not wait for it long, and says what it could not tell.
public final class CorpusComparison: @unchecked Sendable {
    /// What the comparison found within the budget.
    public enum Outcome: Equatable, Sendable {
        /// The corpus is as indexed.
        case unchanged
        /// Files differ.
        case changed(CorpusChanges)
        /// It could not tell (the corpus folder could not be read).
        case failed
        /// The look at each file had not finished within the budget;
        /// `foldersChanged`: what the look at each folder said (nil: not
        /// finished either, or no folders recorded).
        case unfinished(foldersChanged: Bool?)
    }

    private let done = DispatchSemaphore(value: 0)
    private let lock = NSLock()
    private var result: Outcome = .unfinished(foldersChanged: nil)

    /// Starts comparing the corpus of `index` with it.
    public convenience init(index: SearchIndex) {
        self.init(folders: { index.foldersChanged() }, files: { try index.corpusChanges() })
    }

    /// Starts `folders`, then `files` (nil: the corpus is as indexed), on another thread.
    public init(folders: @escaping @Sendable () -> Bool? = { nil },
                files: @escaping @Sendable () throws -> CorpusChanges?) {
        Thread.detachNewThread { [self] in
            let changed = folders()
            set(.unfinished(foldersChanged: changed))
            let outcome: Outcome
            do {
                outcome = try files().map { .changed($0) } ?? .unchanged
            } catch {
                outcome = .failed
            }
            set(outcome)
            done.signal()
        }
    }

    private func set(_ outcome: Outcome) {
        lock.lock()
        result = outcome
        lock.unlock()
    }

    /// Waits for the comparison at most `budget` more, and says what it found.
    public func outcome(within budget: Duration) -> Outcome {
        let nanoseconds = budget.components.seconds * 1_000_000_000 + budget.components.attoseconds / 1_000_000_000
        if done.wait(timeout: .now() + .nanoseconds(Int(max(0, nanoseconds)))) == .success { done.signal() }
        lock.lock()
        defer { lock.unlock() }
        return result
    }
}
