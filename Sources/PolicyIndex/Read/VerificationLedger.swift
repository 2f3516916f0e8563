import Foundation
import Synchronization

/// What of a segment's term blocks and postings has been verified against
/// its checksum, so that each checked unit is hashed once in the life of
/// the open segment, the first time it is decoded.
///
/// A segment file never changes once written, and is mapped read-only: what
/// was verified stays what it was, as a file system trusts the blocks in its
/// cache once it checked them on the way in (the stored text and headings
/// work alike: a decompressed block is kept, verified, in a
/// ``RecentlyUsed``). Hashing on every read would cost a search far more
/// than decoding does: a phrase reads the positions of a few passages of a
/// block, its checksum covers all of them (on ../shared/corpus, 74 → 108 µs
/// for the median query).
final class VerificationLedger: @unchecked Sendable {
    /// By term block: its entries were verified.
    let termBlocks: AtomicBitSet
    /// By term block: the postings of its terms without a skip table were verified.
    let shortLists: AtomicBitSet
    private let lock = NSLock()
    /// By the start of its doc stream, a term's with a skip table: see ``LongList``.
    private var longLists: [Int: AtomicBitSet] = [:]

    init(termBlockCount: Int) {
        termBlocks = AtomicBitSet(count: termBlockCount)
        shortLists = AtomicBitSet(count: termBlockCount)
    }

    /// The units of a term with a skip table of `blockCount` blocks, whose
    /// doc stream starts at `offset` in the postings (see ``LongList``).
    func longList(at offset: Int, blockCount: Int) -> AtomicBitSet {
        lock.lock()
        defer { lock.unlock() }
        if let known = longLists[offset], known.count >= LongList.units(blockCount) { return known }
        let fresh = AtomicBitSet(count: LongList.units(blockCount))
        longLists[offset] = fresh
        return fresh
    }

    /// The numbering of a long list's units in its ``AtomicBitSet``.
    enum LongList {
        static let table = 0
        /// Every block of the doc stream (a whole-stream read checks one bit).
        static let allDocs = 1
        static func docs(_ block: Int) -> Int { 2 + 2 * block }
        static func positions(_ block: Int) -> Int { 3 + 2 * block }
        static func units(_ blockCount: Int) -> Int { 2 + 2 * blockCount }
    }
}

/// A set of the numbers below `count`, which several threads may read and
/// add to without a lock.
final class AtomicBitSet: @unchecked Sendable {
    let count: Int
    private let words: UnsafeMutablePointer<Atomic<UInt64>>
    private let wordCount: Int

    init(count: Int) {
        self.count = max(0, count)
        wordCount = (self.count + 63) / 64
        words = .allocate(capacity: max(1, wordCount))
        for i in 0..<wordCount { (words + i).initialize(to: Atomic(0)) }
    }

    deinit {
        words.deinitialize(count: wordCount)
        words.deallocate()
    }

    /// Whether `number` is in the set (false for a number out of range).
    @inline(__always)
    func contains(_ number: Int) -> Bool {
        guard number >= 0, number < count else { return false }
        return words[number >> 6].load(ordering: .acquiring) & (1 << UInt64(number & 63)) != 0
    }

    /// Adds `number` (nothing for a number out of range).
    @inline(__always)
    func insert(_ number: Int) {
        guard number >= 0, number < count else { return }
        _ = words[number >> 6].bitwiseOr(1 << UInt64(number & 63), ordering: .releasing)
    }
}
