import Synchronization

/// Values that layers above the index derive from one open generation of it
/// (the citation network), made once and kept as long as its reader: a
/// generation never changes, so what is derived from it never goes stale.
public final class ReaderMemo: Sendable {
    private let values = Mutex<[String: any Sendable]>([:])

    init() {}

    /// The value kept under `key`, made by `make` the first time (under the
    /// lock: two threads asking at once make it once).
    public func value<T: Sendable>(_ key: String, make: () throws -> T) throws -> T {
        try values.withLock { values in
            if let value = values[key] as? T { return value }
            let value = try make()
            values[key] = value
            return value
        }
    }
}
