extension HashedTrie {
    /// A trie being filled, word by word; ``build()`` lays it out for walks.
    ///
    /// Its edges are in a growing open-addressing table, one word a slot: the
    /// key (parent << 21 | scalar) and the child's number above it. Nodes are
    /// numbered in the order they are made, so each comes after its parent.
    struct Builder {
        /// Node numbers take 21 bits in a slot.
        static let maximumNodes = 1 << 21 - 1

        private var slots: [UInt64]
        private var mask: Int
        /// The root's child along each scalar below 0x10000 (0: none).
        private var rootChildren = [UInt32](repeating: 0, count: 0x10000)
        /// Per node (the root first): its parent, the scalar it is reached by,
        /// and 0 when no word ends there, else 1 + the number of the dictionary
        /// it came from.
        private var parents: [UInt32] = [0]
        private var scalars: [UInt32] = [0]
        private var sources: [UInt16] = [0]
        private var edgeCount = 0

        private static let empty = UInt64.max
        private static let keyBits: UInt64 = (1 << 42) - 1

        init(expectedNodes: Int = 1024) {
            var capacity = 16
            while capacity < expectedNodes * 2 { capacity <<= 1 }
            slots = [UInt64](repeating: Self.empty, count: capacity)
            mask = capacity - 1
        }

        /// The number of nodes, the root included.
        var nodeCount: Int { parents.count }

        @inline(__always)
        private static func slot(of key: UInt64, mask: Int) -> Int {
            Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        }

        /// The child of `node` along `scalar`; 0 when none.
        private func child(of node: UInt32, _ scalar: UInt32) -> UInt32 {
            if node == 0 && scalar < 0x10000 { return rootChildren[Int(scalar)] }
            let key = UInt64(node) << 21 | UInt64(scalar)
            var i = Self.slot(of: key, mask: mask)
            while slots[i] != Self.empty {
                if slots[i] & Self.keyBits == key { return UInt32(truncatingIfNeeded: slots[i] >> 42) }
                i = (i + 1) & mask
            }
            return 0
        }

        /// Adds `word` (when absent) as coming from dictionary `source`; an
        /// earlier source keeps a word it already has. Returns whether the word
        /// is new (false too when the trie is full, at ``maximumNodes``).
        @discardableResult
        mutating func insert<C: Collection>(_ word: C, source: Int) -> Bool where C.Element == UInt32 {
            guard nodeCount + word.count <= Self.maximumNodes else { return false }
            var node: UInt32 = 0
            for scalar in word {
                let found = child(of: node, scalar)
                if found != 0 {
                    node = found
                    continue
                }
                let next = UInt32(nodeCount)
                parents.append(node)
                scalars.append(scalar)
                sources.append(0)
                if node == 0 && scalar < 0x10000 {
                    rootChildren[Int(scalar)] = next
                } else {
                    if (edgeCount + 1) * 2 > slots.count { grow() }
                    place(UInt64(node) << 21 | UInt64(scalar) | UInt64(next) << 42)
                    edgeCount += 1
                }
                node = next
            }
            guard node != 0, sources[Int(node)] == 0 else { return false }
            sources[Int(node)] = UInt16(min(source + 1, Int(UInt16.max)))
            return true
        }

        /// Whether `word` is in the trie.
        func contains<C: Collection>(_ word: C) -> Bool where C.Element == UInt32 {
            var node: UInt32 = 0
            for scalar in word {
                node = child(of: node, scalar)
                if node == 0 { return false }
            }
            return sources[Int(node)] != 0
        }

        /// The trie laid out for walks.
        func build() -> HashedTrie {
            HashedTrie(parents: parents, scalars: scalars, sources: sources)
        }

        private mutating func place(_ entry: UInt64) {
            var i = Self.slot(of: entry & Self.keyBits, mask: mask)
            while slots[i] != Self.empty { i = (i + 1) & mask }
            slots[i] = entry
        }

        private mutating func grow() {
            let old = slots
            slots = [UInt64](repeating: Self.empty, count: old.count * 2)
            mask = slots.count - 1
            for entry in old where entry != Self.empty { place(entry) }
        }
    }
}
