import PolicyAnalysis

/// What a search reads of a segment, each from the reader of its part
/// (``PassageTable``, ``DocumentTable``, ``StoredTextReader``,
/// ``TermDictionaryReader``, ``PostingsReader``).
extension Segment {
    // MARK: Passages

    /// The number of ICU words in a passage.
    @inline(__always)
    public func length(ofPassage passage: Int) -> Int { passageTable.length(ofPassage: passage) }

    /// Whether a passage is a later piece of the same line (paragraph) as the one before.
    @inline(__always)
    public func continuesLine(_ passage: Int) -> Bool { passageTable.continuesLine(passage) }

    /// The passages that are pieces of a line cut in several, in increasing
    /// order (read once from the lengths, then kept).
    public var cutLinePassages: [Int32] { passageTable.cutLinePassages }

    /// The passages of the paragraph (line) that holds `passage`.
    public func paragraph(of passage: Int) -> ClosedRange<Int> { passageTable.paragraph(of: passage) }

    /// The line a passage is on.
    public func line(ofPassage passage: Int) -> Int { passageTable.line(ofPassage: passage) }

    /// 0 when the passage is before any heading, else 1 + its heading's node.
    func sectionNumber(ofPassage passage: Int) -> Int { passageTable.sectionNumber(ofPassage: passage) }

    /// The node of its document's ``SectionTree`` that a passage is under, or
    /// nil before any heading.
    public func sectionNode(ofPassage passage: Int) -> Int? {
        let number = sectionNumber(ofPassage: passage)
        return number > 0 ? number - 1 : nil
    }

    /// A stored passage; give its document when it is at hand, to save decoding it.
    public func passage(_ number: Int, in known: DocumentEntry? = nil, text knownText: String? = nil) throws -> StoredPassage {
        guard number >= 0, number < passageCount else {
            throw IndexError.corrupt(file: path, problem: "passage \(number) out of range")
        }
        let document = self.document(ofPassage: number)
        let sectionNumber = self.sectionNumber(ofPassage: number)
        var section = ""
        if sectionNumber > 0 {
            let sections = try known?.sections ?? self.document(document).sections
            guard sectionNumber <= sections.nodes.count else {
                throw IndexError.corrupt(file: path, problem: "passage \(number) names a missing section")
            }
            section = sections.path(of: sectionNumber - 1)
        }
        return StoredPassage(number: number, document: document, line: line(ofPassage: number), section: section,
                             text: try knownText ?? text(ofPassage: number))
    }

    // MARK: Documents

    /// The document that holds a passage.
    public func document(ofPassage passage: Int) -> Int { documents.document(ofPassage: passage) }

    /// The same, for a passage in document `start` or after it: a search from
    /// there that doubles its step (passages met in increasing order, such as
    /// a search's hits, cost the logarithm of the distance, not of the corpus).
    public func document(ofPassage passage: Int, from start: Int) -> Int {
        documents.document(ofPassage: passage, from: start)
    }

    /// The passages of a document.
    public func passages(ofDocument document: Int) -> Range<Int> { documents.passages(ofDocument: document) }

    /// A document's path, relative to the corpus (without decoding the rest of its record).
    public func path(ofDocument number: Int) throws -> String { try documents.path(ofDocument: number) }

    /// A stored document; without its headings (`sections` empty) when they
    /// are not needed, as for filters and tallies, which read every document.
    public func document(_ number: Int, withSections: Bool = true) throws -> DocumentEntry {
        try documents.document(number, withSections: withSections)
    }

    /// What a document cites, its own numbers and the date of its version,
    /// as extracted when it was indexed (``PolicyAnalysis/CitationExtractor``).
    public func citations(ofDocument number: Int) throws -> DocumentCitations {
        guard number >= 0, number < documentCount else {
            throw IndexError.corrupt(file: path, problem: "no document \(number)")
        }
        return try citationBatches.piece(ofDocument: number, CitationList.decode)
    }

    // MARK: Stored text

    /// The original text of a passage (decompressing its block, or taking it from
    /// the few blocks kept).
    public func text(ofPassage passage: Int) throws -> String { try storedText.text(ofPassage: passage) }

    /// The text fingerprints of `passages` (increasing): equal for identical
    /// texts, in any segment; different texts collide once in about 2⁶⁴.
    /// From the table in memory once ``loadFingerprints()`` has made it.
    public func forEachFingerprint(ofPassages passages: [Int], _ body: (Int, UInt64) throws -> Void) throws {
        if let table = fingerprints.withLock({ $0 }) {
            for passage in passages where passage >= 0 && passage < table.count { try body(passage, table[passage]) }
            return
        }
        try storedText.forEachFingerprint(ofPassages: passages, body)
    }

    /// The fingerprints of every passage, by number, once ``loadFingerprints()`` made them.
    public var fingerprintTable: [UInt64]? { fingerprints.withLock { $0 } }

    /// Makes the table of every passage's fingerprint, kept while the segment
    /// is open (8 bytes a passage): a server collapses identical passages on
    /// every page, and reading the stored text for it would cost each request
    /// milliseconds. A one-shot search reads only the passages it needs.
    public func loadFingerprints() throws {
        guard fingerprints.withLock({ $0 }) == nil else { return }
        var table = [UInt64](repeating: 0, count: passageCount)
        try storedText.forEachFingerprint(ofPassages: Array(0..<passageCount)) { table[$0] = $1 }
        fingerprints.withLock { $0 = table }
    }

    /// The texts of many passages, read block by block in passage order (each
    /// block decompressed once), by passage number.
    public func texts(ofPassages passages: [Int]) throws -> [Int: String] {
        var result: [Int: String] = [:]
        result.reserveCapacity(passages.count)
        try storedText.forEachText(ofPassages: passages.sorted()) { result[$0] = $1 }
        return result
    }

    /// Calls `body` with the number and text of each of `passages`, which must
    /// increase, decompressing each block once and keeping no text: the way
    /// to read many scattered passages.
    public func forEachText(ofPassages passages: [Int], _ body: (Int, String) throws -> Void) throws {
        try storedText.forEachText(ofPassages: passages, body)
    }

    /// Calls `body` with the number and text of each passage of `passages` in
    /// order, decompressing each block once: the way to read a whole document or
    /// index (``texts(ofPassages:)`` is for scattered passages).
    public func forEachText(ofPassages passages: Range<Int>, _ body: (Int, String) throws -> Void) throws {
        try storedText.forEachText(ofPassages: passages, body)
    }

    // MARK: Terms and postings

    /// Looks a term up in the dictionary.
    public func term(_ key: UInt64) throws -> TermInfo? { try dictionary.term(key) }

    /// Every term whose key is in `keys`, in key order.
    public func terms(in keys: ClosedRange<UInt64>) throws -> [TermInfo] { try dictionary.terms(in: keys) }

    /// Calls `body` with every term's key and document frequency, in key order.
    public func forEachTerm(_ body: (UInt64, Int) throws -> Void) throws { try dictionary.forEachTerm(body) }

    /// Decodes a term's passages and frequencies, and all its positions when
    /// asked (a pair with ``GramKey/end`` has none: they are left empty).
    public func decode(_ term: TermInfo, withPositions: Bool) throws -> DecodedPostings {
        try postings.decode(term, withPositions: withPositions)
    }

    /// A term's skip table: where each block of
    /// ``IndexFormat/postingsBlockSize`` passages ends (nil for a term in one block).
    public func blocks(of term: TermInfo) throws -> PostingsBlocks? { try postings.blocks(of: term) }

    /// Decodes a term's passages and frequencies (not its positions).
    public func decodeDocs(_ term: TermInfo) throws -> DecodedPostings { try postings.decodeDocs(term) }

    /// Decodes one block of a term's passages and frequencies.
    public func decodeDocs(_ term: TermInfo, block: Int, of blocks: PostingsBlocks) throws -> DecodedPostings {
        try postings.decodeDocs(term, block: block, of: blocks)
    }

    /// Decodes the positions of some of one block's passages (`indices` into
    /// `docs`, sorted; all of them by default).
    public func decodePositions(_ term: TermInfo, block: Int, of blocks: PostingsBlocks, docs: DecodedPostings,
                                at indices: [Int]? = nil) throws -> (starts: [Int32], positions: [Int32]) {
        try postings.decodePositions(term, block: block, of: blocks, docs: docs, at: indices)
    }

    /// Decodes the positions of some of a term's passages: `indices` (sorted)
    /// point into `docs.passages`; the others are skipped over. Returns, flat,
    /// each wanted passage's positions, and where each one's start (one more
    /// than `indices`, the last is the end).
    public func decodePositions(_ term: TermInfo, of docs: DecodedPostings, at indices: [Int]) throws
        -> (starts: [Int32], positions: [Int32])
    {
        try postings.decodePositions(term, of: docs, at: indices)
    }
}
