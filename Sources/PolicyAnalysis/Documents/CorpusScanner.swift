#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Lists the documents of a corpus folder: regular files whose name ends in
/// one of ``extensions`` (in any case: `.txt`, `.md`, `.pdf`, `.docx`, `.html` …), found
/// recursively, sorted by relative path (byte order), as the benchmark's
/// passage rules do; but not the corpus's user dictionary (``dictionaryName``
/// at the root).
///
/// Symbolic links are followed when they lead to a file or folder inside the
/// corpus (its real path) that is not read under its own name already; a link
/// out of the corpus, to something read already (which also makes a loop of
/// links harmless) or to nothing is passed over and named in
/// ``CorpusListing/skipped``, as are folders that cannot be read and FIFOs,
/// sockets or devices named like documents. Names that are not UTF-8 are
/// read by their bytes (see ``CorpusFile/path``).
///
/// Uses the C library directly: this runs at the start of every search (to
/// notice a changed corpus) and must be cheap.
public enum CorpusScanner {
    /// File name endings that are read as documents (see ``DocumentExtractor``).
    public static let extensions = DocumentExtractor.extensions
    static let extensionBytes = extensions.map { Array($0.utf8) }

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

    /// Whether the folders of `root` differ from `folders`, a listing's
    /// (``CorpusListing/folders``): one of them is gone, no longer a folder,
    /// or has another modification time. A look at each folder, not at each
    /// file: it tells additions, removals and renames, not edits inside files.
    public static func foldersDiffer(from folders: [CorpusFile], in root: String) -> Bool {
        let rootBytes = Array(root.utf8)
        for folder in folders {
            let bytes = folder.pathBytes ?? Array(folder.path.utf8)
            var info = stat()
            let found = CorpusWalker.withCString(bytes.isEmpty ? rootBytes : rootBytes + [0x2F] + bytes) { stat($0, &info) } == 0
            guard found, info.st_mode & S_IFMT == S_IFDIR, CorpusWalker.modified(info) == folder.modified else { return true }
        }
        return false
    }

    /// The documents under `root`, and the metadata tables beside them, sorted by
    /// relative path unless `sorted` is false. What was passed over is left out:
    /// see ``listing(of:sorted:)``.
    public static func scan(_ root: String, sorted: Bool = true) throws -> [CorpusFile] {
        try listing(of: root, sorted: sorted).files
    }

    /// The documents under `root` and the metadata tables beside them (sorted
    /// by relative path unless `sorted` is false), and what was passed over,
    /// with the reason, in path order. Throws when `root` is empty, is not a
    /// folder or cannot be read.
    public static func listing(of root: String, sorted: Bool = true) throws -> CorpusListing {
        guard !root.isEmpty else { throw CorpusError.emptyPath }
        var info = stat()
        guard stat(root, &info) == 0 else {
            throw CorpusError(description: "corpus folder \(root) cannot be read: \(String(cString: strerror(errno)))")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw CorpusError(description: "corpus \(root) is not a folder")
        }
        var walker = CorpusWalker(root: root, rootID: CorpusWalker.FileID(info))
        try walker.run()
        var listing = CorpusListing(files: walker.files, skipped: walker.skipped)
        // In path order, as files are: readdir's order may differ from one listing to the next.
        listing.folders = walker.folderTimes.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        if sorted { listing.files.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) } }
        listing.skipped.sort { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
        return listing
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
