import PolicyAnalysis
import PolicyIndex

/// Finds the passages where a chain of NEAR and SENTENCE links holds
/// (``Query/Proximity``), among candidates that hold every operand.
///
/// A part of two or more indexed characters is placed by the positions of
/// its pairs in the index, read for the candidates only. A one-character part
/// or one with punctuation is placed in the passage's normalized text (the
/// index keeps no position for a character before punctuation), and so are
/// sentence ends, which are punctuation: only then is stored text read.
struct ProximityMatcher {
    let segment: Segment
    let normalizer: TextNormalizer
    /// The lists that matching the parts decoded, to place them without decoding again.
    var decoded: PartMatcher.DecodedLists? = nil

    /// An occurrence of an operand: the range of normalized characters it
    /// covers and its sentence (nil when it spans a sentence end).
    struct Occurrence: Equatable {
        var start: Int32
        var end: Int32
        var sentence: Int32?
    }

    /// The passages among `candidates` (sorted) where `links` tie the
    /// operands, each given as its alternatives' normalized characters.
    func passages(linking operands: [[[UInt32]]], by links: [Query.Proximity.Link],
                  among candidates: [Int32]) throws -> [Int32] {
        guard !candidates.isEmpty else { return [] }
        let matcher = PartMatcher(segment: segment, normalizer: normalizer, decoded: decoded)
        // The alternatives placed by the index, each with its occurrences in the candidates.
        var placed: [[PartMatches?]] = []
        var needsText = links.contains(.sentence)
        for operand in operands {
            placed.append(try operand.map { part in
                guard part.count > 1, part.allSatisfy(GramKey.isIndexed) else {
                    needsText = true
                    return nil
                }
                return try matcher.occurrences(of: part, in: candidates)
            })
        }
        var walk = Walk(operands: operands, placed: placed, links: links)
        if needsText {
            try segment.forEachText(ofPassages: candidates.map(Int.init)) { passage, text in
                walk.evaluate(Int32(passage), text: normalizer.normalize(text).scalars)
            }
        } else {
            for passage in candidates { walk.evaluate(passage, text: nil) }
        }
        return walk.result
    }

    /// The candidates walked in order: each operand's occurrences in the
    /// passage at hand gathered and the links checked. Flat arrays, reused
    /// from passage to passage: this is the loop a NEAR query adds to an AND.
    private struct Walk {
        let links: [Query.Proximity.Link]
        /// Every alternative of every operand, in order; operand o's are
        /// `firstAlternative[o] ..< firstAlternative[o + 1]`.
        let parts: [[UInt32]]
        let firstAlternative: [Int]
        let placed: [PartMatches?]
        /// A cursor into each placed alternative's passages.
        var cursors: [Int]
        /// The occurrences of the passage at hand, operand by operand: operand
        /// o's are `found[firstFound[o] ..< firstFound[o + 1]]`.
        var found: [Occurrence] = []
        var firstFound: [Int]
        var reached: [Occurrence] = []
        var next: [Occurrence] = []
        var result: [Int32] = []

        init(operands: [[[UInt32]]], placed: [[PartMatches?]], links: [Query.Proximity.Link]) {
            self.links = links
            parts = Array(operands.joined())
            self.placed = Array(placed.joined())
            var first = [0]
            for operand in operands { first.append(first.last! + operand.count) }
            firstAlternative = first
            cursors = [Int](repeating: 0, count: parts.count)
            firstFound = [Int](repeating: 0, count: operands.count + 1)
        }

        /// `text`: the passage's normalized characters, when some part or link needs them.
        mutating func evaluate(_ passage: Int32, text: [UInt32]?) {
            let sentenceEnds = text.map(ProximityMatcher.sentenceEnds) ?? []
            found.removeAll(keepingCapacity: true)
            for o in 0..<(firstAlternative.count - 1) {
                firstFound[o] = found.count
                for a in firstAlternative[o]..<firstAlternative[o + 1] {
                    let length = Int32(parts[a].count)
                    if let matches = placed[a] {
                        var cursor = cursors[a]
                        while cursor < matches.passages.count, matches.passages[cursor] < passage { cursor += 1 }
                        cursors[a] = cursor
                        guard cursor < matches.passages.count, matches.passages[cursor] == passage else { continue }
                        for i in Int(matches.occurrenceStarts[cursor])..<Int(matches.occurrenceStarts[cursor + 1]) {
                            let start = matches.starts[i]
                            found.append(Occurrence(start: start, end: start + length, sentence: nil))
                        }
                    } else if let text {
                        for start in ProximityMatcher.starts(of: parts[a], in: text) {
                            found.append(Occurrence(start: start, end: start + length, sentence: nil))
                        }
                    }
                }
                if found.count == firstFound[o] { return }
            }
            firstFound[firstAlternative.count - 1] = found.count
            if text != nil {
                for i in found.indices {
                    let first = ProximityMatcher.sentence(of: found[i].start, ends: sentenceEnds)
                    let last = ProximityMatcher.sentence(of: found[i].end - 1, ends: sentenceEnds)
                    found[i].sentence = first == last ? first : nil
                }
            }
            if holds() { result.append(passage) }
        }

        /// Whether one occurrence of each operand can be picked so that every
        /// link holds between neighbours: left to right, the occurrences of
        /// each operand that some linked occurrence of the one before reaches;
        /// for two operands (the common case), any linked pair.
        private mutating func holds() -> Bool {
            if links.count == 1 {
                for a in firstFound[0]..<firstFound[1] {
                    for b in firstFound[1]..<firstFound[2] where ProximityMatcher.linked(found[a], found[b], by: links[0]) { return true }
                }
                return false
            }
            reached.removeAll(keepingCapacity: true)
            reached.append(contentsOf: found[firstFound[0]..<firstFound[1]])
            for (k, link) in links.enumerated() {
                next.removeAll(keepingCapacity: true)
                for b in firstFound[k + 1]..<firstFound[k + 2] where reached.contains(where: { ProximityMatcher.linked($0, found[b], by: link) }) {
                    next.append(found[b])
                }
                if next.isEmpty { return false }
                swap(&reached, &next)
            }
            return true
        }
    }

    /// Whether two occurrences in one passage satisfy a link.
    @inline(__always)
    static func linked(_ a: Occurrence, _ b: Occurrence, by link: Query.Proximity.Link) -> Bool {
        switch link {
        case .near(let distance):
            // Characters between the end of one and the start of the other; 0 when they touch or overlap.
            return max(0, b.start - a.end, a.start - b.end) <= Int32(distance)
        case .sentence:
            return a.sentence != nil && a.sentence == b.sentence
        case .article:
            return true
        }
    }

    /// Where each occurrence of `part` starts in `text`, overlapping ones included.
    static func starts(of part: [UInt32], in text: [UInt32]) -> [Int32] {
        guard !part.isEmpty, text.count >= part.count else { return [] }
        var result: [Int32] = []
        for start in 0...(text.count - part.count)
        where text[start] == part[0] && text[start..<(start + part.count)].elementsEqual(part) {
            result.append(Int32(start))
        }
        return result
    }

    /// Whether a normalized character ends a sentence: 。 and the ASCII forms
    /// that NFKC makes of ！？； (the full-width ones too, to be safe). Not
    /// `.`, which is mostly a decimal point in these texts.
    static func isSentenceEnd(_ c: UInt32) -> Bool {
        c == 0x3002 || c == 0x21 || c == 0x3F || c == 0x3B || c == 0xFF01 || c == 0xFF1F || c == 0xFF1B
    }

    /// The offsets of the sentence ends of a normalized text, increasing.
    static func sentenceEnds(_ text: [UInt32]) -> [Int32] {
        text.indices.filter { isSentenceEnd(text[$0]) }.map(Int32.init)
    }

    /// The sentence that holds the character at `offset`: the number of sentence
    /// ends before it (a sentence owns the end that closes it).
    static func sentence(of offset: Int32, ends: [Int32]) -> Int32 {
        var lo = 0
        var hi = ends.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if ends[mid] < offset { lo = mid + 1 } else { hi = mid }
        }
        return Int32(lo)
    }
}
