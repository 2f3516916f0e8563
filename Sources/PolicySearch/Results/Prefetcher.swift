import Foundation

/// Pulls elements from a producer on a thread of its own, a few batches ahead
/// of the consumer, so that reading hits (stored text, documents, highlights)
/// and writing them (rows, JSON, the file) run on two cores at once.
///
/// At most `depth` batches of `batchSize` wait, so memory does not grow with
/// the number of elements. The consumer sees the producer's elements in order,
/// then its error if it threw one. ``finish()`` stops the producer and waits
/// for its thread: call it (a `defer`) before what the producer reads goes
/// away. Not for several consumers.
public final class Prefetcher<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var ready: [[Element]] = []
    private var ended = false
    private var failure: Error?
    private var stopped = false
    private let exited = DispatchSemaphore(value: 0)
    private var joined = false
    /// The batch being consumed (the consumer's thread only).
    private var current: [Element] = []
    private var position = 0

    /// Starts calling `produce` (until it gives nil or throws) on another thread.
    public init(batchSize: Int = 256, depth: Int = 4, _ produce: @escaping () throws -> Element?) {
        let producer = Producer(produce: produce)
        let thread = Thread { [self] in
            defer { exited.signal() }
            run(producer.produce, batchSize: max(1, batchSize), depth: max(1, depth))
        }
        thread.stackSize = 8 << 20
        thread.start()
    }

    deinit { finish() }

    private struct Producer: @unchecked Sendable {
        let produce: () throws -> Element?
    }

    private func run(_ produce: () throws -> Element?, batchSize: Int, depth: Int) {
        while true {
            var batch: [Element] = []
            batch.reserveCapacity(batchSize)
            var last = false
            var thrown: Error?
            do {
                while batch.count < batchSize {
                    guard let element = try produce() else {
                        last = true
                        break
                    }
                    batch.append(element)
                }
            } catch {
                thrown = error
                last = true
            }
            condition.lock()
            while ready.count >= depth && !stopped { condition.wait() }
            if stopped {
                condition.unlock()
                return
            }
            if !batch.isEmpty { ready.append(batch) }
            if last {
                failure = thrown
                ended = true
            }
            condition.broadcast()
            condition.unlock()
            if last { return }
        }
    }

    /// The next element; nil after the last; the producer's error after the
    /// elements it made before it.
    public func next() throws -> Element? {
        if position < current.count {
            position += 1
            return current[position - 1]
        }
        condition.lock()
        defer { condition.unlock() }
        while ready.isEmpty && !ended { condition.wait() }
        guard !ready.isEmpty else {
            current = []
            position = 0
            if let failure { throw failure }
            return nil
        }
        current = ready.removeFirst()
        position = 1
        condition.broadcast()
        return current[0]
    }

    /// Stops the producer (after the element it is making) and waits for its thread.
    public func finish() {
        guard !joined else { return }
        condition.lock()
        stopped = true
        condition.broadcast()
        condition.unlock()
        exited.wait()
        joined = true
    }
}

extension HitLoader {
    /// From how many hits on they are read on another thread (``Prefetcher``):
    /// below, a thread costs more than it saves.
    static let prefetchedFrom = 2048

    /// Calls `body` with a source of every hit of `result` in rank order (nil
    /// after the last), each through `transform`: for a long list, the hits
    /// are read and transformed on another thread, a few batches ahead of
    /// `body`, which runs on this one.
    public static func withHits<R>(of result: SearchResult, searcher: Searcher, transform: @escaping (Hit) -> Hit = { $0 },
                                   _ body: (_ next: () throws -> Hit?) throws -> R) throws -> R {
        var hits = HitLoader(searcher: searcher).hits(of: result).makeIterator()
        let produce = { () throws -> Hit? in try hits.next().map { transform(try $0.get()) } }
        guard result.ranked.count >= prefetchedFrom else { return try body(produce) }
        let prefetcher = Prefetcher(produce)
        defer { prefetcher.finish() }
        return try body(prefetcher.next)
    }
}
