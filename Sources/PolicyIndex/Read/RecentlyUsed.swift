import Foundation

/// The last few values made, by number, most recent last: decompressed
/// blocks that the hits of one search often share. Thread-safe; a value is
/// made under the lock, so two threads never make the same one twice.
final class RecentlyUsed<Value>: @unchecked Sendable {
    private var entries: [(key: Int, value: Value)] = []
    private let capacity: Int
    private let lock = NSLock()

    init(capacity: Int) { self.capacity = capacity }

    /// The value kept for `key`, or the one `make` returns, kept from now on.
    func value(for key: Int, orMake make: () throws -> Value) rethrows -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let index = entries.firstIndex(where: { $0.key == key }) {
            let hit = entries.remove(at: index)
            entries.append(hit)
            return hit.value
        }
        let value = try make()
        entries.append((key, value))
        if entries.count > capacity { entries.removeFirst() }
        return value
    }
}
