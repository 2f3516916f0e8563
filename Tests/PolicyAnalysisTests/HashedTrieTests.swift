import Testing
import TestSupport
@testable import PolicyAnalysis

@Suite("HashedTrie: the dictionary's lookup table")
struct HashedTrieTests {
    /// Characters for random words: Han (BMP), Latin, one beyond the BMP, and
    /// the number placeholders; few enough that words share prefixes.
    static let alphabet: [UInt32] = [0x4E2D, 0x56FD, 0x6570, 0x636E, 0x4EA4, 0x6613, 0x6240, 0x5927, 0x0061, 0x0035,
                                     0x2A6D6, NumberRuns.digitPlaceholder, NumberRuns.numeralPlaceholder]

    /// A dictionary of random words from `sources` sources, as the trie and as
    /// a plain table (word → 1 + its first source's number).
    static func random(words: Int, sources: Int, seed: UInt64) -> (HashedTrie, [[UInt32]: UInt16]) {
        var generator = SplitMix64(seed: seed)
        var builder = HashedTrie.Builder(expectedNodes: 16)
        var expected: [[UInt32]: UInt16] = [:]
        for _ in 0..<words {
            let length = Int.random(in: 1...7, using: &generator)
            let word = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            let source = Int.random(in: 0..<sources, using: &generator)
            let isNew = builder.insert(word, source: source)
            #expect(isNew == (expected[word] == nil))
            if isNew { expected[word] = UInt16(source + 1) }
            #expect(builder.contains(word))
        }
        return (builder.build(), expected)
    }

    @Test("every walk finds exactly the words and prefixes of a plain table, with their sources", arguments: [1, 3, 9])
    func walksMatchPlainTable(sources: Int) {
        let (trie, expected) = Self.random(words: 3000, sources: sources, seed: UInt64(sources))
        var prefixes = Set<[UInt32]>()
        for word in expected.keys {
            for k in 1...word.count { prefixes.insert(Array(word.prefix(k))) }
        }
        var generator = SplitMix64(seed: 99)
        let text = (0..<4000).map { _ in Self.alphabet.randomElement(using: &generator)! }
        trie.withReader { reader in
            for start in text.indices {
                var value = HashedTrie.rootValue
                var end = start
                var longest = start
                while end < text.count {
                    value = end == start ? reader.first(text[end]) : reader.next(value, text[end])
                    end += 1
                    let prefix = Array(text[start..<end])
                    #expect((value != 0) == prefixes.contains(prefix))
                    guard value != 0 else { break }
                    #expect(reader.source(value) == (expected[prefix] ?? 0))
                    #expect(HashedTrie.isWord(value) == (expected[prefix] != nil))
                    if HashedTrie.isWord(value) { longest = end }
                    if !HashedTrie.hasChildren(value) { break }
                }
                // The longest dictionary word at `start`, found the plain way.
                var plainLongest = start
                for k in stride(from: min(7, text.count - start), through: 1, by: -1)
                where expected[Array(text[start..<start + k])] != nil {
                    plainLongest = start + k
                    break
                }
                #expect(longest == plainLongest)
            }
        }
        for (word, source) in expected {
            #expect(trie.contains(word))
            #expect(trie.source(of: word) == source)
        }
        #expect(!trie.contains([UInt32]()))
        #expect(!trie.contains([0x4E00, 0x4E00, 0x4E00, 0x4E00, 0x4E00, 0x4E00, 0x4E00, 0x4E00]))
    }

    @Test("an empty trie has no word; one word of one character is found")
    func smallTries() {
        let empty = HashedTrie.Builder().build()
        #expect(!empty.contains([0x4E2D]))
        #expect(empty.withReader { $0.first(0x4E2D) } == 0)
        var builder = HashedTrie.Builder()
        let added = builder.insert([0x4E2D], source: 0)
        let addedAgain = builder.insert([0x4E2D], source: 1)
        #expect(added && !addedAgain)
        let one = builder.build()
        #expect(one.source(of: [0x4E2D]) == 1)
        #expect(!one.contains([0x4E2D, 0x4E2D]))
        #expect(!HashedTrie.hasChildren(one.withReader { $0.first(0x4E2D) }))
    }
}
