/// The postings of a segment (the `postings` section of ``IndexFormat``):
/// per term, a doc stream (its passages and frequencies, in blocks of
/// ``IndexFormat/postingsBlockSize`` behind a skip table when there are more)
/// and a position stream (each passage's positions, in the bits its length
/// needs).
///
/// Every read is checked against the end of its stream, so damage gives an
/// error and never a crash.
struct PostingsReader {
    private let file: String
    private let postings: UnsafeRawBufferPointer
    private let passages: PassageTable
    /// What was verified already (each block is hashed once).
    private let ledger: VerificationLedger
    private var passageCount: Int { passages.count }
    private var positionWidthTable: [UInt8] { passages.positionWidthTable }

    init(_ postings: UnsafeRawBufferPointer, passages: PassageTable, ledger: VerificationLedger, file: String) {
        self.file = file
        self.ledger = ledger
        self.postings = postings
        self.passages = passages
    }

    /// Decodes a term's passages and frequencies, and all its positions when
    /// asked (a pair with ``GramKey/end`` has none: they are left empty).
    func decode(_ term: TermInfo, withPositions: Bool) throws -> DecodedPostings {
        var result = try decodeDocs(term)
        if withPositions, term.key & UInt64(GramKey.end) != UInt64(GramKey.end) {
            (result.positionStarts, result.positions) = try decodePositions(term, of: result, at: Array(result.passages.indices))
        }
        return result
    }

    /// A term's skip table: where each block of
    /// ``IndexFormat/postingsBlockSize`` passages ends (nil for a term in one
    /// block), checked against its checksum.
    func blocks(of term: TermInfo) throws -> PostingsBlocks? {
        guard term.documentFrequency > IndexFormat.postingsBlockSize else { return nil }
        let stream = UnsafeRawBufferPointer(rebasing: postings[term.docStream])
        var cursor = ByteCursor(stream)
        let crc = cursor.read(UInt32.self)
        let length = Int(clamping: cursor.readVarint())
        let tableStart = cursor.offset
        func damaged() -> IndexError {
            IndexError.corrupt(file: file, problem: "skip table of term \(GramKey.text(of: term.key)) damaged")
        }
        // A term is in at most every passage: a larger frequency is damage, not
        // a ledger of millions of blocks.
        guard term.documentFrequency >= 0, term.documentFrequency <= passages.count else { throw damaged() }
        let count = (term.documentFrequency + IndexFormat.postingsBlockSize - 1) / IndexFormat.postingsBlockSize
        let verified = ledger.longList(at: term.docStream.lowerBound, blockCount: count)
        guard !cursor.overrun, length <= stream.count - tableStart else { throw damaged() }
        if !verified.contains(VerificationLedger.LongList.table) {
            guard CRC32.checksum(UnsafeRawBufferPointer(rebasing: stream[4..<(tableStart + length)])) == crc else { throw damaged() }
            verified.insert(VerificationLedger.LongList.table)
        }
        var blocks = PostingsBlocks(documentFrequency: term.documentFrequency, docsStart: tableStart + length)
        blocks.verified = verified
        blocks.reserveCapacity(count)
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
            blocks.docCRC.append(cursor.read(UInt32.self))
            blocks.positionCRC.append(cursor.read(UInt32.self))
        }
        guard !cursor.overrun, cursor.offset == tableStart + length, blocks.docsStart + docEnd <= term.docStream.count,
            positionEnd <= term.positionStream.count, last < passageCount
        else { throw damaged() }
        return blocks
    }

    /// The bytes of block `block` of a term's doc stream, checked against
    /// their checksum.
    private func docBytes(_ term: TermInfo, block: Int, of blocks: PostingsBlocks) throws -> UnsafeRawBufferPointer {
        let lower = term.docStream.lowerBound + blocks.docsStart + (block == 0 ? 0 : blocks.docEnd[block - 1])
        let upper = term.docStream.lowerBound + blocks.docsStart + blocks.docEnd[block]
        return try checked(lower, upper, blocks.docCRC[block], term, blocks, VerificationLedger.LongList.docs(block))
    }

    /// The bytes of block `block` of a term's position stream, checked
    /// against their checksum.
    private func positionBytes(_ term: TermInfo, block: Int, of blocks: PostingsBlocks) throws -> UnsafeRawBufferPointer {
        let lower = term.positionStream.lowerBound + (block == 0 ? 0 : blocks.positionEnd[block - 1])
        let upper = term.positionStream.lowerBound + blocks.positionEnd[block]
        return try checked(lower, upper, blocks.positionCRC[block], term, blocks, VerificationLedger.LongList.positions(block))
    }

    /// The bytes `lower..<upper` of the postings, verified against `crc`
    /// unless unit `unit` of the term's ledger says they were.
    private func checked(_ lower: Int, _ upper: Int, _ crc: UInt32, _ term: TermInfo, _ blocks: PostingsBlocks,
                         _ unit: Int) throws -> UnsafeRawBufferPointer {
        guard lower <= upper else {
            throw IndexError.corrupt(file: file, problem: "skip table of term \(GramKey.text(of: term.key)) damaged")
        }
        let bytes = UnsafeRawBufferPointer(rebasing: postings[lower..<upper])
        if blocks.verified?.contains(unit) != true {
            guard CRC32.checksum(bytes) == crc else {
                throw IndexError.corrupt(file: file, problem: "checksum mismatch in the postings of term \(GramKey.text(of: term.key))")
            }
            blocks.verified?.insert(unit)
        }
        return bytes
    }

    /// Decodes a term's passages and frequencies (not its positions).
    func decodeDocs(_ term: TermInfo) throws -> DecodedPostings {
        var start = 0
        if term.documentFrequency > IndexFormat.postingsBlockSize {
            let count = (term.documentFrequency + IndexFormat.postingsBlockSize - 1) / IndexFormat.postingsBlockSize
            if ledger.longList(at: term.docStream.lowerBound, blockCount: count).contains(VerificationLedger.LongList.allDocs) {
                // Verified before: skip the table without decoding it (it may have thousands of entries).
                var cursor = ByteCursor(UnsafeRawBufferPointer(rebasing: postings[term.docStream]), offset: 4)
                let length = Int(clamping: cursor.readVarint())
                start = cursor.offset + length
                guard !cursor.overrun, start <= term.docStream.count else {
                    throw IndexError.corrupt(file: file, problem: "skip table of term \(GramKey.text(of: term.key)) damaged")
                }
            } else if let blocks = try blocks(of: term) {
                for block in 0..<blocks.count { _ = try docBytes(term, block: block, of: blocks) }
                blocks.verified?.insert(VerificationLedger.LongList.allDocs)
                start = blocks.docsStart
            }
        }
        let lower = term.docStream.lowerBound + start
        return try decodeDocStream(UnsafeRawBufferPointer(rebasing: postings[lower..<term.docStream.upperBound]),
                                   count: term.documentFrequency, after: -1, key: term.key)
    }

    /// Decodes one block of a term's passages and frequencies.
    func decodeDocs(_ term: TermInfo, block: Int, of blocks: PostingsBlocks) throws -> DecodedPostings {
        try decodeDocStream(try docBytes(term, block: block, of: blocks), count: blocks.count(ofBlock: block),
                            after: block == 0 ? -1 : blocks.lastPassage[block - 1], key: term.key)
    }

    /// Decodes the positions of some of one block's passages (`indices` into
    /// `docs`, sorted; all of them by default).
    func decodePositions(_ term: TermInfo, block: Int, of blocks: PostingsBlocks, docs: DecodedPostings,
                         at indices: [Int]? = nil) throws -> (starts: [Int32], positions: [Int32])
    {
        try decodePositionStream(try positionBytes(term, block: block, of: blocks), of: docs,
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
            throw IndexError.corrupt(file: file, problem: "term \(GramKey.text(of: key)) has an impossible passage count")
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
            throw IndexError.corrupt(file: file, problem: "postings of term \(GramKey.text(of: key)) damaged")
        }
        return DecodedPostings(passages: passages, frequencies: frequencies)
    }

    /// Decodes the positions of some of a term's passages: `indices` (sorted)
    /// point into `docs.passages`. The positions of the others are skipped over
    /// without decoding. Returns, flat, each wanted passage's positions, and
    /// where each one's start (one more than `indices`, the last is the end).
    func decodePositions(_ term: TermInfo, of docs: DecodedPostings, at indices: [Int]) throws -> (starts: [Int32], positions: [Int32]) {
        // Through the skip table, a wanted passage's positions are found from
        // the start of its block: skipping costs each passage's length, so
        // skipping whole blocks for nothing would be the slow part.
        let blocks = try blocks(of: term)
        let blockStarts = blocks.map { [0] + $0.positionEnd.dropLast() } ?? []
        // The blocks read are verified (without a skip table, the whole
        // stream was, with the term's dictionary block).
        if let blocks {
            var last = -1
            for wanted in indices where wanted / IndexFormat.postingsBlockSize != last {
                last = wanted / IndexFormat.postingsBlockSize
                guard last >= 0, last < blocks.count else { break }
                _ = try positionBytes(term, block: last, of: blocks)
            }
        }
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
                throw IndexError.corrupt(file: file, problem: "positions of term \(GramKey.text(of: key)) damaged")
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
            throw IndexError.corrupt(file: file, problem: "positions of term \(GramKey.text(of: key)) damaged")
        }
        return (starts, positions)
    }
}
