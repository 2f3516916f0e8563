import Foundation
import TestSupport
import Testing

@testable import PolicyIndex

/// The doc stream codec: Elias-Fano full blocks and varint rest decode to what was
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

    @Test("a dense block of consecutive passages keeps gaps, in 0 bits: Elias-Fano would spend 2 bits a passage")
    func denseBlock() {
        let passages = (0..<Int32(128)).map { $0 }
        var bytes: [UInt8] = []
        _ = DocStreamCodec.encode(passages: passages, frequencies: [Int32](repeating: 1, count: 128), into: &bytes)
        #expect(bytes == [DocStreamCodec.gapsFlag, 0])
        #expect(decode(bytes, count: 128, limit: 128).0 == passages)
    }

    /// Evenly spread but for one gap of 1,000,000: plain packing would spend
    /// 20 bits on every gap.
    func spreadPassages() -> [Int32] {
        var passages = (0..<Int32(128)).map { $0 * 2_300 }
        for i in 64..<128 { passages[i] += 1_000_000 }
        return passages
    }

    @Test("a block spread over its span takes about 2 + log2(span / 128) bits a passage, whatever its largest gap")
    func spreadBlock() {
        let passages = spreadPassages()
        var bytes: [UInt8] = []
        _ = DocStreamCodec.encode(passages: passages, frequencies: [Int32](repeating: 1, count: 128), into: &bytes)
        let span = Double(passages[127] + 1)
        #expect(Double(bytes.count) <= 3 + 128 * (2 + log2(span / 128)) / 8)
        #expect(bytes.count < 128 * 20 / 8)
        #expect(bytes[0] & DocStreamCodec.gapsFlag == 0)
        #expect(decode(bytes, count: 128, limit: 2_000_000).0 == passages)
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
        // A 128-bit map and two values of 3 bits (9 - 2 = 7).
        #expect(some.count == ones.count + 16 + 1)
        let decoded = decode(some, count: 128, limit: 1_000)
        #expect(decoded.0 == passages)
        #expect(decoded.1 == frequencies)
        // Many above 1: every frequency packed instead (flag | width 4, 128 × 4 bits).
        let many = (0..<Int32(128)).map { $0 % 3 == 0 ? 1 + $0 % 11 : 1 }
        var packed: [UInt8] = []
        _ = DocStreamCodec.encode(passages: passages, frequencies: many, into: &packed)
        #expect(packed.count == ones.count + 64)
        #expect(packed[ones.count - 1] == DocStreamCodec.gapsFlag | 4)
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
        var spread: [UInt8] = []
        _ = DocStreamCodec.encode(passages: spreadPassages(), frequencies: [Int32](repeating: 1, count: 128), into: &spread)
        #expect(decode(spread, count: 128, limit: 2_000_000).0.count == 128)
        spread[1] = 2  // a high-part bitmap too short to hold 128 passages
        #expect(decode(spread, count: 128, limit: 2_000_000).0.isEmpty)
    }
}
