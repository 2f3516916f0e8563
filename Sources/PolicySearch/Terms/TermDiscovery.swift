import Foundation
import PolicyAnalysis

/// A string that term discovery proposes as a dictionary entry, with the
/// statistics it was ranked by.
public struct DiscoveredTerm: Sendable, Equatable {
    /// The term, normalized (as queries and the index see it).
    public var text: String
    /// Its occurrences in the corpus (overlapping ones included).
    public var count: Int
    /// The documents it occurs in.
    public var documents: Int
    /// The minimum PMI over its splits, in bits (see ``NGramCounts/cohesion(of:)``).
    public var cohesion: Double
    /// The entropy of the characters before and after it, in bits (see ``BoundaryEntropy``).
    public var leftEntropy: Double
    public var rightEntropy: Double
    /// What it was ranked by (see ``TermDiscovery/score(count:cohesion:leftEntropy:rightEntropy:)``).
    public var score: Double
    /// The words ICU cuts it into.
    public var icuWords: [String]
}

/// What term discovery looks for and how much it proposes.
public struct TermDiscoveryOptions: Sendable {
    /// The terms to propose at most.
    public var limit: Int
    /// Occurrences a term needs.
    public var minimumCount: Int
    /// Documents a term needs: a string of one document is its own idiom, not
    /// the corpus's.
    public var minimumDocuments: Int
    /// The shortest and longest terms, in characters.
    public var lengths: ClosedRange<Int>

    public init(limit: Int = 100, minimumCount: Int = 10, minimumDocuments: Int = 2, lengths: ClosedRange<Int> = 2...6) {
        self.limit = limit
        self.minimumCount = minimumCount
        self.minimumDocuments = minimumDocuments
        self.lengths = lengths
    }
}

/// Proposes new dictionary entries from a corpus: strings of Han characters
/// that occur often, hold together, combine freely with what surrounds them,
/// and that ICU's word segmentation cuts into several words (大数据 → 大|数据).
///
/// 1. Every string of 2 to 6 Han characters that occurs at least
///    `minimumCount` times is counted (``NGramCounts``).
/// 2. Fragments are dropped: a string whose one-character-longer extension
///    occurs nearly as often (``containmentRatio``) is a piece of that longer
///    string (联网 of 互联网, 数据交 of 数据交易), and a string that begins or
///    ends with a function character (的, 了, 和, 在 …) is a phrase, not a term,
///    unless that character is itself bound to the rest (``functionCharacterCohesion``).
///    So are the words of `excluding` (the dictionaries in force) and the
///    strings that ICU's word segmentation leaves whole.
/// 3. The rest are measured for boundary freedom (``BoundaryEntropy``) and
///    ranked by ``score(count:cohesion:leftEntropy:rightEntropy:)``.
public struct TermDiscovery: Sendable {
    public var options: TermDiscoveryOptions

    /// A string is a fragment of a one-character-longer one that occurs at
    /// least this share of its count.
    public static let containmentRatio = 0.9
    /// The PMI, in bits, that a function character at either end must have
    /// with the rest for the string to be kept: 2^7 = 128 times more often
    /// together than chance. Keeps 对外|开放 (8.0 bits on ../shared/corpus),
    /// 个|人信息 (9.2) and 不|动产 (7.4); drops 各|级 (6.7), 等|领域 (5.3),
    /// 不|符合 (5.9) and 本|市 (4.7).
    public static let functionCharacterCohesion = 7.0
    /// Characters that mostly join words rather than make them, at either end
    /// of a string.
    public static let functionCharacters: Set<UInt32> = scalars("的了和在是对等与及或并为之其于以将把被由从向也就都而着这该")
    /// Characters that, at the start of a string, mostly qualify what follows
    /// (negation, determiners, measure words after a numeral).
    public static let leadingFunctionCharacters: Set<UInt32> = functionCharacters.union(scalars("不各每本此次个项"))
    /// Characters that, at the end of a string, mostly place what precedes
    /// (locatives and time words: 过程中, 范围内, 之日起).
    public static let trailingFunctionCharacters: Set<UInt32> = functionCharacters.union(scalars("中内上下后前时起"))

    private static func scalars(_ text: String) -> Set<UInt32> { Set(text.unicodeScalars.map(\.value)) }

    public init(options: TermDiscoveryOptions = TermDiscoveryOptions()) {
        self.options = options
    }

    /// The score a candidate is ranked by:
    /// `log2(1 + count) · cohesion · min(leftEntropy, rightEntropy)`.
    ///
    /// Each factor is a necessary condition for a word, so they multiply (a
    /// string that fails one entirely scores 0, however well it does on the
    /// others): it must recur (counts are Zipf-distributed, so their logarithm,
    /// or the most frequent bigrams of function words would swamp the list);
    /// its characters must belong together (PMI, which alone favours rare
    /// strings, hence the count beside it); and both its edges must be free: a
    /// fragment is usually bound on one side only (联网 on its left), so the
    /// smaller entropy is the one that counts. Negative cohesion counts as 0.
    public static func score(count: Int, cohesion: Double, leftEntropy: Double, rightEntropy: Double) -> Double {
        log2(1 + Double(count)) * max(0, cohesion) * min(leftEntropy, rightEntropy)
    }

    /// The terms proposed for `corpus`, best first, leaving out the words of
    /// `known` and those that the segmenter with `dictionary` (the dictionaries
    /// in force) already keeps whole.
    public func terms(in corpus: TermCorpus, excluding known: Set<String> = [],
                      dictionary: UserDictionary? = nil) throws -> [DiscoveredTerm] {
        let lengths = max(2, options.lengths.lowerBound)...max(2, options.lengths.upperBound)
        // One character longer than the longest term, so that the longest
        // candidates can be found to be fragments too.
        let counts = NGramCounts(corpus: corpus, minimumCount: options.minimumCount, longestLength: lengths.upperBound + 1)
        // ICU before the pass over the corpus, not after ranking: the words it
        // knows (数据, 发展 …) are the most frequent strings, and measuring their
        // neighbours was three quarters of the time.
        let segmenter = try WordSegmenter(dictionary: dictionary)
        let candidates = shortlist(counts, lengths: lengths, excluding: known).filter {
            segmenter.countWords(in: counts.scalars(of: $0)[...]) > 1
        }
        let boundaries = BoundaryEntropy(of: candidates, in: corpus, counts: counts)

        var ranked: [(gram: NGram, index: Int, cohesion: Double, score: Double)] = []
        for (index, gram) in candidates.enumerated() where boundaries.documents[index] >= options.minimumDocuments {
            let cohesion = counts.cohesion(of: gram)
            let score = Self.score(count: counts.count(gram), cohesion: cohesion,
                                   leftEntropy: boundaries.left[index], rightEntropy: boundaries.right[index])
            ranked.append((gram, index, cohesion, score))
        }
        ranked.sort { $0.score != $1.score ? $0.score > $1.score : counts.string(of: $0.gram) < counts.string(of: $1.gram) }

        var terms: [DiscoveredTerm] = []
        for candidate in ranked.prefix(options.limit) {
            let words = Self.icuWords(of: counts.scalars(of: candidate.gram), segmenter)
            let index = candidate.index
            terms.append(DiscoveredTerm(
                text: counts.string(of: candidate.gram), count: counts.count(candidate.gram), documents: boundaries.documents[index],
                cohesion: candidate.cohesion, leftEntropy: boundaries.left[index], rightEntropy: boundaries.right[index],
                score: candidate.score, icuWords: words))
        }
        return terms
    }

    /// The counted strings of `lengths` that are not fragments, not phrases
    /// around a function character, cohesive at all (PMI > 0), and not known.
    func shortlist(_ counts: NGramCounts, lengths: ClosedRange<Int>, excluding known: Set<String>) -> [NGram] {
        // Fragments: marked from each longer string onto its prefix and suffix.
        var fragment = (0...counts.longestLength).map { [Bool](repeating: false, count: counts.gramCount(ofLength: $0)) }
        for length in (lengths.lowerBound + 1)...counts.longestLength {
            for gram in counts.grams(ofLength: length) {
                let threshold = Double(counts.count(gram)) / Self.containmentRatio
                for part in [counts.prefix(gram), counts.suffix(gram)] where Double(counts.count(part)) <= threshold {
                    fragment[part.length][part.id] = true
                }
            }
        }
        for word in known {
            if let gram = counts.gram(of: word.unicodeScalars.map(\.value)), gram.length < fragment.count {
                fragment[gram.length][gram.id] = true
            }
        }
        var result: [NGram] = []
        for length in lengths {
            for gram in counts.grams(ofLength: length) where !fragment[length][gram.id] && counts.cohesion(of: gram) > 0 {
                if Self.leadingFunctionCharacters.contains(counts.firstCharacter(of: gram))
                    && counts.pointwiseMutualInformation(of: gram, splitAt: 1) < Self.functionCharacterCohesion { continue }
                if Self.trailingFunctionCharacters.contains(counts.lastCharacter(of: gram))
                    && counts.pointwiseMutualInformation(of: gram, splitAt: length - 1) < Self.functionCharacterCohesion { continue }
                result.append(gram)
            }
        }
        return result
    }

    /// The words ICU makes of a normalized string on its own.
    static func icuWords(of scalars: [UInt32], _ segmenter: WordSegmenter) -> [String] {
        let count = scalars.count
        let text = NormalizedText(scalars: scalars, origins: (0..<Int32(count)).map { $0 },
                                  originEnds: (0..<Int32(count)).map { $0 + 1 }, sourceCount: count)
        return segmenter.tokens(of: text).map(\.text)
    }
}
