import CZstd

/// Zstandard compression of stored text blocks and heading lists, through the
/// `CZstd` shim.
enum BlockCompression {
    /// How a kind of block is compressed.
    struct Tuning {
        let parameters: czstd_parameters

        /// Stored text: UTF-16 Chinese in blocks of up to 1 MiB. Measured on the
        /// text of ../shared/corpus (46.8 MB): zlib at level 3 in 64 KiB blocks
        /// gave 19.4 MB; zstd's level 7 in 256 KiB blocks 15.6 MB at 66 MB/s a
        /// core; its own parameters for 1 MiB blocks are worse (15.7 MB), but a
        /// window over the whole block with matches of 4 bytes (two characters;
        /// the level's 5 misses every two-character repeat) gives 14.4 MB at
        /// 59 MB/s. Decompression runs at about 1 GB/s whatever the setting.
        /// Coded by rank (``TextCode``) the same blocks take 13.1 MB.
        static let text = Tuning(parameters: czstd_parameters(
            level: 7, window_log: 20, chain_log: 20, hash_log: 20, search_log: 3, min_match: 4, target_length: 8))

        /// Heading lists, in batches of up to 128 KiB. Measured on the 7.2 MB of
        /// heading lists of ../shared/corpus: one frame a document at level 7
        /// took 3.23 MB; batches at level 9 of 128 KiB 1.73 MB, 256 KiB 1.64 MB,
        /// 512 KiB 1.57 MB, at a cost in reading one document's list of about
        /// 80, 150 and 290 µs (decompressing its batch; a search shows ten
        /// hits, often of ten batches). At 128 KiB, level 7 gives 1.83 MB, 9
        /// 1.73 MB, 10 1.71 MB at 50 MB/s, 12 1.67 MB at 15 MB/s, 15 1.56 MB at
        /// 9 MB/s; a smaller window or matches of 3 or 4 bytes change nothing.
        /// (With each heading's parent and label together, as before, 256 KiB
        /// at level 9 took 1.93 MB.)
        static let headings = Tuning(parameters: czstd_parameters(
            level: 10, window_log: 0, chain_log: 0, hash_log: 0, search_log: 0, min_match: 0, target_length: 0))
    }

    /// The version of the Zstandard library linked.
    static var libraryVersion: String { String(cString: czstd_version()) }

    static func compress(_ bytes: [UInt8], _ tuning: Tuning) -> [UInt8] {
        var output = [UInt8](repeating: 0, count: Int(czstd_bound(Int64(bytes.count))))
        let size = output.withUnsafeMutableBufferPointer { out in
            bytes.withUnsafeBufferPointer { input in
                czstd_compress(input.baseAddress, Int64(input.count), out.baseAddress, Int64(out.count), tuning.parameters)
            }
        }
        precondition(size >= 0, "zstd could not compress a block")
        output.removeLast(output.count - Int(size))
        return output
    }

    /// Decompresses a block whose uncompressed size is known; nil when damaged.
    static func decompress(_ bytes: UnsafeRawBufferPointer, size: Int) -> [UInt8]? {
        guard size >= 0, size < 1 << 30 else { return nil }
        // The size the frame itself records must be the size the table says,
        // checked before any allocation: a damaged table entry (or a crafted
        // file) cannot make every read allocate a gigabyte.
        let recorded = czstd_content_size(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), Int64(bytes.count))
        guard recorded == -1 || recorded == Int64(size) else { return nil }
        var output = [UInt8](repeating: 0, count: size)
        let produced = output.withUnsafeMutableBufferPointer { out in
            czstd_decompress(bytes.baseAddress?.assumingMemoryBound(to: UInt8.self), Int64(bytes.count), out.baseAddress, Int64(size))
        }
        return produced == Int64(size) ? output : nil
    }
}
