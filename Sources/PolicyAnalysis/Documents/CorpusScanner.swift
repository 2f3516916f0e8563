#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A document file found in a corpus folder.
public struct CorpusFile: Sendable, Equatable, Hashable, Codable {
    /// The path relative to the corpus folder, with `/` separators.
    public var path: String
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var modified: Int64

    public init(path: String, size: Int64, modified: Int64) {
        self.path = path
        self.size = size
        self.modified = modified
    }
}

/// Why a corpus folder could not be read.
public struct CorpusError: Error, CustomStringConvertible, Sendable {
    public var description: String
}

/// Lists the documents of a corpus folder: regular files whose name ends in
/// one of ``extensions`` (in any case: `.txt`, `.md`, `.pdf`, `.docx`, `.html` …), found
/// recursively, symbolic links skipped, sorted by relative path (byte order), as
/// the benchmark's passage rules do; but not the corpus's user dictionary
/// (``dictionaryName`` at the root).
///
/// Uses the C library directly: this runs at the start of every search (to
/// notice a changed corpus) and must be cheap.
public enum CorpusScanner {
    /// File name endings that are read as documents (see ``DocumentExtractor``).
    public static let extensions = DocumentExtractor.extensions
    private static let extensionBytes = extensions.map { Array($0.utf8) }

    public static func isDocument(_ name: String) -> Bool {
        let lower = name.lowercased()
        return extensions.contains { lower.hasSuffix($0) }
    }

    /// A hash of the names, sizes and modification times of `files`, in any
    /// order: equal fingerprints mean an unchanged corpus, without sorting or
    /// comparing file by file.
    public static func fingerprint(of files: [CorpusFile]) -> UInt64 {
        var total: UInt64 = 0
        for file in files {
            var h: UInt64 = 0xCBF2_9CE4_8422_2325
            func mix(_ byte: UInt8) {
                h ^= UInt64(byte)
                h = h &* 0x0000_0100_0000_01B3
            }
            for byte in file.path.utf8 { mix(byte) }
            mix(0)
            withUnsafeBytes(of: file.size.littleEndian) { for byte in $0 { mix(byte) } }
            withUnsafeBytes(of: file.modified.littleEndian) { for byte in $0 { mix(byte) } }
            total &+= h
        }
        return total
    }

    /// The name of the corpus's user dictionary (see ``UserDictionary``): a file
    /// of this name at the corpus root is read as words, not indexed as a document.
    public static let dictionaryName = "dictionary.txt"

    /// The name of a folder's metadata table (see ``MetadataTable``).
    public static let metadataTableName = "metadata.csv"

    /// Whether a corpus file is a folder's metadata table rather than a document.
    public static func isMetadataTable(_ file: CorpusFile) -> Bool {
        file.path == metadataTableName || file.path.hasSuffix("/" + metadataTableName)
    }

    /// The documents under `root`, and the metadata tables beside them, sorted by
    /// relative path unless `sorted` is false.
    public static func scan(_ root: String, sorted: Bool = true) throws -> [CorpusFile] {
        var info = stat()
        guard stat(root, &info) == 0 else {
            throw CorpusError(description: "corpus folder \(root) cannot be read: \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw CorpusError(description: "corpus \(root) is not a folder")
        }
        var files: [CorpusFile] = []
        try walk(root: root, relative: "", into: &files)
        if sorted { files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) } }
        return files
    }

    private static func walk(root: String, relative: String, into files: inout [CorpusFile]) throws {
        let folder = relative.isEmpty ? root : root + "/" + relative
        guard let directory = opendir(folder) else {
            throw CorpusError(description: "folder \(folder) cannot be read: \(String(cString: strerror(errno)))")
        }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        var subfolders: [String] = []
        while let entry = readdir(directory) {
            // Look at the name's bytes first: most entries are decided without a
            // string or a system call; only documents are stat'ed, relative to
            // the open folder.
            let (isDocumentName, isDot) = withUnsafeBytes(of: entry.pointee.d_name) { raw -> (Bool, Bool) in
                let length = raw.firstIndex(of: 0) ?? raw.count
                let dot = (length == 1 && raw[0] == 0x2E) || (length == 2 && raw[0] == 0x2E && raw[1] == 0x2E)
                return (hasDocumentExtension(UnsafeRawBufferPointer(rebasing: raw[..<length])), dot)
            }
            if isDot { continue }
            let type = entry.pointee.d_type
            let isTable = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                raw.prefix { $0 != 0 }.elementsEqual(metadataTableName.utf8)
            }
            if type == UInt8(DT_DIR) || type == UInt8(DT_UNKNOWN) || isDocumentName || isTable {
                var info = stat()
                let status = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    fstatat(descriptor, raw.baseAddress!.assumingMemoryBound(to: CChar.self), &info, AT_SYMLINK_NOFOLLOW)
                }
                guard status == 0 else { continue }
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                let child = relative.isEmpty ? name : relative + "/" + name
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    subfolders.append(child)
                case S_IFREG where relative.isEmpty && name == dictionaryName:
                    continue
                case S_IFREG where isDocumentName || isTable:
                    let modified = Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
                    files.append(CorpusFile(path: child, size: Int64(info.st_size), modified: modified))
                default:
                    continue
                }
            }
        }
        for subfolder in subfolders { try walk(root: root, relative: subfolder, into: &files) }
    }

    /// Whether a file name's bytes end in one of ``extensions``, in any case.
    static func hasDocumentExtension(_ name: UnsafeRawBufferPointer) -> Bool {
        func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        let n = name.count
        for ending in extensionBytes where n >= ending.count {
            var matches = true
            for (offset, byte) in ending.enumerated() where lower(name[n - ending.count + offset]) != byte {
                matches = false
                break
            }
            if matches { return true }
        }
        return false
    }
}
