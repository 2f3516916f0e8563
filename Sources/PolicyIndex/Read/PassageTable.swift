import Foundation

/// The per-passage tables of a segment, bit-packed (the `lengths` and
/// `passageInfo` sections of ``IndexFormat``): each passage's length in words
/// (for BM25) and whether it continues the line before, its line, its
/// section number and the length of its normalized text.
///
/// Read for every hit of a search, so each value is one load and a mask; the
/// two sections are verified whole when the segment is opened.
final class PassageTable: @unchecked Sendable {
    let count: Int
    private let lengths: PackedIntegers
    private let lines: PackedIntegers
    private let sectionNumbers: PackedIntegers
    private let characterCounts: PackedIntegers
    /// Guards the tables worked out on first use.
    private let tablesLock = NSLock()
    private var cutLines: [Int32]?
    private var positionWidths: [UInt8]?

    /// `widths`: the bits of a line, a section number and a character count
    /// (the statistics' `LineBits`, `SectionBits`, `CharacterBits`).
    init(count: Int, lengths lengthSection: UnsafeRawBufferPointer, lengthBits: Int,
         passageInfo: UnsafeRawBufferPointer, widths: [Int], file: String) throws {
        self.count = count
        func corrupt(_ problem: String) -> IndexError { .corrupt(file: file, problem: problem) }
        guard lengthSection.count == BitPacking.byteCount(count, width: lengthBits),
            let packedLengths = PackedIntegers(lengthSection, width: lengthBits, count: count)
        else { throw corrupt("passage lengths cut short") }
        lengths = packedLengths
        // Three bit-packed arrays, each starting on a whole byte.
        var offset = 0
        func packed(width: Int) throws -> PackedIntegers {
            let size = BitPacking.byteCount(count, width: width)
            guard width <= 32, offset <= passageInfo.count - size,
                let array = PackedIntegers(UnsafeRawBufferPointer(rebasing: passageInfo[offset..<(offset + size)]),
                                           width: width, count: count)
            else { throw corrupt("passage table cut short") }
            offset += size
            return array
        }
        lines = try packed(width: widths[0])
        sectionNumbers = try packed(width: widths[1])
        characterCounts = try packed(width: widths[2])
        guard offset == passageInfo.count else { throw corrupt("section sizes disagree with the statistics") }
    }

    /// The number of ICU words in a passage.
    @inline(__always)
    func length(ofPassage passage: Int) -> Int {
        lengths[passage] >> 1
    }

    /// Whether a passage is a later piece of the same line (paragraph) as the one before.
    @inline(__always)
    func continuesLine(_ passage: Int) -> Bool {
        passage > 0 && passage < count && lengths[passage] & 1 != 0
    }

    /// The line a passage is on.
    func line(ofPassage passage: Int) -> Int {
        lines[passage]
    }

    /// 0 when the passage is before any heading, else 1 + its heading's node.
    func sectionNumber(ofPassage passage: Int) -> Int {
        sectionNumbers[passage]
    }

    /// The passages of the paragraph (line) that holds `passage`.
    func paragraph(of passage: Int) -> ClosedRange<Int> {
        var first = passage
        while continuesLine(first) { first -= 1 }
        var last = passage
        while continuesLine(last + 1) { last += 1 }
        return first...last
    }

    /// The passages that are pieces of a line cut in several, in increasing
    /// order (read once from the lengths, then kept).
    var cutLinePassages: [Int32] {
        tablesLock.lock()
        defer { tablesLock.unlock() }
        if let known = cutLines { return known }
        var result: [Int32] = []
        var previousContinues = false
        for passage in stride(from: count - 1, through: 0, by: -1) {
            let continues = continuesLine(passage)
            if continues || previousContinues { result.append(Int32(passage)) }
            previousContinues = continues
        }
        result.reverse()
        cutLines = result
        return result
    }

    /// The bits each passage's positions take, by passage (worked out once
    /// from the character counts: skipping over positions reads one a passage).
    var positionWidthTable: [UInt8] {
        tablesLock.lock()
        defer { tablesLock.unlock() }
        if let known = positionWidths { return known }
        let table = (0..<count).map { UInt8(BitPacking.width(below: characterCounts[$0])) }
        positionWidths = table
        return table
    }
}
