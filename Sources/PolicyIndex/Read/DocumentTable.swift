import PolicyAnalysis

/// The documents of a segment (the `documentIndex`, `documentRecords` and
/// heading sections of ``IndexFormat``): which passages each holds, and its
/// record (path, title, fields, pages) and headings.
///
/// The index and the records are verified when the segment is opened; a
/// record is still decoded with bounds checks, and the headings are read from
/// their checksummed batches (``DocumentBatches``).
struct DocumentTable {
    let count: Int
    private let passageCount: Int
    private let file: String
    private let index: UnsafeRawBufferPointer
    private let records: UnsafeRawBufferPointer
    /// The documents' heading lists, in compressed batches.
    let headings: DocumentBatches

    /// Throws unless `index` holds one entry a document and the end.
    init(count: Int, passageCount: Int, index: UnsafeRawBufferPointer, records: UnsafeRawBufferPointer,
         headings: DocumentBatches, file: String) throws {
        guard index.count == (count &+ 1) &* 8 else {
            throw IndexError.corrupt(file: file, problem: "section sizes disagree with the statistics")
        }
        self.count = count
        self.passageCount = passageCount
        self.file = file
        self.index = index
        self.records = records
        self.headings = headings
    }

    private func entry(_ document: Int) -> (firstPassage: Int, recordOffset: Int) {
        let first = index.loadUnaligned(fromByteOffset: document * 8, as: UInt32.self)
        let offset = index.loadUnaligned(fromByteOffset: document * 8 + 4, as: UInt32.self)
        return (Int(UInt32(littleEndian: first)), Int(UInt32(littleEndian: offset)))
    }

    /// The document that holds a passage, for a passage in document `start`
    /// or after it: a search from there that doubles its step (passages met
    /// in increasing order, such as a search's hits, cost the logarithm of
    /// the distance, not of the corpus).
    func document(ofPassage passage: Int, from start: Int = 0) -> Int {
        var low = max(0, min(start, count - 1))
        var step = 1
        var high = start == 0 ? count : low + 1
        while high < count, entry(high).firstPassage <= passage {
            low = high
            high = min(count, high + step)
            step *= 2
        }
        // Binary search among low..<high, where the first passage of `low` is
        // at most `passage` and that of `high` (when not the end) above it.
        while high - low > 1 {
            let middle = (low + high) / 2
            if entry(middle).firstPassage <= passage { low = middle } else { high = middle }
        }
        return low
    }

    /// The passages of a document.
    func passages(ofDocument document: Int) -> Range<Int> {
        let lower = min(entry(document).firstPassage, passageCount)
        return lower..<max(lower, min(entry(document + 1).firstPassage, passageCount))
    }

    /// A document's path, relative to the corpus (without decoding the rest of its record).
    func path(ofDocument number: Int) throws -> String {
        guard number >= 0, number < count else {
            throw IndexError.corrupt(file: file, problem: "document \(number) out of range")
        }
        var cursor = ByteCursor(records, offset: entry(number).recordOffset)
        let text = cursor.readString()
        guard !cursor.overrun else { throw IndexError.corrupt(file: file, problem: "document record \(number) cut short") }
        return text
    }

    /// A stored document; without its headings (`sections` empty) when they
    /// are not needed.
    func document(_ number: Int, withSections: Bool) throws -> DocumentEntry {
        guard number >= 0, number < count else {
            throw IndexError.corrupt(file: file, problem: "document \(number) out of range")
        }
        var cursor = ByteCursor(records, offset: entry(number).recordOffset)
        let path = cursor.readString()
        let title = cursor.readString()
        let encoding = cursor.readString()
        let size = Int64(clamping: cursor.readVarint())
        let modified = Int64(clamping: cursor.readVarint())
        let hash = cursor.read(UInt64.self)
        let lineCount = cursor.readVarint32()
        let fieldCount = min(cursor.readVarint32(), records.count - cursor.offset)
        var fields: [String: String] = [:]
        for _ in 0..<fieldCount where !cursor.overrun {
            let key = cursor.readString()
            fields[key] = cursor.readString()
        }
        let pageCount = min(cursor.readVarint32(), records.count - cursor.offset)
        var pageStarts: [Int] = []
        pageStarts.reserveCapacity(pageCount)
        for _ in 0..<pageCount where !cursor.overrun { pageStarts.append((pageStarts.last ?? 0) + cursor.readVarint32()) }
        guard !cursor.overrun else { throw IndexError.corrupt(file: file, problem: "document record \(number) cut short") }
        let sections = withSections ? try headings.tree(ofDocument: number) : SectionTree()
        return DocumentEntry(path: path, title: title, encoding: encoding, size: size, modified: modified,
                             contentHash: hash, lineCount: lineCount, sections: sections, fields: fields, pageStarts: pageStarts)
    }
}
