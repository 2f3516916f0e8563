import Foundation
import PolicyAnalysis

/// A passage as stored: where it is and what it says.
public struct StoredPassage: Sendable, Equatable {
    public var number: Int
    public var document: Int
    public var line: Int
    /// The section path ("" when the passage is before any heading).
    public var section: String
    public var text: String
}

/// A term's entry in the dictionary: how many passages hold it and where its
/// postings are.
public struct TermInfo: Sendable, Equatable {
    public var key: UInt64
    public var documentFrequency: Int
    /// Byte ranges in the postings section.
    public var docStream: Range<Int>
    public var positionStream: Range<Int>
}

/// The postings of a term decoded: its passages in increasing order, their
/// frequencies, and (for pairs) the positions of each passage, flat.
public struct DecodedPostings: Sendable {
    public var passages: [Int32] = []
    public var frequencies: [Int32] = []

    public init(passages: [Int32] = [], frequencies: [Int32] = []) {
        self.passages = passages
        self.frequencies = frequencies
    }

    /// `positions[positionStarts[i]..<positionStarts[i + 1]]` are passage i's.
    public var positionStarts: [Int32] = []
    public var positions: [Int32] = []
}

/// A term's skip table decoded: where each block of its postings ends.
public struct PostingsBlocks: Sendable {
    public let documentFrequency: Int
    /// Where the passages start in the doc stream (after the table).
    public let docsStart: Int
    /// Per block: its last passage, and its end in the doc stream (from
    /// `docsStart`) and in the position stream.
    public var lastPassage: [Int32] = []
    public var docEnd: [Int] = []
    public var positionEnd: [Int] = []

    init(documentFrequency: Int, docsStart: Int) {
        self.documentFrequency = documentFrequency
        self.docsStart = docsStart
    }

    public var count: Int { lastPassage.count }

    /// The number of passages in a block (all full but the last).
    public func count(ofBlock block: Int) -> Int {
        min(IndexFormat.postingsBlockSize, documentFrequency - block * IndexFormat.postingsBlockSize)
    }
}

/// One segment file, opened read-only through a memory map (see ``IndexFormat``).
///
/// Opening checks the frame and the small sections; the postings and stored
/// text are decoded with bounds checks when used, and ``verify()`` checks
/// every section's checksum.
public final class Segment: @unchecked Sendable {
    public let path: String
    private let file: MappedFile
    private(set) var sections: [IndexFormat.Section: (range: Range<Int>, crc: UInt32)] = [:]
    public let passageCount: Int
    public let documentCount: Int
    public let totalWords: UInt64
    public let termCount: Int
    let termBlockCount: Int
    let blockSize: Int

    private let lengths: PackedIntegers
    private let lines: PackedIntegers
    private let sectionNumbers: PackedIntegers
    private let characterCounts: PackedIntegers
    private let textFrames: FrameTable
    private let textBlocks: UnsafeRawBufferPointer
    /// The units of the stored text by rank (``TextCode``), u16 each.
    private let textAlphabet: UnsafeRawBufferPointer
    /// How many compressed blocks hold the stored text.
    var textBlockCount: Int { textFrames.count }
    /// The last text blocks decompressed (hits often share blocks).
    private let decompressed = RecentlyUsed<TextBlock>(capacity: 8)
    /// Guards the tables worked out on first use.
    private let tablesLock = NSLock()
    private var cutLines: [Int32]?
    private var positionWidths: [UInt8]?
    private let documentIndex: UnsafeRawBufferPointer
    private let documentRecords: UnsafeRawBufferPointer
    /// The documents' heading lists, in compressed batches.
    let headings: HeadingBatches
    let termIndex: UnsafeRawBufferPointer
    let termBlocks: UnsafeRawBufferPointer
    let postings: UnsafeRawBufferPointer

    public init(path: String) throws {
        self.path = path
        file = try MappedFile(path: path)
        let bytes = file.bytes
        func corrupt(_ problem: String) -> IndexError { .corrupt(file: path, problem: problem) }

        guard bytes.count >= IndexFormat.headerLength + IndexFormat.footerLength else {
            throw corrupt("only \(bytes.count) bytes long")
        }
        guard Array(bytes[0..<4]) == IndexFormat.headerMagic else { throw corrupt("not a policy-search segment: bad header") }
        var header = ByteCursor(bytes, offset: 4)
        let version = header.read(UInt32.self)
        guard version == IndexFormat.version else { throw IndexError.incompatible(file: path, found: version) }
        guard Array(bytes[(bytes.count - 4)...]) == IndexFormat.footerMagic else {
            throw corrupt("bad footer: the file was cut short or overwritten")
        }
        var footer = ByteCursor(bytes, offset: bytes.count - IndexFormat.footerLength)
        let tableOffset = Int(clamping: footer.read(UInt64.self))
        let tableLength = Int(clamping: footer.read(UInt64.self))
        let tableCRC = footer.read(UInt32.self)
        guard tableOffset >= IndexFormat.headerLength, tableLength >= 4,
            tableOffset <= bytes.count - IndexFormat.footerLength - tableLength
        else { throw corrupt("section directory out of bounds") }
        let table = UnsafeRawBufferPointer(rebasing: bytes[tableOffset..<(tableOffset + tableLength)])
        guard CRC32.checksum(table) == tableCRC else { throw corrupt("section directory checksum mismatch") }
        var cursor = ByteCursor(table)
        var found: [IndexFormat.Section: (range: Range<Int>, crc: UInt32)] = [:]
        let count = Int(cursor.read(UInt32.self))
        for _ in 0..<min(count, 64) {
            let id = cursor.read(UInt32.self)
            let offset = Int(clamping: cursor.read(UInt64.self))
            let length = Int(clamping: cursor.read(UInt64.self))
            let crc = cursor.read(UInt32.self)
            guard !cursor.overrun, offset >= IndexFormat.headerLength, length >= 0, offset <= tableOffset - length else {
                throw corrupt("section \(id) out of bounds")
            }
            if let section = IndexFormat.Section(rawValue: id) { found[section] = (offset..<(offset + length), crc) }
        }
        sections = found
        func section(_ id: IndexFormat.Section) throws -> UnsafeRawBufferPointer {
            guard let entry = found[id] else { throw corrupt("section \(id) is missing") }
            let slice = UnsafeRawBufferPointer(rebasing: bytes[entry.range])
            if id.isVerifiedOnOpen, CRC32.checksum(slice) != entry.crc {
                throw corrupt("checksum mismatch in section \(id)")
            }
            return slice
        }
        var statistics = ByteCursor(try section(.statistics))
        passageCount = Int(statistics.read(UInt32.self))
        documentCount = Int(statistics.read(UInt32.self))
        totalWords = statistics.read(UInt64.self)
        termCount = Int(clamping: statistics.read(UInt64.self))
        termBlockCount = Int(statistics.read(UInt32.self))
        blockSize = Int(statistics.read(UInt32.self))
        _ = statistics.read(UInt32.self)  // text block size: how the writer cut, not needed to read
        let widths = (0..<4).map { _ in Int(statistics.read(UInt8.self)) }
        guard !statistics.overrun, blockSize > 0 else { throw corrupt("statistics cut short") }
        let lengthBits = widths[3]
        let lengthSection = try section(.lengths)
        guard lengthSection.count == BitPacking.byteCount(passageCount, width: lengthBits),
            let packedLengths = PackedIntegers(lengthSection, width: lengthBits, count: passageCount)
        else { throw corrupt("passage lengths cut short") }
        lengths = packedLengths
        // The passage table: three bit-packed arrays, each starting on a whole byte.
        let passageTable = try section(.passageInfo)
        var passageTableOffset = 0
        let passages = passageCount
        func packed(width: Int) throws -> PackedIntegers {
            let size = BitPacking.byteCount(passages, width: width)
            guard width <= 32, passageTableOffset <= passageTable.count - size,
                let array = PackedIntegers(
                    UnsafeRawBufferPointer(rebasing: passageTable[passageTableOffset..<(passageTableOffset + size)]),
                    width: width, count: passages)
            else { throw corrupt("passage table cut short") }
            passageTableOffset += size
            return array
        }
        lines = try packed(width: widths[0])
        sectionNumbers = try packed(width: widths[1])
        characterCounts = try packed(width: widths[2])
        guard let textFrames = FrameTable(try section(.textIndex)) else { throw corrupt("section sizes disagree with the statistics") }
        self.textFrames = textFrames
        textBlocks = try section(.textBlocks)
        let alphabet = try section(.textAlphabet)
        let alphabetCount = alphabet.count >= 4 ? Int(UInt32(littleEndian: alphabet.loadUnaligned(as: UInt32.self))) : -1
        guard alphabetCount >= 0, alphabetCount <= TextCode.alphabetCapacity, alphabet.count == 4 + 2 * alphabetCount else {
            throw corrupt("text alphabet damaged")
        }
        textAlphabet = UnsafeRawBufferPointer(rebasing: alphabet[4...])
        documentIndex = try section(.documentIndex)
        documentRecords = try section(.documentRecords)
        headings = try HeadingBatches(try section(.headings), file: path)
        termIndex = try section(.termIndex)
        termBlocks = try section(.termBlocks)
        postings = try section(.postings)
        guard passageTableOffset == passageTable.count,
            documentIndex.count == (documentCount &+ 1) &* 8, termIndex.count == termBlockCount &* 24,
            termBlockCount == (termCount &+ blockSize &- 1) / blockSize
        else { throw corrupt("section sizes disagree with the statistics") }
    }

    /// Verifies the checksum of every section; throws on the first mismatch.
    public func verify() throws {
        for section in IndexFormat.Section.allCases {
            guard let entry = sections[section] else {
                throw IndexError.corrupt(file: path, problem: "section \(section) is missing")
            }
            if CRC32.checksum(UnsafeRawBufferPointer(rebasing: file.bytes[entry.range])) != entry.crc {
                throw IndexError.corrupt(file: path, problem: "checksum mismatch in section \(section)")
            }
        }
    }

    /// The size of the segment file in bytes.
    public var byteCount: Int { file.bytes.count }

    // MARK: Passages and documents

    /// The number of ICU words in a passage.
    @inline(__always)
    public func length(ofPassage passage: Int) -> Int {
        lengths[passage] >> 1
    }

    /// Whether a passage is a later piece of the same line (paragraph) as the one before.
    @inline(__always)
    public func continuesLine(_ passage: Int) -> Bool {
        passage > 0 && passage < passageCount && lengths[passage] & 1 != 0
    }

    /// The passages that are pieces of a line cut in several, in increasing
    /// order (read once from the lengths, then kept).
    public var cutLinePassages: [Int32] {
        tablesLock.lock()
        defer { tablesLock.unlock() }
        if let known = cutLines { return known }
        var result: [Int32] = []
        var previousContinues = false
        for passage in stride(from: passageCount - 1, through: 0, by: -1) {
            let continues = continuesLine(passage)
            if continues || previousContinues { result.append(Int32(passage)) }
            previousContinues = continues
        }
        result.reverse()
        cutLines = result
        return result
    }

    /// The bits each passage's positions take, by passage (worked out once
    /// from the lengths: skipping over positions reads one a passage).
    var positionWidthTable: [UInt8] {
        tablesLock.lock()
        defer { tablesLock.unlock() }
        if let known = positionWidths { return known }
        let table = (0..<passageCount).map { UInt8(BitPacking.width(below: characterCounts[$0])) }
        positionWidths = table
        return table
    }

    /// The passages of the paragraph (line) that holds `passage`.
    public func paragraph(of passage: Int) -> ClosedRange<Int> {
        var first = passage
        while continuesLine(first) { first -= 1 }
        var last = passage
        while continuesLine(last + 1) { last += 1 }
        return first...last
    }

    private func documentEntry(_ document: Int) -> (firstPassage: Int, recordOffset: Int) {
        let first = documentIndex.loadUnaligned(fromByteOffset: document * 8, as: UInt32.self)
        let offset = documentIndex.loadUnaligned(fromByteOffset: document * 8 + 4, as: UInt32.self)
        return (Int(UInt32(littleEndian: first)), Int(UInt32(littleEndian: offset)))
    }

    /// The document that holds a passage.
    public func document(ofPassage passage: Int) -> Int {
        document(ofPassage: passage, between: 0, and: documentCount)
    }

    /// The same, for a passage in document `start` or after it: a search from
    /// there that doubles its step (passages met in increasing order, such as
    /// a search's hits, cost the logarithm of the distance, not of the corpus).
    public func document(ofPassage passage: Int, from start: Int) -> Int {
        var low = max(0, min(start, documentCount - 1))
        var step = 1
        var high = low + 1
        while high < documentCount, documentEntry(high).firstPassage <= passage {
            low = high
            high = min(documentCount, high + step)
            step *= 2
        }
        return document(ofPassage: passage, between: low, and: high)
    }

    /// The document of a passage among documents `low..<high`, where the first
    /// passage of `low` is at most `passage` and that of `high` (when not the
    /// end) above it.
    private func document(ofPassage passage: Int, between low: Int, and high: Int) -> Int {
        var low = low
        var high = high
        while high - low > 1 {
            let middle = (low + high) / 2
            if documentEntry(middle).firstPassage <= passage { low = middle } else { high = middle }
        }
        return low
    }

    /// The passages of a document.
    public func passages(ofDocument document: Int) -> Range<Int> {
        let lower = min(documentEntry(document).firstPassage, passageCount)
        return lower..<max(lower, min(documentEntry(document + 1).firstPassage, passageCount))
    }

    /// A document's path, relative to the corpus (without decoding the rest of its record).
    public func path(ofDocument number: Int) throws -> String {
        guard number >= 0, number < documentCount else {
            throw IndexError.corrupt(file: path, problem: "document \(number) out of range")
        }
        var cursor = ByteCursor(documentRecords, offset: documentEntry(number).recordOffset)
        let text = cursor.readString()
        guard !cursor.overrun else { throw IndexError.corrupt(file: path, problem: "document record \(number) cut short") }
        return text
    }

    /// A stored document; without its headings (`sections` empty) when they
    /// are not needed, as for filters and tallies, which read every document.
    public func document(_ number: Int, withSections: Bool = true) throws -> DocumentEntry {
        guard number >= 0, number < documentCount else {
            throw IndexError.corrupt(file: path, problem: "document \(number) out of range")
        }
        var cursor = ByteCursor(documentRecords, offset: documentEntry(number).recordOffset)
        let path = cursor.readString()
        let title = cursor.readString()
        let encoding = cursor.readString()
        let size = Int64(clamping: cursor.readVarint())
        let modified = Int64(clamping: cursor.readVarint())
        let hash = cursor.read(UInt64.self)
        let lineCount = cursor.readVarint32()
        let fieldCount = min(cursor.readVarint32(), documentRecords.count - cursor.offset)
        var fields: [String: String] = [:]
        for _ in 0..<fieldCount where !cursor.overrun {
            let key = cursor.readString()
            fields[key] = cursor.readString()
        }
        let pageCount = min(cursor.readVarint32(), documentRecords.count - cursor.offset)
        var pageStarts: [Int] = []
        pageStarts.reserveCapacity(pageCount)
        for _ in 0..<pageCount where !cursor.overrun { pageStarts.append((pageStarts.last ?? 0) + cursor.readVarint32()) }
        guard !cursor.overrun else { throw IndexError.corrupt(file: self.path, problem: "document record \(number) cut short") }
        let sections = withSections ? try headings.tree(ofDocument: number) : SectionTree()
        return DocumentEntry(path: path, title: title, encoding: encoding, size: size, modified: modified,
                             contentHash: hash, lineCount: lineCount, sections: sections, fields: fields, pageStarts: pageStarts)
    }

    /// The line a passage is on.
    public func line(ofPassage passage: Int) -> Int {
        lines[passage]
    }

    /// 0 when the passage is before any heading, else 1 + its heading's node.
    func sectionNumber(ofPassage passage: Int) -> Int {
        sectionNumbers[passage]
    }

    /// The number of characters of a passage's normalized text (its positions
    /// are below it).
    public func characterCount(ofPassage passage: Int) -> Int {
        characterCounts[passage]
    }

    /// The original text of a passage (decompressing its block, or taking it from
    /// the few blocks kept).
    public func text(ofPassage passage: Int) throws -> String {
        try text(ofPassage: passage, in: decompressedBlock(textBlock(holding: passage)))
    }

    /// The block that holds `passage` (searching from block `low` on).
    private func textBlock(holding passage: Int, from low: Int = 0) -> Int {
        textFrames.frame(holding: passage, from: low)
    }

    /// A decompressed text block: its passages' codes (``TextCode``) and where
    /// each one's start, with the end last.
    private struct TextBlock {
        let number: Int
        let firstPassage: Int
        let codes: [UInt8]
        let starts: [Int]
    }

    /// Decodes passage `passage` of a decompressed block.
    private func text(ofPassage passage: Int, in block: TextBlock) throws -> String {
        let index = passage - block.firstPassage
        guard index >= 0, index + 1 < block.starts.count,
            let text = block.codes.withUnsafeBytes({ codes in
                TextCode.decode(UnsafeRawBufferPointer(rebasing: codes[block.starts[index]..<block.starts[index + 1]]),
                                alphabet: textAlphabet)
            })
        else { throw IndexError.corrupt(file: path, problem: "stored text of passage \(passage) damaged") }
        return text
    }

    /// The texts of many passages, read block by block in passage order (each
    /// block decompressed once), by passage number.
    public func texts(ofPassages passages: [Int]) throws -> [Int: String] {
        var result: [Int: String] = [:]
        result.reserveCapacity(passages.count)
        try forEachText(ofPassages: passages.sorted()) { result[$0] = $1 }
        return result
    }

    /// Calls `body` with the number and text of each of `passages`, which must
    /// increase, decompressing each block once and keeping no text: the way
    /// to read many scattered passages.
    public func forEachText(ofPassages passages: [Int], _ body: (Int, String) throws -> Void) throws {
        var block: TextBlock?
        for passage in passages where passage >= 0 && passage < passageCount {
            if block == nil || block!.firstPassage + block!.starts.count - 1 <= passage {
                block = try decompressedBlock(textBlock(holding: passage, from: block?.number ?? 0))
            }
            try body(passage, try text(ofPassage: passage, in: block!))
        }
    }

    /// Calls `body` with the number and text of each passage of `passages` in
    /// order, decompressing each block once: the way to read a whole document or
    /// index (``texts(ofPassages:)`` is for scattered passages).
    public func forEachText(ofPassages passages: Range<Int>, _ body: (Int, String) throws -> Void) throws {
        let passages = passages.clamped(to: 0..<passageCount)
        guard !passages.isEmpty else { return }
        var passage = passages.lowerBound
        for number in textBlock(holding: passage)..<textBlockCount {
            let block = try decompressedBlock(number)
            while passage < min(block.firstPassage + block.starts.count - 1, passages.upperBound) {
                try body(passage, try text(ofPassage: passage, in: block))
                passage += 1
            }
            if passage >= passages.upperBound { return }
        }
    }

    private func decompressedBlock(_ block: Int) throws -> TextBlock {
        try decompressed.value(for: block) { try decompressBlock(block) }
    }

    private func decompressBlock(_ block: Int) throws -> TextBlock {
        func damaged() -> IndexError { IndexError.corrupt(file: path, problem: "stored text block \(block) damaged") }
        guard let (codes, passages) = textFrames.decompress(block, of: textBlocks) else { throw damaged() }
        // The passages' code lengths, then their codes.
        let count = passages.count
        guard count <= codes.count else { throw damaged() }
        var starts = [Int](repeating: 0, count: count + 1)
        try codes.withUnsafeBytes { raw in
            var cursor = ByteCursor(raw)
            for i in 0..<count {
                // Each length within the block, so the starts increase and stay in it.
                let length = Int(clamping: cursor.readVarint())
                guard length <= raw.count - starts[i] else { throw damaged() }
                starts[i + 1] = starts[i] + length
            }
            guard !cursor.overrun else { throw damaged() }
            for i in starts.indices { starts[i] &+= cursor.offset }
        }
        guard starts[count] == codes.count else { throw damaged() }
        return TextBlock(number: block, firstPassage: passages.lowerBound, codes: codes, starts: starts)
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

    // MARK: Terms and postings

    /// Decodes a term's passages and frequencies, and all its positions when
    /// asked (a pair with ``GramKey/end`` has none: they are left empty).
    public func decode(_ term: TermInfo, withPositions: Bool) throws -> DecodedPostings {
        var result = try decodeDocs(term)
        if withPositions, term.key & UInt64(GramKey.end) != UInt64(GramKey.end) {
            (result.positionStarts, result.positions) = try decodePositions(term, of: result, at: Array(result.passages.indices))
        }
        return result
    }

    /// A term's skip table: where each block of
    /// ``IndexFormat/postingsBlockSize`` passages ends (nil for a term in one block).
    public func blocks(of term: TermInfo) throws -> PostingsBlocks? {
        guard term.documentFrequency > IndexFormat.postingsBlockSize else { return nil }
        var cursor = ByteCursor(UnsafeRawBufferPointer(rebasing: postings[term.docStream]))
        let length = Int(clamping: cursor.readVarint())
        let tableStart = cursor.offset
        let count = (term.documentFrequency + IndexFormat.postingsBlockSize - 1) / IndexFormat.postingsBlockSize
        var blocks = PostingsBlocks(documentFrequency: term.documentFrequency, docsStart: tableStart + length)
        blocks.lastPassage.reserveCapacity(count)
        var last: Int32 = 0
        var docEnd = 0
        var positionEnd = 0
        for _ in 0..<count {
            last &+= Int32(truncatingIfNeeded: cursor.readVarint())
            docEnd &+= Int(clamping: cursor.readVarint())
            positionEnd &+= Int(clamping: cursor.readVarint())
            blocks.lastPassage.append(last)
            blocks.docEnd.append(docEnd)
            blocks.positionEnd.append(positionEnd)
        }
        guard !cursor.overrun, cursor.offset == tableStart + length, blocks.docsStart + docEnd <= term.docStream.count,
            positionEnd <= term.positionStream.count, last < passageCount
        else { throw IndexError.corrupt(file: path, problem: "skip table of term \(GramKey.text(of: term.key)) damaged") }
        return blocks
    }

    /// Decodes a term's passages and frequencies (not its positions).
    public func decodeDocs(_ term: TermInfo) throws -> DecodedPostings {
        var start = 0
        if term.documentFrequency > IndexFormat.postingsBlockSize {
            var cursor = ByteCursor(UnsafeRawBufferPointer(rebasing: postings[term.docStream]))
            let length = Int(clamping: cursor.readVarint())
            start = cursor.offset + length
            guard !cursor.overrun, start <= term.docStream.count else {
                throw IndexError.corrupt(file: path, problem: "skip table of term \(GramKey.text(of: term.key)) damaged")
            }
        }
        let lower = term.docStream.lowerBound + start
        return try decodeDocStream(UnsafeRawBufferPointer(rebasing: postings[lower..<term.docStream.upperBound]),
                                   count: term.documentFrequency, after: -1, key: term.key)
    }

    /// Decodes one block of a term's passages and frequencies.
    public func decodeDocs(_ term: TermInfo, block: Int, of blocks: PostingsBlocks) throws -> DecodedPostings {
        let lower = term.docStream.lowerBound + blocks.docsStart + (block == 0 ? 0 : blocks.docEnd[block - 1])
        let upper = term.docStream.lowerBound + blocks.docsStart + blocks.docEnd[block]
        guard lower <= upper else { throw IndexError.corrupt(file: path, problem: "skip table of term \(GramKey.text(of: term.key)) damaged") }
        return try decodeDocStream(UnsafeRawBufferPointer(rebasing: postings[lower..<upper]), count: blocks.count(ofBlock: block),
                                   after: block == 0 ? -1 : blocks.lastPassage[block - 1], key: term.key)
    }

    /// Decodes the positions of some of one block's passages (`indices` into
    /// `docs`, sorted; all of them by default).
    public func decodePositions(_ term: TermInfo, block: Int, of blocks: PostingsBlocks, docs: DecodedPostings,
                                at indices: [Int]? = nil) throws -> (starts: [Int32], positions: [Int32])
    {
        let lower = term.positionStream.lowerBound + (block == 0 ? 0 : blocks.positionEnd[block - 1])
        let upper = term.positionStream.lowerBound + blocks.positionEnd[block]
        guard lower <= upper else { throw IndexError.corrupt(file: path, problem: "skip table of term \(GramKey.text(of: term.key)) damaged") }
        return try decodePositionStream(UnsafeRawBufferPointer(rebasing: postings[lower..<upper]), of: docs,
                                        at: indices ?? Array(docs.passages.indices), key: term.key)
    }

    /// The hot loop of a search: raw pointers, every read checked against the
    /// end of the stream, so damage gives an error and never a crash. Passage
    /// numbers continue from `after` (-1 for none before).
    private func decodeDocStream(_ stream: UnsafeRawBufferPointer, count: Int, after: Int32, key: UInt64) throws -> DecodedPostings {
        // A posting takes at least one byte, or (packed) two bytes a block: a
        // larger count is damage, and must not be trusted with an allocation.
        guard count >= 0, count <= passageCount, count <= stream.count * IndexFormat.postingsBlockSize / 2,
            after < Int32(passageCount)
        else {
            throw IndexError.corrupt(file: path, problem: "term \(GramKey.text(of: key)) has an impossible passage count")
        }
        var damaged = false
        var frequencies: [Int32] = []
        let limit = Int32(passageCount)
        let passages = [Int32](unsafeUninitializedCapacity: count) { passageBuffer, passagesWritten in
            frequencies = [Int32](unsafeUninitializedCapacity: count) { frequencyBuffer, frequenciesWritten in
                guard count > 0, let p = stream.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return }
                let written = DocStreamCodec.decode(from: p, to: p + stream.count, count: count, after: after, limit: limit,
                                                    passages: passageBuffer.baseAddress!, frequencies: frequencyBuffer.baseAddress!)
                damaged = written < count
                frequenciesWritten = written
            }
            passagesWritten = frequencies.count
        }
        if damaged || passages.count != count {
            throw IndexError.corrupt(file: path, problem: "postings of term \(GramKey.text(of: key)) damaged")
        }
        return DecodedPostings(passages: passages, frequencies: frequencies)
    }

    /// Decodes the positions of some of a term's passages: `indices` (sorted)
    /// point into `docs.passages`. The positions of the others are skipped over
    /// without decoding. Returns, flat, each wanted passage's positions, and
    /// where each one's start (one more than `indices`, the last is the end).
    public func decodePositions(_ term: TermInfo, of docs: DecodedPostings, at indices: [Int]) throws -> (starts: [Int32], positions: [Int32]) {
        // Through the skip table, a wanted passage's positions are found from
        // the start of its block: skipping costs each passage's length, so
        // skipping whole blocks for nothing would be the slow part.
        let blockStarts = try blocks(of: term).map { [0] + $0.positionEnd.dropLast() } ?? []
        return try decodePositionStream(UnsafeRawBufferPointer(rebasing: postings[term.positionStream]), of: docs,
                                        at: indices, blockStarts: blockStarts, key: term.key)
    }

    /// `blockStarts`: where each block of 128 passages starts in `stream`, to
    /// jump to a wanted passage's block (empty: read from the start).
    private func decodePositionStream(_ stream: UnsafeRawBufferPointer, of docs: DecodedPostings, at indices: [Int],
                                      blockStarts: [Int] = [], key: UInt64) throws -> (starts: [Int32], positions: [Int32]) {
        let frequencyCount = docs.frequencies.count
        // The arrays are sized first and written through pointers: appending
        // checks capacity and uniqueness on every position.
        var total = 0
        for wanted in indices {
            guard wanted >= 0, wanted < frequencyCount else {
                throw IndexError.corrupt(file: path, problem: "positions of term \(GramKey.text(of: key)) damaged")
            }
            total += Int(docs.frequencies[wanted])
        }
        var damaged = false
        var starts: [Int32] = []
        let positions = [Int32](unsafeUninitializedCapacity: total) { output, written in
            starts = [Int32](unsafeUninitializedCapacity: indices.count + 1) { startOutput, startsWritten in
                var count = 0
                defer {
                    startOutput[startsWritten] = Int32(count)
                    startsWritten += 1
                    written = count
                }
                guard let base = stream.baseAddress?.assumingMemoryBound(to: UInt8.self), !indices.isEmpty else { return }
                let bitCount = stream.count * 8
                // Reads may load whole words up to the end of the postings section
                // (the stream is a slice of it); the bits kept are checked against
                // the stream's own length above each read.
                let readable = postings.baseAddress.map { $0 + postings.count - UnsafeRawPointer(base) } ?? stream.count
                var bit = 0
                var doc = 0
                let block = IndexFormat.postingsBlockSize
                let widthTable = positionWidthTable
                docs.frequencies.withUnsafeBufferPointer { frequencies in
                    docs.passages.withUnsafeBufferPointer { passages in
                    widthTable.withUnsafeBufferPointer { widths in
                        // Each position takes the bits its passage's length needs.
                        @inline(__always) func width(_ doc: Int) -> Int {
                            Int(widths[Int(passages[doc])])
                        }
                        // Each block of 128 passages starts on a whole byte.
                        for wanted in indices {
                            guard wanted >= doc else { damaged = true; return }
                            let wantedBlock = wanted / block
                            if wantedBlock > doc / block, wantedBlock < blockStarts.count {
                                doc = wantedBlock * block
                                bit = blockStarts[wantedBlock] * 8
                            }
                            while doc < wanted {
                                bit &+= Int(frequencies[doc]) &* width(doc)
                                doc &+= 1
                                if doc & (block - 1) == 0 { bit = (bit &+ 7) & ~7 }
                            }
                            let w = width(doc)
                            let frequency = Int(frequencies[doc])
                            guard bit <= bitCount - frequency * w, count + frequency <= total else { damaged = true; return }
                            startOutput[startsWritten] = Int32(count)
                            startsWritten += 1
                            for _ in 0..<frequency {
                                output[count] = Int32(BitPacking.value(at: bit, width: w, in: base, count: readable))
                                count += 1
                                bit += w
                            }
                            doc += 1
                            if doc & (block - 1) == 0 { bit = (bit + 7) & ~7 }
                        }
                    }
                    }
                }
            }
        }
        if damaged {
            throw IndexError.corrupt(file: path, problem: "positions of term \(GramKey.text(of: key)) damaged")
        }
        return (starts, positions)
    }
}
