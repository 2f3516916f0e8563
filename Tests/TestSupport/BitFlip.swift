import Foundation

/// Damage for tests of what a reader does with it: one bit flipped.
public enum BitFlip {
    /// Writes `original` to `path` with one bit flipped, at a place of
    /// `range` that `generator` picks; returns the offset of the byte.
    @discardableResult
    public static func write(_ original: Data, flippingOneBitIn range: Range<Int>, to path: String,
                             using generator: inout SplitMix64) throws -> Int {
        let at = range.lowerBound + Int(generator.next() % UInt64(range.count))
        var bytes = [UInt8](original)
        bytes[at] ^= UInt8(1) << (generator.next() % 8)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        return at
    }
}
