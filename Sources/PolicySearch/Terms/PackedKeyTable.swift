/// A hash set of 64-bit keys that numbers them densely, 0, 1, 2 … in the order
/// they were first inserted, so that what is known of a key (a count, its
/// parts) lives in plain arrays indexed by its number.
///
/// Open addressing with linear probing, the key stored beside its number so
/// that a probe touches one slot. Made for counting tens of millions of n-gram
/// occurrences: `Dictionary` hashes every key with SipHash and boxes nothing
/// less than a generic entry, which was several times slower here.
struct PackedKeyTable: Sendable {
    private var slotKeys: [UInt64]
    /// The key's number + 1; 0 marks an empty slot.
    private var slotNumbers: [UInt32]
    private var shift: UInt64
    /// The keys by number.
    private(set) var keys: [UInt64] = []

    /// A table that holds `capacity` keys before it grows.
    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slotKeys = [UInt64](repeating: 0, count: size)
        slotNumbers = [UInt32](repeating: 0, count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
        keys.reserveCapacity(capacity)
    }

    var count: Int { keys.count }

    @inline(__always)
    private func home(_ key: UInt64) -> Int {
        // Fibonacci hashing: the high bits of a multiplication mix every bit of the key.
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The number of `key`, given it now if it is new.
    @inline(__always)
    mutating func insert(_ key: UInt64) -> Int {
        let mask = slotKeys.count - 1
        var slot = home(key)
        while true {
            let number = slotNumbers[slot]
            if number == 0 { break }
            if slotKeys[slot] == key { return Int(number) - 1 }
            slot = (slot + 1) & mask
        }
        let number = keys.count
        keys.append(key)
        slotKeys[slot] = key
        slotNumbers[slot] = UInt32(number + 1)
        if keys.count * 2 > slotKeys.count { grow() }
        return number
    }

    /// The number of `key`, or nil when it was never inserted.
    @inline(__always)
    func find(_ key: UInt64) -> Int? {
        let mask = slotKeys.count - 1
        var slot = home(key)
        while true {
            let number = slotNumbers[slot]
            if number == 0 { return nil }
            if slotKeys[slot] == key { return Int(number) - 1 }
            slot = (slot + 1) & mask
        }
    }

    private mutating func grow() {
        let size = slotKeys.count * 2
        slotKeys = [UInt64](repeating: 0, count: size)
        slotNumbers = [UInt32](repeating: 0, count: size)
        shift -= 1
        let mask = size - 1
        for (number, key) in keys.enumerated() {
            var slot = home(key)
            while slotNumbers[slot] != 0 { slot = (slot + 1) & mask }
            slotKeys[slot] = key
            slotNumbers[slot] = UInt32(number + 1)
        }
    }
}
