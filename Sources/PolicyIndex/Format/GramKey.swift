/// The terms of the index: the pairs of adjacent characters of normalized
/// text, each packed into a 64-bit key, and for the last character of a
/// passage a pair with ``end``.
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
    /// The second "character" of the pair that ends a passage.
    public static let end: UInt32 = 0x1F_FFFF

    @inline(__always)
    public static func pair(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 21 | UInt64(b) }

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
