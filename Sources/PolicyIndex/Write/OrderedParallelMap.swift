import Foundation

/// Maps a function over `0..<count` on several threads and hands the results
/// to the caller in index order, as soon as each is ready.
///
/// Workers run at most `window` items ahead of the consumer, so memory stays
/// bounded whatever the count. The consumer sees the same sequence whatever
/// the number of threads, so output built from it is identical.
struct OrderedParallelMap<Output> {
    var count: Int
    var threads: Int
    var window = 64

    /// Runs `transform` (given the worker number and the item) on `threads`
    /// threads and `consume` on the calling thread, in order. If `consume`
    /// throws, the workers stop and the error is rethrown.
    func run(transform: @escaping @Sendable (Int, Int) -> Output, consume: (Int, Output) throws -> Void) throws {
        let state = SharedState<Output>(count: count)
        let group = DispatchGroup()
        for worker in 0..<max(1, threads) {
            group.enter()
            Thread.detachNewThread {
                defer { group.leave() }
                while let item = state.nextItem(window: window) {
                    state.deliver(item, transform(worker, item))
                }
            }
        }
        defer {
            state.cancel()
            group.wait()
        }
        for item in 0..<count {
            try consume(item, state.take(item))
        }
    }
}

/// The items handed out, the results waiting, and one condition to wait on.
private final class SharedState<Output>: @unchecked Sendable {
    private let condition = NSCondition()
    private var results: [Int: Output] = [:]
    private var next = 0
    private var consumed = 0
    private var cancelled = false
    private let count: Int

    init(count: Int) { self.count = count }

    func nextItem(window: Int) -> Int? {
        condition.lock()
        defer { condition.unlock() }
        while !cancelled && next < count && next >= consumed + window { condition.wait() }
        guard !cancelled, next < count else { return nil }
        next += 1
        return next - 1
    }

    func deliver(_ item: Int, _ output: Output) {
        condition.lock()
        results[item] = output
        condition.broadcast()
        condition.unlock()
    }

    func take(_ item: Int) -> Output {
        condition.lock()
        defer { condition.unlock() }
        while results[item] == nil { condition.wait() }
        consumed = item + 1
        condition.broadcast()
        return results.removeValue(forKey: item)!
    }

    func cancel() {
        condition.lock()
        cancelled = true
        condition.broadcast()
        condition.unlock()
    }
}
