import CInflate

/// CRC-32 (IEEE 802.3, the polynomial of zlib and PNG), by zlib's `crc32`:
/// several times faster than the slicing-by-eight loop written here before,
/// and every search checks the sections it trusts on open (on ../shared/corpus,
/// megabytes of passage lengths and tables).
struct CRC32: Sendable {
    private var state: UInt32 = 0

    init() {}

    /// The checksum of the bytes seen so far.
    var value: UInt32 { state }

    mutating func update(_ bytes: UnsafeRawBufferPointer) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        state = cinflate_crc32_update(state, base.assumingMemoryBound(to: UInt8.self), bytes.count)
    }

    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { update($0) }
    }

    /// The checksum of `bytes`.
    static func checksum(_ bytes: UnsafeRawBufferPointer) -> UInt32 {
        var crc = CRC32()
        crc.update(bytes)
        return crc.value
    }
}
