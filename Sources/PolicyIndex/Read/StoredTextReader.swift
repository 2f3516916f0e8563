/// The stored text of a segment's passages (the `textIndex`, `textAlphabet`
/// and `textBlocks` sections of ``IndexFormat``): blocks of passages, each
/// coded in the segment's alphabet (``TextCode``) and compressed as one
/// Zstandard frame that carries the checksum of its content.
///
/// Keeps the last few blocks decompressed (a search's hits often share one);
/// safe to use from several threads.
final class StoredTextReader: @unchecked Sendable {
    private let file: String
    private let passageCount: Int
    private let frames: FrameTable
    private let blocks: UnsafeRawBufferPointer
    /// The units of the stored text by rank (``TextCode``), u16 each.
    private let alphabet: UnsafeRawBufferPointer
    /// The last text blocks decompressed: up to 128 (at most 128 MiB of codes;
    /// all of ../shared/corpus takes fewer), so that a server answering many
    /// queries at once keeps a segment's text inflated (a block takes a
    /// millisecond or more to inflate, and a page's ten hits often fall in
    /// ten blocks). With 32, fewer than the corpus's blocks, queries in turn
    /// evicted each other's blocks: `/api/search` under load 730 → 1,070
    /// requests/s, p99 69 → 13 ms, on this machine (Benchmarks/serve-load.sh).
    /// A single search fills only the few it reads.
    private let decompressed = RecentlyUsed<TextBlock>(capacity: 128)

    /// How many compressed blocks hold the stored text.
    var blockCount: Int { frames.count }

    /// Throws when the index or the alphabet is malformed.
    init(passageCount: Int, index: UnsafeRawBufferPointer, alphabet: UnsafeRawBufferPointer,
         blocks: UnsafeRawBufferPointer, file: String) throws {
        self.file = file
        self.passageCount = passageCount
        guard let frames = FrameTable(index) else {
            throw IndexError.corrupt(file: file, problem: "section sizes disagree with the statistics")
        }
        self.frames = frames
        self.blocks = blocks
        let count = alphabet.count >= 4 ? Int(UInt32(littleEndian: alphabet.loadUnaligned(as: UInt32.self))) : -1
        guard count >= 0, count <= TextCode.alphabetCapacity, alphabet.count == 4 + 2 * count else {
            throw IndexError.corrupt(file: file, problem: "text alphabet damaged")
        }
        self.alphabet = UnsafeRawBufferPointer(rebasing: alphabet[4...])
    }

    /// A decompressed text block: its passages' codes (``TextCode``) and where
    /// each one's start, with the end last.
    private struct TextBlock {
        let number: Int
        let firstPassage: Int
        let codes: [UInt8]
        let starts: [Int]

        /// The passage after its last.
        var endPassage: Int { firstPassage + starts.count - 1 }
    }

    /// The original text of a passage (decompressing its block, or taking it
    /// from the few blocks kept).
    func text(ofPassage passage: Int) throws -> String {
        try text(ofPassage: passage, in: decompressedBlock(frames.frame(holding: passage)))
    }

    /// Calls `body` with the number and text of each of `passages`, which must
    /// increase, decompressing each block once and keeping no text.
    func forEachText(ofPassages passages: [Int], _ body: (Int, String) throws -> Void) throws {
        try forEachBlock(ofPassages: passages) { passage, block in try body(passage, try text(ofPassage: passage, in: block)) }
    }

    /// Calls `body` with the number and text of each passage of `passages` in
    /// order, decompressing each block once.
    func forEachText(ofPassages passages: Range<Int>, _ body: (Int, String) throws -> Void) throws {
        let passages = passages.clamped(to: 0..<passageCount)
        guard !passages.isEmpty else { return }
        var passage = passages.lowerBound
        for number in frames.frame(holding: passage)..<blockCount {
            let block = try decompressedBlock(number)
            while passage < min(block.endPassage, passages.upperBound) {
                try body(passage, try text(ofPassage: passage, in: block))
                passage += 1
            }
            if passage >= passages.upperBound { return }
        }
    }

    /// Calls `body` with the number and text fingerprint
    /// (``TextCode/fingerprint(_:alphabet:)``) of each of `passages`, which
    /// must increase, decompressing each block once and making no strings.
    func forEachFingerprint(ofPassages passages: [Int], _ body: (Int, UInt64) throws -> Void) throws {
        try forEachBlock(ofPassages: passages) { passage, block in
            try body(passage, try decoded(passage, in: block) { TextCode.fingerprint($0, alphabet: alphabet) })
        }
    }

    /// Calls `body` with each of `passages` (increasing) and the decompressed
    /// block that holds it, each block decompressed once.
    private func forEachBlock(ofPassages passages: [Int], _ body: (Int, TextBlock) throws -> Void) throws {
        var block: TextBlock?
        for passage in passages where passage >= 0 && passage < passageCount {
            if block == nil || block!.endPassage <= passage {
                block = try decompressedBlock(frames.frame(holding: passage, from: block?.number ?? 0))
            }
            try body(passage, block!)
        }
    }

    /// Decodes passage `passage` of a decompressed block.
    private func text(ofPassage passage: Int, in block: TextBlock) throws -> String {
        try decoded(passage, in: block) { TextCode.decode($0, alphabet: alphabet) }
    }

    /// What `decode` makes of the codes of passage `passage` of a block; its
    /// nil, or a passage outside the block, is damage.
    private func decoded<T>(_ passage: Int, in block: TextBlock, _ decode: (UnsafeRawBufferPointer) -> T?) throws -> T {
        let index = passage - block.firstPassage
        guard index >= 0, index + 1 < block.starts.count,
            let value = block.codes.withUnsafeBytes({ codes in
                decode(UnsafeRawBufferPointer(rebasing: codes[block.starts[index]..<block.starts[index + 1]]))
            })
        else { throw IndexError.corrupt(file: file, problem: "stored text of passage \(passage) damaged") }
        return value
    }

    private func decompressedBlock(_ block: Int) throws -> TextBlock {
        try decompressed.value(for: block) { try decompressBlock(block) }
    }

    private func decompressBlock(_ block: Int) throws -> TextBlock {
        func damaged() -> IndexError { IndexError.corrupt(file: file, problem: "stored text block \(block) damaged") }
        guard let (codes, passages) = frames.decompress(block, of: blocks) else { throw damaged() }
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
}
