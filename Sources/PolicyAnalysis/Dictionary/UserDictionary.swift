/// Words that override ICU's word segmentation where they apply (see
/// ``DictionarySegmenter``), from one or more sources: the built-in
/// ``PolicyDictionary`` and dictionary files.
///
/// A file has one word a line, optionally followed by white space and a
/// frequency (a whole number), and optionally a tag after that, as jieba's
/// files have; frequencies and tags are accepted but not used. Lines starting
/// with `#` are comments; blank lines are skipped. Words are normalized as
/// passages are (``TextNormalizer``), so `雲計算` and `云计算` are one entry.
/// A word holding a clause or sentence mark (`，` `。` `；` …) is ignored: no
/// word spans a clause boundary.
///
/// Numbers generalize: when at least ``shapeThreshold`` words share a shape
/// (their digit runs or Chinese numeral runs replaced by placeholders, as
/// `1998年` and `2001年` share `N年`), the shape is a word too, so `1949年` is
/// one word though no file lists it (see ``NumberRuns``).
///
/// Immutable once built: one dictionary serves every thread.
public final class UserDictionary: Sendable {
    /// A source of words and how many entries it gave.
    public struct Source: Sendable, Equatable {
        /// The file as named, or `policy` for the built-in dictionary.
        public var name: String
        public var words: Int
        /// Entries skipped because they hold a clause or sentence mark.
        public var ignored: Int
    }

    /// The sources, in the order given; a word listed by several belongs to the first.
    public let sources: [Source]
    /// Identifies the words in force (a hash of every source's normalized
    /// entries, in order, and of the matching rules): recorded in an index, so
    /// that an index built with other words is noticed.
    public let identity: String
    /// Distinct words and number shapes.
    public let wordCount: Int
    let trie: HashedTrie
    /// Whether some number shape is a word (else the matcher skips looking for numbers).
    let hasShapes: Bool
    /// Distinct words of one character.
    let singleCharacterWords: Int

    /// How many words must share a number shape for the shape to count as a word.
    public static let shapeThreshold = 3
    /// The name of the built-in source.
    public static let policySourceName = "policy"
    /// Changes whenever the way words are matched changes, so that indexes are rebuilt.
    static let rulesVersion = "dictionary-dag/v1"

    /// A dictionary of the given sources' words (each source's words, as
    /// written: they are normalized here).
    public init(sources named: [(name: String, words: [String])], normalizer: TextNormalizer) {
        var trie = HashedTrie.Builder(expectedNodes: named.reduce(0) { $0 + $1.words.count } * 3)
        var hash = FNV64()
        hash.add(Self.rulesVersion)
        var sources: [Source] = []
        var shapes: [[UInt32]: (count: Int, source: Int)] = [:]
        var distinct = 0
        var singles = 0
        for (index, source) in named.enumerated() {
            var words = 0
            var ignored = 0
            hash.add(0xFF)
            Self.normalizeWords(source.words, with: normalizer) { word in
                if word.contains(where: { CharacterClasses.isSentenceEnd($0) || CharacterClasses.isClausePause($0) }) {
                    ignored += 1
                    return
                }
                words += 1
                for scalar in word { hash.add(scalar) }
                hash.add(0x0A)
                guard trie.insert(word, source: index) else { return }
                distinct += 1
                if word.count == 1 { singles += 1 }
                if word.contains(where: { NumberRuns.isDigit($0) || NumberRuns.isNumeral($0) }),
                    let shape = NumberRuns.shape(of: Array(word))
                {
                    shapes[shape, default: (0, index)].count += 1
                }
            }
            sources.append(Source(name: source.name, words: words, ignored: ignored))
        }
        var hasShapes = false
        for (shape, use) in shapes where use.count >= Self.shapeThreshold && !trie.contains(shape) {
            trie.insert(shape, source: use.source)
            hasShapes = true
            distinct += 1
        }
        self.trie = trie.build()
        self.sources = sources
        self.hasShapes = hasShapes
        self.wordCount = distinct
        self.singleCharacterWords = singles
        self.identity = hash.hex
    }

    /// The dictionary of the built-in policy words (unless `includingPolicyWords`
    /// is false) and of `files`, in that order; nil when there is no word at all,
    /// so that segmentation is ICU's alone.
    public static func load(files: [String], includingPolicyWords: Bool = true,
                            normalizer: TextNormalizer) throws -> UserDictionary? {
        var named: [(name: String, words: [String])] = []
        if includingPolicyWords { named.append((policySourceName, PolicyDictionary.words)) }
        for file in files {
            let bytes: [UInt8]
            do {
                bytes = try FileReader.bytes(atPath: file)
            } catch let error as FileReadError {
                throw DictionaryError(file: file, problem: error.reason)
            }
            named.append((file, try parse(bytes, file: file)))
        }
        guard named.contains(where: { !$0.words.isEmpty }) else { return nil }
        return UserDictionary(sources: named, normalizer: normalizer)
    }

    /// Normalizes a list of words in one pass (they are joined by line feeds,
    /// which normalization turns into spaces) and hands each non-empty one to
    /// `body`: one call to the normalizer instead of one per word.
    private static func normalizeWords(_ words: [String], with normalizer: TextNormalizer,
                                       _ body: (ArraySlice<UInt32>) -> Void) {
        var joined: [UInt32] = []
        joined.reserveCapacity(words.count * 4)
        var starts: [Int] = []
        starts.reserveCapacity(words.count + 1)
        for word in words {
            starts.append(joined.count)
            for scalar in word.unicodeScalars { joined.append(scalar.value) }
            joined.append(0x0A)
        }
        starts.append(joined.count)
        let normalized = normalizer.normalize(joined[...])
        let scalars = normalized.scalars
        var k = 0
        var word = 0
        while k < scalars.count {
            // The word this normalized character came from.
            let origin = Int(normalized.origins[k])
            while starts[word + 1] <= origin { word += 1 }
            var end = k
            while end < scalars.count, Int(normalized.origins[end]) < starts[word + 1] { end += 1 }
            // A space from the line feed after the word separates; one inside it is kept.
            var last = end
            while last > k, scalars[last - 1] == 0x20, joined[Int(normalized.origins[last - 1])] == 0x0A { last -= 1 }
            var first = k
            while first < last, scalars[first] == 0x20, joined[Int(normalized.origins[first])] == 0x0A { first += 1 }
            if first < last { body(scalars[first..<last]) }
            k = end
        }
    }

    /// The words of a dictionary file's bytes (UTF-8, with or without BOM).
    public static func parse(_ bytes: [UInt8], file: String) throws -> [String] {
        var words: [String] = []
        var start = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var number = 0
        while start < bytes.count {
            number += 1
            var end = start
            while end < bytes.count, bytes[end] != 0x0A { end += 1 }
            defer { start = end + 1 }
            var lineEnd = end
            if lineEnd > start, bytes[lineEnd - 1] == 0x0D { lineEnd -= 1 }
            guard let line = String(validating: bytes[start..<lineEnd], as: UTF8.self) else {
                throw DictionaryError(file: file, line: number, problem: "not valid UTF-8")
            }
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\u{3000}" })
            guard let word = fields.first, !word.hasPrefix("#") else { continue }
            if fields.count > 3 {
                throw DictionaryError(file: file, line: number,
                                      problem: "expected a word, then optionally a frequency and a tag, found \(fields.count) fields: \(line)")
            }
            if fields.count > 1, UInt64(fields[1]) == nil {
                throw DictionaryError(file: file, line: number,
                                      problem: "the frequency after \(word) must be a whole number, not \(fields[1])")
            }
            words.append(String(word))
        }
        return words
    }

    /// The name of the source a trie node's word came from.
    func sourceName(ofNodeSource value: UInt16) -> String? {
        value == 0 ? nil : sources[min(Int(value) - 1, sources.count - 1)].name
    }

    /// Whether the normalized `word` is in the dictionary (as written, not through a number shape).
    public func contains(_ word: [UInt32]) -> Bool { trie.contains(word) }

    /// A summary for people: each source and its word count.
    public var summary: String {
        sources.map { "\($0.name) (\($0.words) words)" }.joined(separator: " + ")
    }
}
