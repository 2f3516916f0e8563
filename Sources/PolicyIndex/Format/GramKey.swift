/// The terms of the index: single characters and pairs of adjacent characters
/// of normalized text, each packed into a 64-bit key.
///
/// A single character `c` has key `c`; a pair `a b` has key `a << 21 | b`.
/// Unicode scalars take 21 bits and a pair's first character is never 0, so
/// the two kinds never collide, and all single characters sort before pairs.
///
/// Pairs with positions give exact substring matching for any query of two or
/// more characters, whatever the word segmentation: `交易` is found inside
/// `交易所`. Single characters answer one-character queries.
public enum GramKey {
    @inline(__always)
    public static func single(_ c: UInt32) -> UInt64 { UInt64(c) }

    @inline(__always)
    public static func pair(_ a: UInt32, _ b: UInt32) -> UInt64 { UInt64(a) << 21 | UInt64(b) }

    @inline(__always)
    public static func isPair(_ key: UInt64) -> Bool { key >= 1 << 21 }

    /// The text a key stands for.
    public static func text(of key: UInt64) -> String {
        var scalars = String.UnicodeScalarView()
        if isPair(key), let first = Unicode.Scalar(UInt32(key >> 21)) { scalars.append(first) }
        if let last = Unicode.Scalar(UInt32(key & 0x1F_FFFF)) { scalars.append(last) }
        return String(scalars)
    }
}
