import CZstd

/// Zstandard compression of stored text blocks and heading lists, through the
/// `CZstd` shim.
public enum BlockCompression {
    /// The compression level. On the UTF-16 text of ../shared/corpus (46.8 MB)
    /// in 256 KiB blocks: level 3 gives 16.8 MB at 184 MB/s a core, 6 gives
    /// 18.0 MB at 72 MB/s, 7 gives 15.6 MB at 66 MB/s (its lazier matching pays
    /// on Chinese), 9 gives 15.5 MB at 48 MB/s; zlib at level 3 in 64 KiB
    /// blocks gave 19.4 MB at 57 MB/s. Decompression runs at about 1 GB/s at
    /// every level.
    static let level: Int32 = 7

    public static var libraryVersion: String { String(cString: czstd_version()) }

    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(czstd_bound(Int64(bytes.count))))
        let size = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                czstd_compress(input.baseAddress, Int64(input.count), out.baseAddress, Int64(out.count), level)
            }
        }
        precondition(size >= 0, "zstd could not compress a block")
        output.removeLast(output.count - Int(size))
        return output
    }

    /// Decompresses a block whose uncompressed size is known; nil when damaged.
    static func decompress(_ bytes: UnsafeRawBufferPointer, size: Int) -> [UInt8]? {
        guard size >= 0, size < 1 << 30 else { return nil }
        var output = [UInt8](repeating: 0, count: size)
        let produced = output.withUnsafeMutableBufferPointer { out in
            czstd_decompress(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), Int64(bytes.count), out.baseAddress, Int64(size))
        }
        return produced == Int64(size) ? output : nil
    }
}
