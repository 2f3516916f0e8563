/// An n-gram of Han characters that ``NGramCounts`` counted: its length and
/// its number among the counted n-grams of that length.
public struct NGram: Hashable, Sendable {
    public var length: Int
    public var id: Int

    public init(length: Int, id: Int) {
        self.length = length
        self.id = id
    }
}

/// The counts of every string of 1 to ``longestLength`` Han characters that
/// occurs at least ``minimumCount`` times in a ``TermCorpus``, within runs of
/// Han characters (no punctuation, space, Latin or digit inside, nothing
/// across passages).
///
/// Counted level by level, as in Apriori: an n-gram can occur `m` times only
/// if both its (n−1)-grams do, so level n counts only the positions where the
/// (n−1)-grams starting there and one character later both survived. Each
/// surviving n-gram gets a dense number, and an n-gram of level n + 1 is keyed
/// by the numbers of its prefix and suffix, packed in one 64-bit integer:
/// exact (no hash collisions to verify) whatever the length, and the key
/// itself leads to every prefix and suffix, which cohesion needs.
public struct NGramCounts: Sendable {
    /// Below this count an n-gram was not kept.
    public let minimumCount: Int
    /// The longest n-grams counted.
    public let longestLength: Int
    /// Han characters in the corpus, rare ones included: the number of
    /// positions probabilities are taken over.
    public let characterTotal: Int

    /// Level 1: the characters kept, by number, and each scalar's number.
    private var characters: [UInt32] = []
    /// Indexed by scalar value up to the end of the Han planes; none for the rest.
    private var characterNumbers: [UInt32] = []
    /// Per length (index 0 unused): the counted n-grams' keys (prefix << 32 | suffix
    /// for length ≥ 2, the scalar for length 1) by number, and their counts.
    private var tables: [PackedKeyTable] = []
    private var counts: [[UInt32]] = []

    static let none = UInt32.max

    /// Counts the n-grams of `corpus` of 1 to `longestLength` characters that
    /// occur at least `minimumCount` times.
    public init(corpus: TermCorpus, minimumCount: Int, longestLength: Int) {
        precondition(minimumCount >= 1 && longestLength >= 1)
        self.minimumCount = minimumCount
        self.longestLength = longestLength
        let text = corpus.scalars
        let minimum = UInt32(clamping: minimumCount)

        // Level 1: characters, counted in a table over the Han planes.
        var characterCounts = [UInt32](repeating: 0, count: 0x32400)
        var total = 0
        for scalar in text where TermCorpus.isHan(scalar) {
            characterCounts[Int(scalar)] &+= 1
            total += 1
        }
        characterTotal = total
        var numberOf = [UInt32](repeating: Self.none, count: characterCounts.count)
        var table1 = PackedKeyTable(capacity: 8192)
        var counts1: [UInt32] = []
        for (scalar, count) in characterCounts.enumerated() where count >= minimum {
            numberOf[scalar] = UInt32(table1.insert(UInt64(scalar)))
            counts1.append(count)
        }
        characters = table1.keys.map { UInt32($0) }
        characterNumbers = numberOf
        tables = [PackedKeyTable(capacity: 0), table1]
        counts = [[], counts1]

        // ids[i]: the number of the n-gram of the current level starting at i, or none.
        var ids = text.map { Int($0) < numberOf.count ? numberOf[Int($0)] : Self.none }
        ids.append(Self.none)
        guard longestLength >= 2 else { return }
        var previousCount = counts1.count
        for _ in 2...longestLength {
            var table = PackedKeyTable(capacity: max(1024, previousCount * 4))
            var levelCounts: [UInt32] = []
            ids.withUnsafeMutableBufferPointer { ids in
                // In place: position i reads ids[i] and ids[i + 1] before writing ids[i].
                for i in 0..<(ids.count - 1) {
                    let prefix = ids[i]
                    if prefix == Self.none { continue }
                    let suffix = ids[i + 1]
                    if suffix == Self.none {
                        ids[i] = Self.none
                        continue
                    }
                    let number = table.insert(UInt64(prefix) << 32 | UInt64(suffix))
                    if number == levelCounts.count { levelCounts.append(1) } else { levelCounts[number] &+= 1 }
                    ids[i] = UInt32(number)
                }
            }
            // Keep the frequent ones, renumbered densely.
            var kept = PackedKeyTable(capacity: levelCounts.count / 4)
            var keptCounts: [UInt32] = []
            var renumber = [UInt32](repeating: Self.none, count: levelCounts.count)
            for (number, count) in levelCounts.enumerated() where count >= minimum {
                renumber[number] = UInt32(kept.insert(table.keys[number]))
                keptCounts.append(count)
            }
            ids.withUnsafeMutableBufferPointer { ids in
                for i in ids.indices where ids[i] != Self.none { ids[i] = renumber[Int(ids[i])] }
            }
            tables.append(kept)
            counts.append(keptCounts)
            previousCount = keptCounts.count
        }
    }

    @inline(__always)
    private func number(ofCharacter scalar: UInt32) -> UInt32 {
        Int(scalar) < characterNumbers.count ? characterNumbers[Int(scalar)] : Self.none
    }

    /// The number of n-grams of a length that were kept.
    public func gramCount(ofLength length: Int) -> Int {
        length >= 1 && length < counts.count ? counts[length].count : 0
    }

    /// The n-grams of a length that were kept.
    public func grams(ofLength length: Int) -> [NGram] {
        (0..<gramCount(ofLength: length)).map { NGram(length: length, id: $0) }
    }

    /// How often an n-gram occurs.
    public func count(_ gram: NGram) -> Int { Int(counts[gram.length][gram.id]) }

    /// The n-gram without its last character (length ≥ 2).
    public func prefix(_ gram: NGram) -> NGram {
        NGram(length: gram.length - 1, id: Int(tables[gram.length].keys[gram.id] >> 32))
    }

    /// The n-gram without its first character (length ≥ 2).
    public func suffix(_ gram: NGram) -> NGram {
        NGram(length: gram.length - 1, id: Int(tables[gram.length].keys[gram.id] & 0xFFFF_FFFF))
    }

    /// Its first `length` characters.
    public func prefix(_ gram: NGram, length: Int) -> NGram {
        var part = gram
        while part.length > length { part = prefix(part) }
        return part
    }

    /// Its last `length` characters.
    public func suffix(_ gram: NGram, length: Int) -> NGram {
        var part = gram
        while part.length > length { part = suffix(part) }
        return part
    }

    /// The first and the last character of an n-gram.
    public func firstCharacter(of gram: NGram) -> UInt32 { characters[prefix(gram, length: 1).id] }
    public func lastCharacter(of gram: NGram) -> UInt32 { characters[suffix(gram, length: 1).id] }

    /// The characters of an n-gram.
    public func scalars(of gram: NGram) -> [UInt32] {
        var result: [UInt32] = []
        result.reserveCapacity(gram.length)
        var part = gram
        while part.length > 1 {
            result.append(lastCharacter(of: part))
            part = prefix(part)
        }
        result.append(characters[part.id])
        return result.reversed()
    }

    /// The string of an n-gram.
    public func string(of gram: NGram) -> String { String(String.UnicodeScalarView(scalars(of: gram).compactMap(Unicode.Scalar.init))) }

    /// The n-gram that these characters form, if it was kept.
    public func gram<C: Collection<UInt32>>(of text: C) -> NGram? {
        guard !text.isEmpty, text.count < tables.count else { return nil }
        // Bottom up: the numbers of every substring of the current length.
        var row = [Int]()
        for scalar in text {
            let number = number(ofCharacter: scalar)
            guard number != Self.none else { return nil }
            row.append(Int(number))
        }
        var length = 1
        while row.count > 1 {
            length += 1
            var next = [Int]()
            for j in 0..<(row.count - 1) {
                guard let number = tables[length].find(UInt64(row[j]) << 32 | UInt64(row[j + 1])) else { return nil }
                next.append(number)
            }
            row = next
        }
        return NGram(length: length, id: row[0])
    }

    /// How often a string occurs (0 when it was not kept: fewer than
    /// ``minimumCount`` times, or longer than ``longestLength``).
    public func count(of text: String) -> Int {
        gram(of: text.unicodeScalars.map(\.value)).map(count) ?? 0
    }

    /// Calls `body` with every occurrence of a kept n-gram of 2 to
    /// `longestLength` characters: its start in `corpus.scalars` and the n-gram.
    public func forEachOccurrence(in corpus: TermCorpus, upTo longestLength: Int,
                                  _ body: (_ start: Int, _ gram: NGram) -> Void) {
        let longest = min(longestLength, tables.count - 1)
        guard longest >= 2 else { return }
        let text = corpus.scalars
        // Walking backwards, the numbers of the n-grams that start one position
        // later are at hand: an n-gram at i is (its prefix at i, its suffix at i + 1).
        var later = [UInt32](repeating: Self.none, count: longest + 1)
        var here = later
        for i in stride(from: text.count - 1, through: 0, by: -1) {
            here[1] = number(ofCharacter: text[i])
            var length = 2
            while length <= longest, here[length - 1] != Self.none, later[length - 1] != Self.none {
                let key = UInt64(here[length - 1]) << 32 | UInt64(later[length - 1])
                guard let number = tables[length].find(key) else { break }
                here[length] = UInt32(number)
                body(i, NGram(length: length, id: number))
                length += 1
            }
            for rest in length..<(longest + 1) { here[rest] = Self.none }
            swap(&here, &later)
        }
    }
}
