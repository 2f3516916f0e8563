import PolicyAnalysis
import PolicyIndex

/// Turns ranked passages into hits, reading stored passages and documents
/// (each document decoded once).
///
/// For a long list, hits are read a window at a time: the passages of the
/// next ``readAheadWindow`` hits are read in passage order, their documents
/// decoded once each, and only what the hits need is kept (the passages with
/// their section paths, the documents without their heading trees); so memory
/// depends on the window, not on the number of hits or documents.
public final class HitLoader {
    private let searcher: Searcher
    /// Documents decoded for short lists, by segment and number.
    private var documents: [Int: [Int: DocumentEntry]] = [:]
    /// The current window's passages and documents (headings left out), by segment.
    private var passagesAhead: [Int: [Int: StoredPassage]] = [:]
    private var documentsAhead: [Int: [Int: DocumentEntry]] = [:]

    public init(searcher: Searcher) {
        self.searcher = searcher
    }

    public func hit(_ ranked: RankedPassage, rank: Int, highlighting parts: [[UInt32]]) throws -> Hit {
        let segment = searcher.reader.segments[ranked.segment]
        let number = segment.document(ofPassage: ranked.passage)
        var passage: StoredPassage
        let document: DocumentEntry
        if let stored = passagesAhead[ranked.segment]?[ranked.passage],
            let known = documentsAhead[ranked.segment]?[number]
        {
            passage = stored
            document = known
        } else {
            if let known = documents[ranked.segment]?[number] {
                document = known
            } else {
                document = try segment.document(number)
                documents[ranked.segment, default: [:]][number] = document
            }
            passage = try segment.passage(ranked.passage, in: document)
        }
        let endLine = segment.line(ofPassage: ranked.lastPassage)
        if ranked.lastPassage > ranked.passage {
            // The pieces of one line joined; of an article, the passages that hold a part.
            let isArticle = endLine != passage.line
            var text = ""
            var previous: Int?
            for next in ranked.passage...ranked.lastPassage {
                let piece = next == ranked.passage ? passage.text
                    : try passagesAhead[ranked.segment]?[next]?.text ?? segment.text(ofPassage: next)
                if isArticle, Highlighter.ranges(of: parts, in: searcher.normalizeText(piece)).isEmpty { continue }
                if let previous {
                    let sameLine = previous == next - 1 && segment.continuesLine(next)
                    text = sameLine ? Self.join(text, piece) : text + Self.articleGap + piece
                } else {
                    text = piece
                }
                previous = next
            }
            if !text.isEmpty { passage.text = text }
        }
        let highlights = Highlighter.ranges(of: parts, in: searcher.normalizeText(passage.text))
        var hit = Hit(rank: rank, score: ranked.score, passage: passage, lastPassage: ranked.lastPassage, endLine: endLine,
                      document: document, highlights: highlights)
        hit.identical = try ranked.identical.map(location)
        if ranked.lastPassage == ranked.passage { hit.opensSection = try opening(of: passage, in: segment, document: document) }
        return hit
    }

    /// The section that a passage opens, when it is the heading of one: the
    /// first passage under its node, its text the heading's label; the
    /// section runs while the passages are under that node or below it.
    private func opening(of passage: StoredPassage, in segment: Segment, document: DocumentEntry) throws -> SectionOpening? {
        let number = passage.number
        guard let node = segment.sectionNode(ofPassage: number), node < document.sections.nodes.count else { return nil }
        let range = segment.passages(ofDocument: passage.document)
        if number > range.lowerBound, segment.sectionNode(ofPassage: number - 1) == node { return nil }
        // The heading's own line: its label (cut labels end in …) begins the text, # marks aside.
        var label = Substring(document.sections.nodes[node].label)
        if label.hasSuffix("…") { label = label.dropLast() }
        let text = passage.text.drop { $0 == "#" || $0 == " " }
        guard !label.isEmpty, text.hasPrefix(label) else { return nil }
        func isUnder(_ other: Int?) -> Bool {
            var current = other.map(Int32.init) ?? -1
            while current >= 0, Int(current) < document.sections.nodes.count {
                if Int(current) == node { return true }
                current = document.sections.nodes[Int(current)].parent
            }
            return false
        }
        var end = number + 1
        while end < range.upperBound, isUnder(segment.sectionNode(ofPassage: end)) { end += 1 }
        guard end > number + 1 else { return nil }
        return SectionOpening(passages: end - number - 1, endLine: segment.line(ofPassage: end - 1),
                              first: try segment.text(ofPassage: number + 1))
    }

    /// Where a ranked passage is (its document's sections are not needed).
    private func location(_ ranked: RankedPassage) throws -> PassageLocation {
        let segment = searcher.reader.segments[ranked.segment]
        let number = segment.document(ofPassage: ranked.passage)
        let document = try documents[ranked.segment]?[number] ?? segment.document(number, withSections: false)
        return PassageLocation(path: document.path, title: document.title, line: segment.line(ofPassage: ranked.passage))
    }

    private func readAhead(_ window: ArraySlice<RankedPassage>) throws {
        passagesAhead = [:]
        documentsAhead = [:]
        for (s, hits) in Dictionary(grouping: window, by: \.segment) {
            let segment = searcher.reader.segments[s]
            let wanted = Set(hits.flatMap { Array($0.passage...$0.lastPassage) }).sorted()
            let texts = try segment.texts(ofPassages: wanted)
            var stored: [Int: StoredPassage] = [:]
            var decoded: [Int: DocumentEntry] = [:]
            stored.reserveCapacity(wanted.count)
            // In passage order a document's passages come together: decode it
            // once, take its passages' section paths, keep it without headings.
            var current: (number: Int, entry: DocumentEntry)?
            for passage in wanted {
                let number = segment.document(ofPassage: passage)
                if current?.number != number {
                    if let done = current { decoded[done.number] = Self.withoutHeadings(done.entry) }
                    current = (number, try segment.document(number))
                }
                stored[passage] = try segment.passage(passage, in: current!.entry, text: texts[passage])
            }
            if let done = current { decoded[done.number] = Self.withoutHeadings(done.entry) }
            passagesAhead[s] = stored
            documentsAhead[s] = decoded
        }
    }

    private static func withoutHeadings(_ document: DocumentEntry) -> DocumentEntry {
        var light = document
        light.sections = SectionTree()
        return light
    }

    /// Joins two pieces of one line: directly, as Chinese text is written, or
    /// with a space where the cut fell between two Latin letters or digits.
    static func join(_ left: String, _ right: String) -> String {
        func isAlphanumeric(_ scalar: Unicode.Scalar?) -> Bool {
            guard let scalar, scalar.isASCII else { return false }
            return scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)
        }
        let spaced = isAlphanumeric(left.unicodeScalars.last) && isAlphanumeric(right.unicodeScalars.first)
        return left + (spaced ? " " : "") + right
    }

    /// What stands between two passages of an article's text that are not
    /// pieces of one line.
    static let articleGap = " … "

    /// Hits whose passages are read ahead at once, for long lists.
    static let readAheadWindow = 32768

    /// The hits of a result, loaded one by one as the sequence is walked. For
    /// a long list, the passages of the next ``readAheadWindow`` hits are read
    /// ahead in passage order, so that each compressed block is inflated and
    /// each document decoded about once per window rather than once per hit,
    /// and memory stays bounded.
    public func hits(of result: SearchResult) -> some Sequence<Result<Hit, Error>> {
        result.ranked.enumerated().lazy.map { index, ranked -> Result<Hit, Error> in
            Result {
                if result.ranked.count > 64, index % Self.readAheadWindow == 0 {
                    try self.readAhead(result.ranked[index..<min(result.ranked.count, index + Self.readAheadWindow)])
                }
                return try self.hit(ranked, rank: result.offset + index + 1, highlighting: result.highlightParts)
            }
        }
    }
}
