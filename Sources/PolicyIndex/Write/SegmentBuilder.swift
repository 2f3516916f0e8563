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
    private var headings = HeadingBatchWriter()
    private var totalWords: UInt64 = 0

    public init() {}

    public var passageCount: Int { lengths.count }
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
        headings.append(document.sections)
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
            throw IndexError.io(file: path, operation: "write", reason: "a segment holds at most 4 GiB of text; index the corpus in parts")
        }
        postings.finish()
        let order = postings.sortedTerms()
        let sink = try FileSink(path: path)
        var writer = SectionedFileWriter(sink: sink)
        try writer.writeHeader()

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

        // The dictionary first (it needs only the streams' sizes), then the postings.
        var termIndex = ByteWriter()
        var termBlocks = ByteWriter()
        var postingsOffset: UInt64 = 0
        var previousKey: UInt64 = 0
        let (pieces, docStreamBytes) = postings.encodedPostings(inOrder: order)
        for (rank, term) in order.enumerated() {
            let key = postings.terms[term].key
            if rank % IndexFormat.termBlockSize == 0 {
                termIndex.write(key)
                termIndex.write(UInt32(termBlocks.count))
                termIndex.write(UInt32(0))
                termIndex.write(postingsOffset)
                previousKey = key
            }
            let state = postings.terms[term]
            let docBytes = UInt64(docStreamBytes[rank])
            termBlocks.writeVarint(key - previousKey)
            termBlocks.writeVarint(state.documentFrequency)
            termBlocks.writeVarint(docBytes)
            termBlocks.writeVarint(state.positions.length)
            postingsOffset += docBytes + UInt64(state.positions.length)
            previousKey = key
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

