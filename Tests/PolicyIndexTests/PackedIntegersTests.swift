import TestSupport
import Testing

@testable import PolicyIndex

/// Bit-packed arrays (the passage table and lengths) read back every value,
/// the last few (too close to the end for an 8-byte load) included.
@Suite struct PackedIntegersTests {
    @Test(arguments: [0, 1, 3, 8, 9, 12, 17, 31, 32])
    func everyValueReadsBack(width: Int) throws {
        var random = SplitMix64(seed: UInt64(width))
        for count in [1, 2, 7, 8, 9, 63, 64, 65, 1000] {
            let limit = width == 0 ? 0 : (UInt64(1) << UInt64(width)) - 1
            let values = (0..<count).map { _ in UInt32(truncatingIfNeeded: random.next() & limit) }
            let bytes = BitPacking.pack(values, width: width)
            try bytes.withUnsafeBytes { raw in
                let packed = try #require(PackedIntegers(raw, width: width, count: count))
                #expect((0..<count).map { packed[$0] } == values.map(Int.init), "width \(width), count \(count)")
            }
        }
    }

    @Test func tooFewBytesAreRefused() {
        let bytes = [UInt8](repeating: 0xFF, count: 3)
        bytes.withUnsafeBytes { raw in
            #expect(PackedIntegers(raw, width: 9, count: 3) == nil)
            #expect(PackedIntegers(raw, width: 8, count: 3) != nil)
        }
    }
}
