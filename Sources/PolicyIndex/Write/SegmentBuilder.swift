import PolicyAnalysis

/// Builds one segment in memory, document by document, then writes it as one
/// file in the format of ``IndexFormat``.
public struct SegmentBuilder: ~Copyable {
    private var postings = PostingsAccumulator()
    /// Per passage: its word count shifted left, the low bit set when it continues the line before.
    private var lengths: [UInt32] = []
    /// Per passage: its line, section number and normalized length (the passage table).
    private var lines: [UInt32] = []
    private var sectionNumbers: [UInt32] = []
    private var characterCounts: [UInt32] = []
    private let text = TextBlockWriter()
    private var documentIndex: [(firstPassage: UInt32, recordOffset: UInt32)] = []
    private var documentRecords = ByteWriter()
    private var headings = DocumentBatchWriter()
    private var citations = DocumentBatchWriter()
    private var totalWords: UInt64 = 0

    /// The segment's identity, written in its header and recorded in the
    /// manifest, which a reader checks it against (32 hex digits of 16 random bytes).
    public let id: String = {
        var generator = SystemRandomNumberGenerator()
        return (0..<2).map { _ in
            let value = generator.next() as UInt64
            let hex = String(value, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }()

    /// An empty segment.
    public init() {}

    /// How many passages were added.
    public var passageCount: Int { lengths.count }
    /// How many documents were added.
    public var documentCount: Int { documentIndex.count }

    /// Adds a document and its passages, which get the next passage numbers.
    public mutating func add(_ document: DocumentEntry, passages: [AnalyzedPassage]) {
        documentIndex.append((UInt32(lengths.count), UInt32(documentRecords.count)))
        documentRecords.writeString(document.path)
        documentRecords.writeString(document.title)
        documentRecords.writeString(document.encoding)
        documentRecords.writeVarint(UInt64(max(0, document.size)))
        documentRecords.writeVarint(UInt64(max(0, document.modified)))
        documentRecords.write(document.contentHash)
        documentRecords.writeVarint(document.lineCount)
        documentRecords.writeVarint(document.fields.count)
        for (key, value) in document.fields.sorted(by: { $0.key < $1.key }) {
            documentRecords.writeString(key)
            documentRecords.writeString(value)
        }
        documentRecords.writeVarint(document.pageStarts.count)
        var previousStart = 0
        for start in document.pageStarts {
            documentRecords.writeVarint(max(0, start - previousStart))
            previousStart = max(previousStart, start)
        }
        var list = ByteWriter()
        if !document.sections.nodes.isEmpty { HeadingList.write(document.sections, to: &list) }
        headings.append(list.bytes)
        citations.append(CitationList.encode(document.citations))
        for passage in passages {
            let number = Int32(lengths.count)
            let words = min(passage.wordCount, Int(IndexFormat.maximumPassageWords))
            lengths.append(UInt32(words) << 1 | (passage.continuesLine ? 1 : 0))
            totalWords += UInt64(words)
            lines.append(UInt32(truncatingIfNeeded: passage.line))
            sectionNumbers.append(UInt32(truncatingIfNeeded: passage.sectionNumber))
            characterCounts.append(UInt32(truncatingIfNeeded: passage.normalized.count))
            text.append(utf16: passage.utf16)
            postings.add(passage: number, scalars: passage.normalized)
        }
    }

    /// Writes the segment to `path`, which must not exist, and syncs it.
    public mutating func write(to path: String) throws {
        if documentRecords.count > Int(UInt32.max) {
            throw IndexError.io(file: path, operation: "write", reason: "a segment holds at most 4 GiB of document records")
        }
        postings.finish()
        let order = postings.sortedTerms()
        let sink = try FileSink(path: path)
        var writer = SectionedFileWriter(sink: sink)
        try writer.writeHeader(id: id)

        var statistics = ByteWriter()
        statistics.write(UInt32(lengths.count))
        statistics.write(UInt32(documentIndex.count))
        statistics.write(totalWords)
        statistics.write(UInt64(order.count))
        statistics.write(UInt32((order.count + IndexFormat.termBlockSize - 1) / IndexFormat.termBlockSize))
        statistics.write(UInt32(IndexFormat.termBlockSize))
        statistics.write(UInt32(IndexFormat.textBlockSize))
        let widths = [lines, sectionNumbers, characterCounts].map { BitPacking.width(of: $0.max() ?? 0) }
        for width in widths { statistics.write(UInt8(width)) }
        let lengthBits = BitPacking.width(of: lengths.max() ?? 0)
        statistics.write(UInt8(lengthBits))
        try writer.section(.statistics, statistics.bytes)

        try writer.section(.lengths, BitPacking.pack(lengths, width: lengthBits))
        try writer.section(.passageInfo, zip([lines, sectionNumbers, characterCounts], widths).flatMap {
            BitPacking.pack($0, width: $1)
        })
        let (textAlphabet, textIndex, textBlocks) = text.finish()
        try writer.section(.textAlphabet, textAlphabet)
        try writer.section(.textIndex, textIndex)
        try writer.beginSection(.textBlocks)
        for block in textBlocks { try writer.append(block) }
        try writer.endSection()

        var documents = ByteWriter(capacity: (documentIndex.count + 1) * 8)
        for entry in documentIndex {
            documents.write(entry.firstPassage)
            documents.write(entry.recordOffset)
        }
        documents.write(UInt32(lengths.count))
        documents.write(UInt32(documentRecords.count))
        try writer.section(.documentIndex, documents.bytes)
        try writer.section(.documentRecords, documentRecords.bytes)
        try writer.beginSection(.headings)
        for piece in headings.finish() { try writer.append(piece) }
        try writer.endSection()
        try writer.beginSection(.citations)
        for piece in citations.finish() { try writer.append(piece) }
        try writer.endSection()

        // The dictionary first (it needs only the streams' sizes and the
        // checksums of the blocks' postings), then the postings.
        let (pieces, docStreamBytes) = postings.encodedPostings(inOrder: order)
        var termIndex = ByteWriter(capacity: (order.count / IndexFormat.termBlockSize + 1) * TermDictionaryReader.entrySize)
        var termBlocks = ByteWriter()
        var blockStarts: [(key: UInt64, offset: Int, postings: UInt64)] = []
        var smallPostings: [CRC32] = []
        var postingsBytes = PieceCursor(pieces)
        var postingsOffset: UInt64 = 0
        var previousKey: UInt64 = 0
        for (rank, term) in order.enumerated() {
            let state = postings.terms[term]
            if rank % IndexFormat.termBlockSize == 0 {
                blockStarts.append((state.key, termBlocks.count, postingsOffset))
                smallPostings.append(CRC32())
                previousKey = state.key
            }
            let docBytes = docStreamBytes[rank]
            let length = docBytes + Int(state.positions.length)
            termBlocks.writeVarint(state.key - previousKey)
            termBlocks.writeVarint(state.documentFrequency)
            termBlocks.writeVarint(docBytes)
            termBlocks.writeVarint(state.positions.length)
            // A term without a skip table is checked with its block's terms.
            if Int(state.documentFrequency) <= IndexFormat.postingsBlockSize {
                postingsBytes.feed(length, to: &smallPostings[smallPostings.count - 1])
            } else {
                postingsBytes.skip(length)
            }
            postingsOffset += UInt64(length)
            previousKey = state.key
        }
        termBlocks.bytes.withUnsafeBytes { blocks in
            for (block, start) in blockStarts.enumerated() {
                let end = block + 1 < blockStarts.count ? blockStarts[block + 1].offset : blocks.count
                termIndex.write(start.key)
                termIndex.write(UInt32(start.offset))
                termIndex.write(CRC32.checksum(UnsafeRawBufferPointer(rebasing: blocks[start.offset..<end])))
                termIndex.write(start.postings)
                termIndex.write(smallPostings[block].value)
                termIndex.write(UInt32(0))
            }
        }
        try writer.section(.termIndex, termIndex.bytes)
        try writer.section(.termBlocks, termBlocks.bytes)
        try IndexFault.reach(.duringSegmentWrite)
        try writer.beginSection(.postings)
        for piece in pieces { try writer.append(piece) }
        try writer.endSection()
        try writer.finish()
    }
}


/// Walks the postings as encoded, in pieces, to checksum the streams of
/// some terms and skip the others.
private struct PieceCursor {
    private let pieces: [[UInt8]]
    private var piece = 0
    private var offset = 0

    init(_ pieces: [[UInt8]]) { self.pieces = pieces }

    /// Adds the next `count` bytes to `crc`.
    mutating func feed(_ count: Int, to crc: inout CRC32) {
        var remaining = count
        while remaining > 0 {
            let take = min(remaining, pieces[piece].count - offset)
            pieces[piece].withUnsafeBytes { crc.update(UnsafeRawBufferPointer(rebasing: $0[offset..<(offset + take)])) }
            advance(take)
            remaining -= take
        }
    }

    /// Passes over the next `count` bytes.
    mutating func skip(_ count: Int) {
        var remaining = count
        while remaining > 0 {
            let take = min(remaining, pieces[piece].count - offset)
            advance(take)
            remaining -= take
        }
    }

    private mutating func advance(_ count: Int) {
        offset += count
        while piece < pieces.count, offset == pieces[piece].count {
            piece += 1
            offset = 0
        }
    }
}
