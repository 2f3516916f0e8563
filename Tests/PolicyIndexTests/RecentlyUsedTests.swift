import Testing

@testable import PolicyIndex

/// The cache of decompressed blocks and decoded trees: bounded, keeps what
/// was used last, makes a value once while it is kept.
@Suite struct RecentlyUsedTests {
    @Test func keepsTheRecentlyUsedAndDropsTheOldest() {
        let cache = RecentlyUsed<String>(capacity: 8)
        var made = 0
        func value(_ key: Int) -> String { cache.value(for: key) { made += 1; return "v\(key)" } }
        for key in 0..<8 { #expect(value(key) == "v\(key)") }
        #expect(made == 8)
        // Used again: not made again, and now the most recent.
        #expect(value(0) == "v0")
        #expect(made == 8)
        // Past the capacity, the quarter used longest ago goes: 1 and 2, not 0.
        #expect(value(8) == "v8")
        #expect(cache.count == 7)
        made = 0
        #expect(value(0) == "v0" && value(3) == "v3" && value(8) == "v8")
        #expect(made == 0)
        #expect(value(1) == "v1")
        #expect(made == 1)
    }

    @Test func neverHoldsMoreThanItsCapacity() {
        let cache = RecentlyUsed<Int>(capacity: 100)
        for key in 0..<10_000 {
            #expect(cache.value(for: key % 777) { key % 777 } == key % 777)
            if key % 997 == 0 { #expect(cache.count <= 100) }
        }
        #expect(cache.count <= 100)
    }
}
