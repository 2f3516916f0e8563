/// A trie whose edges live in one open-addressing hash table keyed by
/// (parent node, scalar): a walk costs one probe per character, and a walk
/// stops as soon as no dictionary word continues.
///
/// Every text position starts a walk, so a step costs at most one cache line:
/// a slot holds the edge's key and its *value*, which tells all a walk needs of
/// the child (its number, the word ending there, whether any word goes on), and
/// the root's edges for the Basic Multilingual Plane are a direct table of values.
/// Built once, then read by any number of threads.
struct HashedTrie: Sendable {
    /// The root's node number.
    static let root: UInt32 = 0
    /// Node numbers take 21 bits in a key and a value.
    static let maximumNodes = 1 << 21 - 1

    /// A node as an edge leads to it: child | source << 21 | hasChildren << 37,
    /// where source is 0 when no word ends at the child, else 1 + the number of
    /// the dictionary it came from. 0: no such edge.
    typealias Value = UInt64

    /// Pairs of words: key (parent << 21 | scalar, `empty` when free), then value.
    private var slots: [UInt64]
    private var mask: Int
    /// The root's value for each scalar below 0x10000 (0: none).
    private var rootValues: [Value]
    /// Per node: 0 when no word ends there, else 1 + the number of the dictionary it came from.
    private(set) var wordSource: [UInt16] = [0]
    /// Per node but the root: where its value is, a slot, or -1 - scalar for the root's table.
    private var valueSlot: [Int] = [0]
    private var edgeCount = 0

    private static let empty = UInt64.max

    init(expectedNodes: Int = 1024) {
        var capacity = 16
        while capacity < expectedNodes * 2 { capacity <<= 1 }
        slots = Self.emptySlots(capacity)
        mask = capacity - 1
        rootValues = [Value](repeating: 0, count: 0x10000)
    }

    private static func emptySlots(_ capacity: Int) -> [UInt64] {
        var slots = [UInt64](repeating: 0, count: capacity * 2)
        for i in 0..<capacity { slots[2 * i] = empty }
        return slots
    }

    /// The number of nodes, the root included.
    var nodeCount: Int { wordSource.count }

    @inline(__always)
    static func child(_ value: Value) -> UInt32 { UInt32(truncatingIfNeeded: value & 0x1F_FFFF) }
    /// 0 when no word ends where `value` leads, else 1 + its dictionary's number.
    @inline(__always)
    static func source(_ value: Value) -> UInt16 { UInt16(truncatingIfNeeded: value >> 21) }
    @inline(__always)
    static func hasChildren(_ value: Value) -> Bool { value >> 37 != 0 }
    /// The root's own value, to walk from.
    static let rootValue: Value = 1 << 37

    @inline(__always)
    private static func key(_ node: UInt32, _ scalar: UInt32) -> UInt64 {
        UInt64(node) << 21 | UInt64(scalar)
    }

    @inline(__always)
    private static func slot(of key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
    }

    /// Reads the trie without bounds checks or reference counting, for walks.
    struct Reader {
        let slots: UnsafePointer<UInt64>
        let mask: Int
        let rootValues: UnsafePointer<Value>

        /// The value of the edge along `scalar` from the node `value` leads to; 0 when none.
        @inline(__always)
        func next(_ value: Value, _ scalar: UInt32) -> Value {
            let node = HashedTrie.child(value)
            if node == HashedTrie.root && scalar < 0x10000 { return rootValues[Int(scalar)] }
            let key = HashedTrie.key(node, scalar)
            return find(key, from: HashedTrie.slot(of: key, mask: mask))
        }

        @inline(__always)
        private func find(_ key: UInt64, from slot: Int) -> Value {
            var i = slot
            while true {
                let found = slots[2 &* i]
                if found == key { return slots[2 &* i &+ 1] }
                if found == HashedTrie.empty { return 0 }
                i = (i &+ 1) & mask
            }
        }

        /// Where the probe for the edge along `scalar` from where `value` leads starts.
        @inline(__always)
        func slot(from value: Value, _ scalar: UInt32) -> UInt64 {
            UInt64(HashedTrie.slot(of: HashedTrie.key(HashedTrie.child(value), scalar), mask: mask))
        }

        /// Reads the slot (to bring it into the cache ahead of a probe).
        @inline(__always)
        func touch(_ slot: Int) -> UInt64 { slots[2 &* slot] }

        /// ``next(_:_:)`` for a child of a node other than the root, from the slot given by ``slot(from:_:)``.
        @inline(__always)
        func probe(slot: Int, from value: Value, _ scalar: UInt32) -> Value {
            let node = HashedTrie.child(value)
            if node == HashedTrie.root { return next(value, scalar) }
            return find(HashedTrie.key(node, scalar), from: slot)
        }

        /// The value of the root's edge along `scalar`; 0 when none.
        @inline(__always)
        func first(_ scalar: UInt32) -> Value {
            scalar < 0x10000 ? rootValues[Int(scalar)] : next(HashedTrie.rootValue, scalar)
        }
    }

    func withReader<R>(_ body: (Reader) -> R) -> R {
        slots.withUnsafeBufferPointer { slots in
            rootValues.withUnsafeBufferPointer { rootValues in
                body(Reader(slots: slots.baseAddress!, mask: mask, rootValues: rootValues.baseAddress!))
            }
        }
    }

    /// The value of the edge from `node` along `scalar`; 0 when none.
    private func value(from node: UInt32, _ scalar: UInt32) -> Value {
        withReader { $0.next(UInt64(node), scalar) }
    }

    private mutating func setValue(of node: UInt32, _ value: Value) {
        let at = valueSlot[Int(node)]
        if at < 0 { rootValues[-1 - at] = value } else { slots[2 * at + 1] = value }
    }

    private func storedValue(of node: UInt32) -> Value {
        let at = valueSlot[Int(node)]
        return at < 0 ? rootValues[-1 - at] : slots[2 * at + 1]
    }

    /// Adds `word` (when absent) as coming from dictionary `source`; an earlier
    /// source keeps a word it already has. Returns whether the word is new
    /// (false too when the trie is full, at ``maximumNodes``).
    @discardableResult
    mutating func insert<C: Collection>(_ word: C, source: Int) -> Bool where C.Element == UInt32 {
        guard nodeCount + word.count <= Self.maximumNodes else { return false }
        var node = Self.root
        for scalar in word {
            let found = value(from: node, scalar)
            if found != 0 {
                node = Self.child(found)
                continue
            }
            let next = UInt32(wordSource.count)
            wordSource.append(0)
            if node != Self.root { setValue(of: node, storedValue(of: node) | Self.rootValue) }
            if node == Self.root && scalar < 0x10000 {
                rootValues[Int(scalar)] = UInt64(next)
                valueSlot.append(-1 - Int(scalar))
            } else {
                if (edgeCount + 1) * 2 > slots.count / 2 { grow() }
                let key = Self.key(node, scalar)
                var i = Self.slot(of: key, mask: mask)
                while slots[2 * i] != Self.empty { i = (i + 1) & mask }
                slots[2 * i] = key
                slots[2 * i + 1] = UInt64(next)
                valueSlot.append(i)
                edgeCount += 1
            }
            node = next
        }
        guard wordSource[Int(node)] == 0, node != Self.root else { return false }
        let value = UInt16(min(source + 1, Int(UInt16.max)))
        wordSource[Int(node)] = value
        setValue(of: node, storedValue(of: node) | UInt64(value) << 21)
        return true
    }

    /// Whether `word` is in the trie.
    func contains<C: Collection>(_ word: C) -> Bool where C.Element == UInt32 {
        var node = Self.root
        for scalar in word {
            let found = value(from: node, scalar)
            guard found != 0 else { return false }
            node = Self.child(found)
        }
        return wordSource[Int(node)] != 0
    }

    /// Shrinks the table to the smallest that keeps it at most half full: the
    /// smaller it is, the more of it stays in the cache during a walk.
    mutating func compact() {
        var capacity = 16
        while capacity < edgeCount * 2 { capacity <<= 1 }
        if capacity < slots.count / 2 { rehash(capacity: capacity) }
    }

    private mutating func grow() {
        rehash(capacity: slots.count)
    }

    private mutating func rehash(capacity: Int) {
        let old = slots
        slots = Self.emptySlots(capacity)
        mask = capacity - 1
        for k in 0..<old.count / 2 where old[2 * k] != Self.empty {
            var i = Self.slot(of: old[2 * k], mask: mask)
            while slots[2 * i] != Self.empty { i = (i + 1) & mask }
            slots[2 * i] = old[2 * k]
            slots[2 * i + 1] = old[2 * k + 1]
            valueSlot[Int(Self.child(old[2 * k + 1]))] = i
        }
    }
}
