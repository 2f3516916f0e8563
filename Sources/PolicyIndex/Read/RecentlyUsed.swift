import Foundation

/// The values made last, by number, up to a capacity: decompressed blocks
/// and decoded heading trees that the hits of one search, or the requests of
/// a server, often share. Thread-safe; a value is made under the lock, so two
/// threads never make the same one twice.
///
/// A lookup is a hash; when the capacity is passed, the quarter used longest
/// ago goes at once (a sort of the uses, a cost spread over the quarter's
/// insertions), so that large capacities cost no more per lookup than small.
final class RecentlyUsed<Value>: @unchecked Sendable {
    private var entries: [Int: (value: Value, used: UInt64)] = [:]
    private var clock: UInt64 = 0
    private let capacity: Int
    private let lock = NSLock()

    init(capacity: Int) { self.capacity = max(1, capacity) }

    /// The value kept for `key`, or the one `make` returns, kept from now on.
    func value(for key: Int, orMake make: () throws -> Value) rethrows -> Value {
        lock.lock()
        defer { lock.unlock() }
        clock &+= 1
        if let hit = entries[key] {
            entries[key] = (hit.value, clock)
            return hit.value
        }
        let value = try make()
        entries[key] = (value, clock)
        if entries.count > capacity {
            let dropped = max(1, capacity / 4)
            let oldest = entries.map { ($0.key, $0.value.used) }.sorted { $0.1 < $1.1 }.prefix(dropped)
            for (key, _) in oldest { entries[key] = nil }
        }
        return value
    }

    /// How many values are kept.
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return entries.count
    }
}
