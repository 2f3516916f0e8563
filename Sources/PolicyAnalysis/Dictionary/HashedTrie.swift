/// A trie whose edges live in one open-addressing hash table keyed by
/// (parent node, scalar): a walk costs one probe per character, and a walk
/// stops as soon as no dictionary word continues.
///
/// Every text position starts a walk, so the table is kept small for the
/// cache: an edge is one 64-bit slot (parent, scalar and child packed), and
/// the root's edges for the Basic Multilingual Plane are a direct table.
/// Built once, then read by any number of threads.
struct HashedTrie: Sendable {
    /// The root's node number.
    static let root: UInt32 = 0
    /// Node numbers take 21 bits in a slot.
    static let maximumNodes = 1 << 21 - 1

    /// Slots: parent << 42 | scalar << 21 | child; `empty` when free.
    private var slots: [UInt64]
    private var mask: Int
    /// The root's child for each scalar below 0x10000 (0: none).
    private var rootChildren: [UInt32]
    /// Per node: 0 when no word ends there, else 1 + the number of the dictionary it came from.
    private(set) var wordSource: [UInt16] = [0]
    private var edgeCount = 0

    private static let empty = UInt64.max

    init(expectedNodes: Int = 1024) {
        var capacity = 16
        while capacity < expectedNodes * 2 { capacity <<= 1 }
        slots = [UInt64](repeating: Self.empty, count: capacity)
        mask = capacity - 1
        rootChildren = [UInt32](repeating: 0, count: 0x10000)
    }

    /// The number of nodes, the root included.
    var nodeCount: Int { wordSource.count }

    @inline(__always)
    private static func key(_ node: UInt32, _ scalar: UInt32) -> UInt64 {
        UInt64(node) << 21 | UInt64(scalar)
    }

    @inline(__always)
    private func slot(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// The child of `node` along `scalar`, or nil.
    @inline(__always)
    func child(of node: UInt32, _ scalar: UInt32) -> UInt32? {
        if node == Self.root && scalar < 0x10000 {
            let child = rootChildren[Int(scalar)]
            return child == 0 ? nil : child
        }
        let key = Self.key(node, scalar)
        var i = slot(of: key)
        while true {
            let found = slots[i]
            if found >> 21 == key { return UInt32(truncatingIfNeeded: found & 0x1F_FFFF) }
            if found == Self.empty { return nil }
            i = (i + 1) & mask
        }
    }

    /// Adds `word` (when absent) as coming from dictionary `source`; an earlier
    /// source keeps a word it already has. Returns whether the word is new
    /// (false too when the trie is full, at ``maximumNodes``).
    @discardableResult
    mutating func insert<C: Collection>(_ word: C, source: Int) -> Bool where C.Element == UInt32 {
        guard nodeCount + word.count <= Self.maximumNodes else { return false }
        var node = Self.root
        for scalar in word {
            if let next = child(of: node, scalar) {
                node = next
                continue
            }
            let next = UInt32(wordSource.count)
            wordSource.append(0)
            if node == Self.root && scalar < 0x10000 {
                rootChildren[Int(scalar)] = next
            } else {
                if (edgeCount + 1) * 2 > slots.count { grow() }
                let key = Self.key(node, scalar)
                var i = slot(of: key)
                while slots[i] != Self.empty { i = (i + 1) & mask }
                slots[i] = key << 21 | UInt64(next)
                edgeCount += 1
            }
            node = next
        }
        guard wordSource[Int(node)] == 0 else { return false }
        wordSource[Int(node)] = UInt16(min(source + 1, Int(UInt16.max)))
        return true
    }

    /// Whether `word` is in the trie.
    func contains<C: Collection>(_ word: C) -> Bool where C.Element == UInt32 {
        var node = Self.root
        for scalar in word {
            guard let next = child(of: node, scalar) else { return false }
            node = next
        }
        return wordSource[Int(node)] != 0
    }

    /// Shrinks the table to the smallest that keeps it at most half full: the
    /// smaller it is, the more of it stays in the cache during a walk.
    mutating func compact() {
        var capacity = 16
        while capacity < edgeCount * 2 { capacity <<= 1 }
        if capacity < slots.count { rehash(capacity: capacity) }
    }

    private mutating func grow() {
        rehash(capacity: slots.count * 2)
    }

    private mutating func rehash(capacity: Int) {
        let old = slots
        slots = [UInt64](repeating: Self.empty, count: capacity)
        mask = slots.count - 1
        for entry in old where entry != Self.empty {
            var i = slot(of: entry >> 21)
            while slots[i] != Self.empty { i = (i + 1) & mask }
            slots[i] = entry
        }
    }
}
