import CDeflate

/// zlib compression of stored text blocks, through the `CDeflate` shim.
public enum Deflate {
    /// The compression level: on the UTF-16 text of ../shared/corpus in 64 KiB
    /// blocks, 3 gives 18.7 MB at about 57 MB/s a core, 5 gives 17.8 MB at 45
    /// MB/s, 6 gives 17.7 MB at 33 MB/s. Indexing keeps both cores busy, so the
    /// faster level pays more than the last megabyte.
    static let level: Int32 = 3

    public static var zlibVersion: String { String(cString: cdeflate_version()) }

    static func compress(_ bytes: [UInt8]) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(cdeflate_bound(Int64(bytes.count))))
        let size = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                cdeflate_compress(input.baseAddress, Int64(input.count), out.baseAddress, Int64(out.count), level)
            }
        }
        precondition(size >= 0, "zlib could not compress a block")
        output.removeLast(output.count - Int(size))
        return output
    }

    /// Decompresses a block whose uncompressed size is known; nil when damaged.
    static func uncompress(_ bytes: UnsafeRawBufferPointer, size: Int) -> [UInt8]? {
        guard size >= 0, size < 1 << 30 else { return nil }
        var output = [UInt8](repeating: 0, count: size)
        let produced = output.withUnsafeMutableBufferPointer { out in
            cdeflate_uncompress(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), Int64(bytes.count), out.baseAddress, Int64(size))
        }
        return produced == Int64(size) ? output : nil
    }
}
