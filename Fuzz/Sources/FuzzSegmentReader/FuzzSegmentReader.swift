import Foundation
import FuzzSupport
import PolicyIndex
import PolicySearch

/// A valid index of the repository's `Corpus/`, built once at startup, and
/// the bytes and section table of its one segment.
private struct Original {
    let directory: IndexDirectory
    let segmentPath: String
    let bytes: [UInt8]
    /// Each section's byte range and where its checksum is kept in the
    /// section directory; the directory's own range is last.
    let sections: [(range: Range<Int>, crcAt: Int?)]
    let directoryRange: Range<Int>

    init() {
        let folder = (ProcessInfo.processInfo.environment["TMPDIR"] ?? "/tmp") + "/policy-search-fuzz-\(getpid())"
        try? FileManager.default.removeItem(atPath: folder)
        directory = IndexDirectory(path: folder)
        var builder = IndexBuilder(corpus: RepositoryCorpus.path, directory: directory)
        builder.threads = 1
        do { _ = try builder.build() } catch { fatalError("cannot index \(RepositoryCorpus.path): \(error)") }
        let reader = try! IndexReader(directory: directory)
        segmentPath = directory.file(reader.manifest.segments[0].name)
        let bytes = Array(FileManager.default.contents(atPath: segmentPath)!)
        self.bytes = bytes
        // The footer: table offset and length (u64 each), its CRC (u32), magic (u32).
        func u64(_ at: Int) -> Int { (0..<8).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
        func u32(_ at: Int) -> Int { (0..<4).reduce(0) { $0 | Int(bytes[at + $1]) << (8 * $1) } }
        let footer = bytes.count - 24
        let tableOffset = u64(footer)
        directoryRange = tableOffset..<(tableOffset + u64(footer + 8))
        var found: [(Range<Int>, Int?)] = []
        // The table: a count (u32), then id u32, offset u64, length u64, crc u32 per section.
        for entry in 0..<u32(tableOffset) {
            let at = tableOffset + 4 + entry * 24
            found.append((u64(at + 4)..<(u64(at + 4) + u64(at + 12)), at + 20))
        }
        sections = found + [(0..<bytes.count, nil)]
    }
}

private let original = Original()
private let queries = ["数据", "大数据 发展", "\"数据交易\"", "政府 -贵州", "region:贵州 数据", "开放|共享 平台", "2016"]
    .map { try! QueryParser.parse($0) }

/// libFuzzer's entry: the input is a list of edits of the valid segment,
/// five bytes each — which section (any of them, or the whole file), where in
/// it (two bytes, taken modulo its length), how (xor, set, or truncate the
/// file there) and the byte. With the first input byte odd, the checksums of
/// the section directory are written anew after the edits, so that damage
/// reaches the decoders behind them. The damaged segment is then opened,
/// searched and read through (every passage's text, every document): each
/// must give an answer or throw, never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSegmentReader(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let input = fuzzBytes(data, size)
    var bytes = original.bytes
    var edit = 1
    while edit + 5 <= input.count {
        let section = original.sections[Int(input[edit]) % original.sections.count].range
        let offset = section.lowerBound + (section.isEmpty ? 0 : (Int(input[edit + 1]) << 8 | Int(input[edit + 2])) % section.count)
        let value = input[edit + 4]
        switch input[edit + 3] % 8 {
        case 0: if offset < bytes.count { bytes.removeLast(bytes.count - offset) }
        case 1, 2, 3: if offset < bytes.count { bytes[offset] = value }
        default: if offset < bytes.count { bytes[offset] ^= value }
        }
        edit += 5
    }
    if input[0] % 2 == 1 { rewriteChecksums(&bytes) }
    FileManager.default.createFile(atPath: original.segmentPath, contents: Data(bytes))
    readThrough()
    return 0
}

/// Sets every section's CRC (and the directory's, in the footer) to that of
/// its current bytes, where the file is still long enough to hold them.
private func rewriteChecksums(_ bytes: inout [UInt8]) {
    func store(_ value: UInt32, at: Int) {
        guard at + 4 <= bytes.count else { return }
        for k in 0..<4 { bytes[at + k] = UInt8((value >> UInt32(8 * k)) & 0xFF) }
    }
    func crc(_ range: Range<Int>) -> UInt32? {
        guard range.upperBound <= bytes.count else { return nil }
        return crc32(bytes[range])
    }
    for section in original.sections {
        if let at = section.crcAt, let value = crc(section.range) { store(value, at: at) }
    }
    if bytes.count == original.bytes.count, let value = crc(original.directoryRange) { store(value, at: bytes.count - 8) }
}

private func readThrough() {
    guard let reader = try? IndexReader(directory: original.directory) else { return }
    if let searcher = try? Searcher(reader: reader) {
        for query in queries { _ = try? searcher.search(query, options: SearchOptions(limit: 20)) }
    }
    for segment in reader.segments {
        for document in 0..<segment.documentCount {
            _ = try? segment.document(document)
            _ = segment.passages(ofDocument: document)
        }
        for passage in 0..<segment.passageCount {
            _ = try? segment.text(ofPassage: passage)
            _ = segment.line(ofPassage: passage)
            _ = segment.length(ofPassage: passage)
        }
        _ = try? segment.verify()
    }
}
