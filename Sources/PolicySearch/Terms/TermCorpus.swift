import PolicyAnalysis
import PolicyIndex

/// The text that term discovery reads: the normalized passages of a set of
/// documents laid end to end in one array of scalars, each passage followed by
/// ``separator``.
///
/// Normalized as the index normalizes (NFKC with case folding, Traditional to
/// Simplified), so that the terms proposed are the strings a query matches.
/// One flat array, rather than a string per passage, because the counting
/// passes walk 20-odd million characters several times.
public struct TermCorpus: Sendable {
    /// What follows each passage: no character, so no n-gram spans two passages.
    public static let separator: UInt32 = 0

    /// The normalized passages, each followed by ``separator``.
    public private(set) var scalars: [UInt32] = []
    /// Where each document's first passage starts in ``scalars``, in order.
    public private(set) var documentStarts: [Int] = []

    /// The number of documents.
    public var documentCount: Int { documentStarts.count }

    /// A corpus of documents given as their passages (original text).
    public init(documents: [[String]]) throws {
        let normalizer = try TextNormalizer()
        for passages in documents {
            documentStarts.append(scalars.count)
            for passage in passages { append(passage, normalizer) }
        }
    }

    /// The live documents of an index that pass `filters` (all of them when
    /// there are none), in the index's order.
    public init(reader: IndexReader, filters: [Query.Filter] = []) throws {
        let normalizer = try TextNormalizer()
        let admitted = try reader.documents(passing: filters)
        // The stored text is about a third as many scalars as bytes of UTF-8.
        scalars.reserveCapacity(reader.segments.reduce(0) { $0 + $1.byteCount } / 3)
        for (segment, document) in reader.liveDocuments() where admitted?[segment].contains(document) ?? true {
            documentStarts.append(scalars.count)
            try reader.segments[segment].forEachText(ofPassages: reader.segments[segment].passages(ofDocument: document)) { _, text in
                append(text, normalizer)
            }
        }
    }

    private mutating func append(_ passage: String, _ normalizer: TextNormalizer) {
        scalars.append(contentsOf: normalizer.normalize(passage).scalars)
        scalars.append(Self.separator)
    }

    /// Whether a scalar is a Han character (CJK unified ideographs and their
    /// extensions, compatibility ideographs, and 〇): what a term is made of.
    @inline(__always)
    public static func isHan(_ scalar: UInt32) -> Bool { CharacterClasses.isHan(scalar) }
}
