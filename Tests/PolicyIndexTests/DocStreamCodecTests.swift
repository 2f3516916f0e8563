import TestSupport
import Testing

@testable import PolicyIndex

/// The doc stream codec: packed (and patched) full blocks and varint rest decode to what was
/// encoded, whole or block by block, and damage is reported, not trusted.
@Suite struct DocStreamCodecTests {
    /// A random increasing list of `count` passages below `limit`, with
    /// frequencies mostly 1.
    func randomList(count: Int, limit: Int32, _ random: inout SplitMix64) -> ([Int32], [Int32]) {
        var set = Set<Int32>()
        while set.count < count { set.insert(Int32.random(in: 0..<limit, using: &random)) }
        let passages = set.sorted()
        let frequencies = passages.map { _ in Int.random(in: 0..<10, using: &random) < 8 ? 1 : Int32.random(in: 2...300, using: &random) }
        return (passages, frequencies)
    }

    func decode(_ bytes: [UInt8], count: Int, after: Int32 = -1, limit: Int32) -> ([Int32], [Int32]) {
        var passages = [Int32](repeating: 0, count: count)
        var frequencies = [Int32](repeating: 0, count: count)
        let written = bytes.withUnsafeBufferPointer { input in
            passages.withUnsafeMutableBufferPointer { p in
                frequencies.withUnsafeMutableBufferPointer { f in
                    DocStreamCodec.decode(from: input.baseAddress!, to: input.baseAddress! + input.count, count: count,
                                          after: after, limit: limit, passages: p.baseAddress!, frequencies: f.baseAddress!)
                }
            }
        }
        return (Array(passages[..<written]), Array(frequencies[..<written]))
    }

    @Test("lists of every shape decode to what was encoded, whole and block by block",
          arguments: [1, 2, 127, 128, 129, 255, 256, 257, 1000, 5000])
    func roundTrip(count: Int) {
        var random = SplitMix64(seed: UInt64(count))
        for limit: Int32 in [Int32(count), Int32(count) * 3, 400_000] {
            let (passages, frequencies) = randomList(count: count, limit: limit, &random)
            var bytes: [UInt8] = []
            let ends = DocStreamCodec.encode(passages: passages, frequencies: frequencies, into: &bytes)
            #expect(ends.count == count / 128)
            let whole = decode(bytes, count: count, limit: limit)
            #expect(whole.0 == passages)
            #expect(whole.1 == frequencies)
            // Each block alone, starting after the previous block's last passage.
            var start = 0
            for block in 0..<((count + 127) / 128) {
                let end = block < ends.count ? ends[block] : bytes.count
                let size = min(128, count - block * 128)
                let part = decode(Array(bytes[start..<end]), count: size,
                                  after: block == 0 ? -1 : passages[block * 128 - 1], limit: limit)
                #expect(part.0 == Array(passages[(block * 128)..<(block * 128 + size)]))
                #expect(part.1 == Array(frequencies[(block * 128)..<(block * 128 + size)]))
                start = end
            }
        }
    }

    @Test("a dense block of consecutive passages packs its gaps in 0 bits")
    func denseBlock() {
        let passages = (0..<Int32(128)).map { $0 }
        var bytes: [UInt8] = []
        _ = DocStreamCodec.encode(passages: passages, frequencies: [Int32](repeating: 1, count: 128), into: &bytes)
        #expect(bytes == [0, 0])
        #expect(decode(bytes, count: 128, limit: 128).0 == passages)
    }

    @Test("one gap of a million in an evenly spread block is patched: the others keep their 12 bits")
    func spreadBlock() {
        var passages = (0..<Int32(128)).map { $0 * 2_300 }
        for i in 64..<128 { passages[i] += 1_000_000 }
        var bytes: [UInt8] = []
        _ = DocStreamCodec.encode(passages: passages, frequencies: [Int32](repeating: 1, count: 128), into: &bytes)
        // Width 12 (gaps of 2,299), one patch (place, high bits in a varint of
        // 2 bytes), the frequencies' byte: against 20 bits a gap unpatched.
        #expect(bytes[0] == DocStreamCodec.patchesFlag | 12)
        #expect(bytes.count == 1 + 128 * 12 / 8 + 1 + 1 + 2 + 1)
        #expect(decode(bytes, count: 128, limit: 2_000_000).0 == passages)
    }

    @Test("a few wide gaps are patched: the rest keep a narrow width, and the passages decode as they were")
    func patchedGaps() {
        // Gaps of 0-3 but for three of about a million: at the widest gap's
        // width every passage would take 20 bits (320 bytes).
        var passages: [Int32] = []
        var passage: Int32 = -1
        for i in 0..<128 {
            passage += 1 + Int32(i % 4) + (i == 10 || i == 70 || i == 127 ? 1_000_000 : 0)
            passages.append(passage)
        }
        var bytes: [UInt8] = []
        _ = DocStreamCodec.encode(passages: passages, frequencies: [Int32](repeating: 1, count: 128), into: &bytes)
        #expect(bytes[0] == DocStreamCodec.patchesFlag | 2)
        #expect(bytes.count < 128 * 20 / 8 - 2 * 128 / 8)
        #expect(decode(bytes, count: 128, limit: 4_000_000).0 == passages)
        // A patch placed outside the block is damage.
        var outside = bytes
        outside[1 + 32 + 1] = 200
        #expect(decode(outside, count: 128, limit: 4_000_000).0.isEmpty)
    }

    @Test("frequencies above 1 are listed as exceptions, or all packed when many: a block of ones spends one byte on them")
    func frequencyExceptions() {
        let passages = (0..<Int32(128)).map { $0 * 3 }
        var ones: [UInt8] = []
        _ = DocStreamCodec.encode(passages: passages, frequencies: [Int32](repeating: 1, count: 128), into: &ones)
        var frequencies = [Int32](repeating: 1, count: 128)
        frequencies[5] = 2
        frequencies[77] = 9
        var some: [UInt8] = []
        _ = DocStreamCodec.encode(passages: passages, frequencies: frequencies, into: &some)
        // Their count, two places of 7 bits and two values of 3 bits (9 - 2 = 7).
        #expect(some.count == ones.count + 1 + 2 + 1)
        #expect(some[ones.count - 1] == DocStreamCodec.placesFlag | 4)
        let decoded = decode(some, count: 128, limit: 1_000)
        #expect(decoded.0 == passages)
        #expect(decoded.1 == frequencies)
        // Twenty above 1: their places would take more than a 128-bit map.
        let twenty: [Int32] = (0..<Int32(128)).map { $0 % 6 == 1 && $0 < 120 ? 2 : 1 }
        var mapped: [UInt8] = []
        _ = DocStreamCodec.encode(passages: passages, frequencies: twenty, into: &mapped)
        #expect(mapped.count == ones.count + 16)
        #expect(mapped[ones.count - 1] == 1)
        #expect(decode(mapped, count: 128, limit: 1_000).1 == twenty)
        // Every number of exceptions a block may list, at random places and values.
        var random = SplitMix64(seed: 3)
        for count in 1...DocStreamCodec.maximumExceptions {
            var listed = [Int32](repeating: 1, count: 128)
            var places = Set<Int>()
            while places.count < count { places.insert(Int.random(in: 0..<128, using: &random)) }
            for place in places { listed[place] = Int32.random(in: 2...60_000, using: &random) }
            var bytes: [UInt8] = []
            _ = DocStreamCodec.encode(passages: passages, frequencies: listed, into: &bytes)
            #expect(decode(bytes, count: 128, limit: 1_000).1 == listed, "\(count) exceptions")
        }
        // Many above 1: every frequency packed instead (flag | width 4, 128 × 4 bits).
        let many = (0..<Int32(128)).map { $0 % 3 == 0 ? 1 + $0 % 11 : 1 }
        var packed: [UInt8] = []
        _ = DocStreamCodec.encode(passages: passages, frequencies: many, into: &packed)
        #expect(packed.count == ones.count + 64)
        #expect(packed[ones.count - 1] == DocStreamCodec.packedFrequenciesFlag | 4)
        #expect(decode(packed, count: 128, limit: 1_000).1 == many)
    }

    @Test("passages past the limit, a cut stream and impossible widths decode short")
    func damage() {
        var random = SplitMix64(seed: 9)
        let (passages, frequencies) = randomList(count: 300, limit: 10_000, &random)
        var bytes: [UInt8] = []
        _ = DocStreamCodec.encode(passages: passages, frequencies: frequencies, into: &bytes)
        #expect(decode(bytes, count: 300, limit: passages[200]).0.count < 300)
        #expect(decode(Array(bytes.dropLast(3)), count: 300, limit: 10_000).0.count < 300)
        var wide = bytes
        wide[0] = 40
        #expect(decode(wide, count: 300, limit: 10_000).0.isEmpty)
    }
}
