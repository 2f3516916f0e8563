/// A trie whose edges live in one open-addressing hash table keyed by
/// (parent node, scalar): a walk costs one probe per character, and a walk
/// stops as soon as no dictionary word continues.
///
/// Every text position starts a walk, and most steps miss the cache, so the
/// layout is about touching little memory:
/// - a slot is 8 bytes, the edge's key and what a walk needs of the child
///   (whether a word ends there, and from which dictionary, and its children's
///   *signature*); the child's node number is the slot's own index, so it takes
///   no room;
/// - the signature has a bit for each class of scalar (by a hash) that some
///   child is reached by, so that most steps to where no word goes on are
///   answered from the value in hand, without a probe;
/// - a probe starts at the beginning of a cache line (of 8 slots, the table
///   aligned to lines) and rarely leaves it;
/// - the root's edges for the Basic Multilingual Plane are a direct table of 4
///   bytes each.
/// Built once by ``Builder``, then read by any number of threads.
struct HashedTrie: Sendable {
    /// A node as an edge leads to it: its number in bits 0...43, then the
    /// bits of ``flagBits``; 0: no such edge.
    typealias Value = UInt64

    // Node numbers: the root, then the root's children along each scalar below
    // 0x10000 (1 + scalar), then one per slot (firstSlotNode + slot).
    static let rootNode: UInt64 = 0
    private static let firstSlotNode: UInt64 = 0x10001
    // A key: parent << 21 | scalar (scalars and placeholders take 21 bits; so
    // does a node number, below 0x10001 + 2^22).
    private static let keyBits: UInt64 = (1 << 44) - 1
    // Flags, the same bits in slots and values: bits 44...59 the signature,
    // bits 60...62 the source code (0: no word ends there; 1...6: the source
    // is that value, 1 + the dictionary's number; 7: see `wideSources`).
    private static let signatureShift: UInt64 = 44
    private static let sourceShift: UInt64 = 60
    private static let directSources: UInt16 = 6
    private static let wideSourceCode: UInt64 = 7
    private static let flagBits: UInt64 = ((1 << 19) - 1) << signatureShift
    /// Set in every used slot (so that no key, 0 included, reads as free).
    private static let occupied: UInt64 = 1 << 63
    /// Slots per probe line: 64 bytes.
    private static let lineSlots = 8

    /// The root's own value, to walk from: every signature bit set.
    static let rootValue: Value = 0xFFFF << signatureShift

    private let storage: Storage
    private let mask: Int

    /// The table, its line-aligned memory, the root's direct table, and the
    /// sources of nodes whose source code is 7, by node number (empty when
    /// there is none). Immutable.
    private final class Storage: @unchecked Sendable {
        let slots: UnsafeMutablePointer<UInt64>
        let rootFlags: [UInt32]
        let wideSources: [UInt16]

        /// Takes over `slots` (from ``allocateSlots(_:)``).
        init(slots: UnsafeMutablePointer<UInt64>, rootFlags: [UInt32], wideSources: [UInt16]) {
            self.slots = slots
            self.rootFlags = rootFlags
            self.wideSources = wideSources
        }

        /// Free slots, aligned to lines.
        static func allocateSlots(_ capacity: Int) -> UnsafeMutablePointer<UInt64> {
            let slots = UnsafeMutableRawPointer.allocate(byteCount: capacity * 8, alignment: lineSlots * 8)
                .bindMemory(to: UInt64.self, capacity: capacity)
            slots.initialize(repeating: 0, count: capacity)
            return slots
        }

        deinit { slots.deallocate() }
    }

    @inline(__always)
    static func child(_ value: Value) -> UInt64 { value & keyBits }

    /// Whether a word ends where `value` leads.
    @inline(__always)
    static func isWord(_ value: Value) -> Bool { value >> sourceShift & 7 != 0 }

    /// Whether the node `value` leads to has children.
    @inline(__always)
    static func hasChildren(_ value: Value) -> Bool { value & (0xFFFF << signatureShift) != 0 }

    /// The signature bit of the children reached by `scalar`.
    @inline(__always)
    private static func signatureBit(_ scalar: UInt32) -> UInt64 {
        1 << (signatureShift + UInt64((scalar &* 0x9E37_79B1) >> 28))
    }

    /// Whether the node `value` leads to may have a child along `scalar`
    /// (false: surely not).
    @inline(__always)
    static func mayHaveChild(_ value: Value, _ scalar: UInt32) -> Bool { value & signatureBit(scalar) != 0 }

    @inline(__always)
    private static func key(_ node: UInt64, _ scalar: UInt32) -> UInt64 { node << 21 | UInt64(scalar) }

    /// The first slot of the line where the probe for `key` starts.
    @inline(__always)
    private static func home(of key: UInt64, mask: Int) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask & ~(lineSlots - 1)
    }

    /// Reads the trie without bounds checks or reference counting, for walks.
    struct Reader {
        let slots: UnsafePointer<UInt64>
        let mask: Int
        let rootFlags: UnsafePointer<UInt32>
        let wideSources: UnsafePointer<UInt16>?

        /// The value of the edge along `scalar` from the node `value` leads to; 0 when none.
        @inline(__always)
        func next(_ value: Value, _ scalar: UInt32) -> Value {
            guard HashedTrie.mayHaveChild(value, scalar) else { return 0 }
            let node = HashedTrie.child(value)
            if node == HashedTrie.rootNode && scalar < 0x10000 { return first(scalar) }
            let key = HashedTrie.key(node, scalar)
            return find(key, from: HashedTrie.home(of: key, mask: mask))
        }

        @inline(__always)
        private func find(_ key: UInt64, from slot: Int) -> Value {
            var i = slot
            let wanted = key | HashedTrie.occupied
            while true {
                let found = slots[i]
                if found & (HashedTrie.keyBits | HashedTrie.occupied) == wanted {
                    return found & HashedTrie.flagBits | (HashedTrie.firstSlotNode + UInt64(i))
                }
                if found == 0 { return 0 }
                i = (i &+ 1) & mask
            }
        }

        /// Where the probe for the edge along `scalar` from where `value` leads
        /// starts; nil when the signature rules the edge out.
        @inline(__always)
        func slot(from value: Value, _ scalar: UInt32) -> UInt64? {
            guard HashedTrie.mayHaveChild(value, scalar) else { return nil }
            return UInt64(HashedTrie.home(of: HashedTrie.key(HashedTrie.child(value), scalar), mask: mask))
        }

        /// Reads the slot (to bring it into the cache ahead of a probe).
        @inline(__always)
        func touch(_ slot: Int) -> UInt64 { slots[slot] }

        /// ``next(_:_:)`` from the slot given by ``slot(from:_:)``.
        @inline(__always)
        func probe(slot: Int, from value: Value, _ scalar: UInt32) -> Value {
            let node = HashedTrie.child(value)
            if node == HashedTrie.rootNode && scalar < 0x10000 { return first(scalar) }
            return find(HashedTrie.key(node, scalar), from: slot)
        }

        /// The value of the root's edge along `scalar`; 0 when none.
        @inline(__always)
        func first(_ scalar: UInt32) -> Value {
            guard scalar < 0x10000 else { return next(HashedTrie.rootValue, scalar) }
            let flags = rootFlags[Int(scalar)]
            return flags == 0 ? 0 : UInt64(flags) << HashedTrie.signatureShift | (1 + UInt64(scalar))
        }

        /// 0 when no word ends where `value` leads, else 1 + its dictionary's number.
        @inline(__always)
        func source(_ value: Value) -> UInt16 {
            let code = value >> HashedTrie.sourceShift & 7
            guard code == HashedTrie.wideSourceCode, let wideSources else { return UInt16(truncatingIfNeeded: code) }
            return wideSources[Int(HashedTrie.child(value))]
        }
    }

    func withReader<R>(_ body: (Reader) -> R) -> R {
        withExtendedLifetime(storage) {
            storage.rootFlags.withUnsafeBufferPointer { rootFlags in
                storage.wideSources.withUnsafeBufferPointer { wideSources in
                    body(Reader(slots: storage.slots, mask: mask, rootFlags: rootFlags.baseAddress!,
                                wideSources: wideSources.isEmpty ? nil : wideSources.baseAddress))
                }
            }
        }
    }

    /// Whether `word` is in the trie.
    func contains<C: Collection>(_ word: C) -> Bool where C.Element == UInt32 { source(of: word) != 0 }

    /// The source (1 + the dictionary's number) of `word`, 0 when it is not in the trie.
    func source<C: Collection>(of word: C) -> UInt16 where C.Element == UInt32 {
        withReader { trie in
            var value = Self.rootValue
            for scalar in word {
                value = trie.next(value, scalar)
                if value == 0 { return 0 }
            }
            return trie.source(value)
        }
    }

    /// Lays out the trie whose nodes are numbered 1..<parents.count (the root
    /// 0), each node after its parent, reached from `parents[node]` along
    /// `scalars[node]`, with `sources[node]` (0: no word ends there).
    init(parents: [UInt32], scalars: [UInt32], sources: [UInt16]) {
        let nodes = parents.count
        var edges = 0
        for node in 1..<max(1, nodes) where !(parents[node] == 0 && scalars[node] < 0x10000) { edges += 1 }
        // At most 70% full: a probe rarely leaves its line.
        var capacity = 64
        while capacity * 7 < edges * 10 { capacity <<= 1 }
        mask = capacity - 1
        var rootFlags = [UInt32](repeating: 0, count: 0x10000)
        var number = [UInt64](repeating: Self.rootNode, count: nodes)
        var flags = [UInt64](repeating: 0, count: nodes)
        let needsWide = sources.contains { $0 > Self.directSources }
        var wideSources = [UInt16](repeating: 0, count: needsWide ? Int(Self.firstSlotNode) + capacity : 0)
        for node in 1..<max(1, nodes) {
            let parent = Int(parents[node])
            let scalar = scalars[node]
            flags[parent] |= Self.signatureBit(scalar)
            let source = sources[node]
            if source > Self.directSources {
                flags[node] |= Self.wideSourceCode << Self.sourceShift
            } else {
                flags[node] |= UInt64(source) << Self.sourceShift
            }
        }
        let slots = Storage.allocateSlots(capacity)
        for node in 1..<max(1, nodes) {
            let parent = number[Int(parents[node])]
            let scalar = scalars[node]
            if parent == Self.rootNode && scalar < 0x10000 {
                number[node] = 1 + UInt64(scalar)
                rootFlags[Int(scalar)] = UInt32(truncatingIfNeeded: flags[node] >> Self.signatureShift)
            } else {
                let key = Self.key(parent, scalar)
                var i = Self.home(of: key, mask: mask)
                while slots[i] != 0 { i = (i + 1) & mask }
                slots[i] = Self.occupied | flags[node] | key
                number[node] = Self.firstSlotNode + UInt64(i)
            }
            if needsWide { wideSources[Int(number[node])] = sources[node] }
        }
        storage = Storage(slots: slots, rootFlags: rootFlags, wideSources: wideSources)
    }
}
