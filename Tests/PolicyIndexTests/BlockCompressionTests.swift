import Testing

@testable import PolicyIndex

/// Frames as the index writes them: checksummed content, and a content size
/// that must agree with the size the frame table gives before anything is
/// allocated (the segment-reader fuzzer's timeouts: a table entry damaged
/// to nearly 1 GiB made every read allocate it).
@Suite struct BlockCompressionTests {
    let text = Array(String(repeating: "推进数据交易市场建设，完善数据安全保障体系。", count: 50).utf8)

    @Test func aFrameRoundTripsAtItsRecordedSize() throws {
        let frame = BlockCompression.compress(text, BlockCompression.Tuning.text)
        let back = frame.withUnsafeBytes { BlockCompression.decompress($0, size: text.count) }
        #expect(back == text)
    }

    @Test(arguments: [0, 1, -1, 1 << 29]) func aSizeOtherThanTheRecordedOneIsRefused(delta: Int) throws {
        let frame = BlockCompression.compress(text, BlockCompression.Tuning.text)
        let size = delta == 1 << 29 ? delta : text.count + delta
        guard size != text.count else { return }
        #expect(frame.withUnsafeBytes { BlockCompression.decompress($0, size: size) } == nil)
    }

    @Test func aFlippedBitOfTheContentIsCaughtByTheChecksum() throws {
        var frame = BlockCompression.compress(text, BlockCompression.Tuning.text)
        var caught = 0
        for index in stride(from: 6, to: frame.count, by: 3) {
            frame[index] ^= 0x10
            if frame.withUnsafeBytes({ BlockCompression.decompress($0, size: text.count) }) == nil { caught += 1 }
            frame[index] ^= 0x10
        }
        #expect(caught == (frame.count - 6 + 2) / 3)
    }
}
