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
        let matcher = PartMatcher(segment: segment, normalizer: normalizer)
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
        // A cursor into each placed alternative's passages (all walk the candidates in order).
        var cursors = placed.map { [Int](repeating: 0, count: $0.count) }
        var result: [Int32] = []
        func evaluate(_ passage: Int32, _ text: [UInt32]?) {
            let sentenceEnds = text.map(Self.sentenceEnds) ?? []
            var occurrences: [[Occurrence]] = []
            for (o, operand) in operands.enumerated() {
                var found: [Occurrence] = []
                for (a, part) in operand.enumerated() {
                    let length = Int32(part.count)
                    if let matches = placed[o][a] {
                        var cursor = cursors[o][a]
                        while cursor < matches.passages.count, matches.passages[cursor] < passage { cursor += 1 }
                        cursors[o][a] = cursor
                        guard cursor < matches.passages.count, matches.passages[cursor] == passage else { continue }
                        for i in Int(matches.occurrenceStarts[cursor])..<Int(matches.occurrenceStarts[cursor + 1]) {
                            let start = matches.starts[i]
                            found.append(Occurrence(start: start, end: start + length, sentence: nil))
                        }
                    } else if let text {
                        for start in Self.starts(of: part, in: text) {
                            found.append(Occurrence(start: start, end: start + length, sentence: nil))
                        }
                    }
                }
                if found.isEmpty { return }
                if text != nil {
                    for i in found.indices {
                        let first = Self.sentence(of: found[i].start, ends: sentenceEnds)
                        let last = Self.sentence(of: found[i].end - 1, ends: sentenceEnds)
                        found[i].sentence = first == last ? first : nil
                    }
                }
                occurrences.append(found)
            }
            if Self.holds(occurrences, links) { result.append(passage) }
        }
        if needsText {
            try segment.forEachText(ofPassages: candidates.map(Int.init)) { passage, text in
                evaluate(Int32(passage), normalizer.normalize(text).scalars)
            }
        } else {
            for passage in candidates { evaluate(passage, nil) }
        }
        return result
    }

    /// Whether one occurrence of each operand can be picked so that every
    /// link holds between neighbours: left to right, the occurrences of each
    /// operand that some linked occurrence of the one before reaches.
    static func holds(_ occurrences: [[Occurrence]], _ links: [Query.Proximity.Link]) -> Bool {
        var reached = occurrences[0]
        for (link, next) in zip(links, occurrences.dropFirst()) {
            reached = next.filter { candidate in reached.contains { linked($0, candidate, by: link) } }
            if reached.isEmpty { return false }
        }
        return true
    }

    /// Whether two occurrences in one passage satisfy a link.
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
