/// The terms of the index: the pairs of adjacent characters of normalized
/// text, each packed into a 64-bit key, and for a character that ends a
/// passage or comes before punctuation or white space a pair with ``end``.
///
/// A pair `a b` has key `a << 21 | b`. Unicode scalars take 21 bits, so
/// ``end`` (`0x1FFFFF`) is no character, and the pairs that start with `c` are
/// exactly the keys from `pair(c, 0)` to `pair(c, end)`.
///
/// Pairs with positions give exact substring matching for any query of two or
/// more characters, whatever the word segmentation: `交易` is found inside
/// `交易所`. Every character of a passage starts exactly one pair, so a
/// one-character query is the union of the pairs it starts.
public enum GramKey {
    /// The second "character" of the pair of a character that ends a passage
    /// or comes before punctuation or white space.
    public static let end: UInt32 = 0x1F_FFFF

    @inline(__always)
    /// The key of the pair `a b` (``end`` for `b` when `a` ends the indexed text).
    public static func pair(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 21 | UInt64(b) }

    /// Whether a (normalized) character starts and ends pairs: everything but
    /// white space and the punctuation listed here. A fixed list, not
    /// Unicode's categories, so that an index means the same whatever
    /// Unicode version reads it; `.` `-` `/` `%` `&` `+` stay indexed, as
    /// parts of numbers, dates and names (`4.0`, `2016-2020`, `30%`, `R&D`,
    /// `互联网+`).
    @inlinable
    public static func isIndexed(_ c: UInt32) -> Bool {
        // Han, kana and most letters: one comparison.
        if c >= 0x3020 && c < 0xFE10 { return c != 0x30FB }
        if c < 0x80 {
            // ! " # ' ( ) * , : ; ? @ [ \ ] _ { } and the controls and space.
            let unindexed: UInt64 = c < 64 ? 0x8C00_178F_FFFF_FFFF : 0xA800_0000_B800_0001
            return unindexed >> (c & 63) & 1 == 0
        }
        switch c {
        case 0x85, 0xA0, 0xA1, 0xA7, 0xAB, 0xB6, 0xB7, 0xBB, 0xBF,  // ¡ § « ¶ · » ¿ and spaces
             0x1680, 0x2000...0x2027,  // spaces, dashes, quotes, bullets, leaders
             0x2028...0x205F,  // separators, ‰ ′ ″ ‹ › ※ (… and ‥ never get here: NFKC makes them dots, indexed)
             0x3000...0x3003, 0x3008...0x3011, 0x3014...0x301F,  // 、。〈〉《》「」『』【】〔〕〖〗〘〙〚〛〜〝〞〟
             0xFE10...0xFE19, 0xFE30...0xFE6B, 0xFF01...0xFF0F, 0xFF1A...0xFF20, 0xFF3B...0xFF40, 0xFF5B...0xFF65:
            return false
        default:
            return true
        }
    }

    /// The key of the term that starts at `i` of a passage's (or part's)
    /// normalized characters: the pair with the next character, or with
    /// ``end`` when there is none or it is not indexed; nil when the character
    /// at `i` is not indexed.
    @inlinable
    public static func term(at i: Int, of scalars: UnsafeBufferPointer<UInt32>) -> UInt64? {
        let c = scalars[i]
        guard isIndexed(c) else { return nil }
        let next = i + 1 < scalars.count ? scalars[i + 1] : end
        return pair(c, isIndexed(next) ? next : end)
    }

    /// The keys of every pair that starts with `c`.
    public static func pairs(startingWith c: UInt32) -> ClosedRange<UInt64> { pair(c, 0)...pair(c, end) }

    /// The text a key stands for (`$` for the end of a passage).
    public static func text(of key: UInt64) -> String {
        var scalars = String.UnicodeScalarView()
        if let first = Unicode.Scalar(UInt32(key >> 21)) { scalars.append(first) }
        let second = UInt32(key & 0x1F_FFFF)
        if second == end {
            scalars.append("$")
        } else if let last = Unicode.Scalar(second) {
            scalars.append(last)
        }
        return String(scalars)
    }
}
