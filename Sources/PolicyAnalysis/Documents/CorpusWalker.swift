#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The walk behind ``CorpusScanner/listing(of:sorted:)``: first the folders
/// themselves, then the symbolic links met on the way, in path order, so that
/// a file or folder reached both ways is read under its own name, whatever
/// order the folders list their entries in.
///
/// Uses the C library directly: a scan runs at the start of every search (to
/// notice a changed corpus) and must be cheap; most entries are decided by
/// their name's bytes and type without a string or a system call.
struct CorpusWalker {
    /// A file's identity (device and inode), the same whatever path reaches it.
    struct FileID: Hashable {
        var device: UInt64
        var inode: UInt64

        init(_ info: stat) {
            device = UInt64(info.st_dev)
            inode = UInt64(info.st_ino)
        }
    }

    /// A path relative to the corpus, as shown and as bytes on disk.
    struct Place {
        var shown: String
        var bytes: [UInt8]

        static let root = Place(shown: "", bytes: [])

        func child(_ name: UnsafeRawBufferPointer) -> Place {
            let childShown = FileName.display(name)
            return shown.isEmpty ? Place(shown: childShown, bytes: Array(name))
                : Place(shown: shown + "/" + childShown, bytes: bytes + [0x2F] + Array(name))
        }
    }

    let root: String
    private let rootBytes: [UInt8]
    /// The corpus folder's real path and that path with a slash: what a link's
    /// target must be or start with to be inside the corpus.
    private var realRoot: [UInt8] = []
    private(set) var files: [CorpusFile] = []
    private(set) var skipped: [CorpusListing.Skipped] = []
    /// The folders read, with their times (``CorpusListing/folders``).
    private(set) var folderTimes: [CorpusFile] = []
    /// Folders read, and files listed, by identity: with where, to name it.
    private var folders: [FileID: String] = [:]
    private var listed: [FileID: String] = [:]
    private var links: [Place] = []

    init(root: String, rootID: FileID) {
        self.root = root
        rootBytes = Array(root.utf8)
        folders[rootID] = ""
    }

    mutating func run() throws {
        realRoot = Self.realPath(rootBytes) ?? rootBytes
        try walk(.root)
        while !links.isEmpty {
            // Links met in linked folders come in the next round, sorted again.
            let round = links.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
            links = []
            for link in round { try follow(link) }
        }
    }

    private func location(_ place: Place) -> [UInt8] {
        place.bytes.isEmpty ? rootBytes : rootBytes + [0x2F] + place.bytes
    }

    static func withCString<R>(_ bytes: [UInt8], _ body: (UnsafePointer<CChar>) -> R) -> R {
        (bytes + [0]).withUnsafeBufferPointer { body(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self)) }
    }

    private static func realPath(_ bytes: [UInt8]) -> [UInt8]? {
        guard let resolved = withCString(bytes, { realpath($0, nil) }) else { return nil }
        defer { free(resolved) }
        return Array(UnsafeRawBufferPointer(start: resolved, count: strlen(resolved)))
    }

    private static var lastError: String { String(cString: strerror(errno)) }

    static func modified(_ info: stat) -> Int64 {
        Int64(info.st_mtim.tv_sec) * 1_000_000_000 + Int64(info.st_mtim.tv_nsec)
    }

    /// What a file of this type is, for a message: nil for a folder, a regular
    /// file or a link.
    private static func oddKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFIFO: "a FIFO"
        case S_IFSOCK: "a socket"
        case S_IFCHR, S_IFBLK: "a device"
        case S_IFDIR, S_IFREG, S_IFLNK: nil
        default: "not a regular file"
        }
    }

    private mutating func skip(_ place: Place, _ reason: String) {
        skipped.append(CorpusListing.Skipped(path: place.shown, reason: reason))
    }

    private mutating func add(_ place: Place, _ info: stat) {
        files.append(CorpusFile(path: place.shown, pathBytes: place.bytes, size: Int64(info.st_size), modified: Self.modified(info)))
        listed[FileID(info)] = place.shown
    }

    /// Whether a name is a document's or a metadata table's, and is not the
    /// corpus's dictionary.
    private func wanted(_ name: UnsafeRawBufferPointer, atRoot: Bool) -> Bool {
        if atRoot, name.elementsEqual(CorpusScanner.dictionaryName.utf8) { return false }
        return CorpusScanner.hasDocumentExtension(name) || name.elementsEqual(CorpusScanner.metadataTableName.utf8)
    }

    private mutating func walk(_ folder: Place) throws {
        guard let directory = Self.withCString(location(folder), { opendir($0) }) else {
            if folder.bytes.isEmpty {
                throw CorpusError(description: "folder \(root) cannot be read: \(Self.lastError)")
            }
            // One unreadable folder costs its own documents, not the build.
            return skip(folder, "a folder that cannot be read: \(Self.lastError)")
        }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        var own = stat()
        if fstat(descriptor, &own) == 0 {
            folderTimes.append(CorpusFile(path: folder.shown, pathBytes: folder.bytes, size: 0, modified: Self.modified(own)))
        }
        var subfolders: [Place] = []
        while let entry = readdir(directory) {
            withUnsafeBytes(of: entry.pointee.d_name) { whole in
                let name = UnsafeRawBufferPointer(rebasing: whole[..<(whole.firstIndex(of: 0) ?? whole.count)])
                if name.elementsEqual([0x2E]) || name.elementsEqual([0x2E, 0x2E]) { return }
                let type = entry.pointee.d_type
                let isWanted = wanted(name, atRoot: folder.bytes.isEmpty)
                if type == UInt8(DT_LNK) { return links.append(folder.child(name)) }
                guard type == UInt8(DT_DIR) || type == UInt8(DT_UNKNOWN) || isWanted else { return }
                var info = stat()
                guard fstatat(descriptor, name.baseAddress!.assumingMemoryBound(to: CChar.self), &info, AT_SYMLINK_NOFOLLOW) == 0
                else { return }
                switch info.st_mode & S_IFMT {
                case S_IFDIR:
                    // A folder met again (a bind mount of an ancestor) is not read twice.
                    if folders[FileID(info)] == nil {
                        let place = folder.child(name)
                        folders[FileID(info)] = place.shown
                        subfolders.append(place)
                    }
                case S_IFLNK:
                    links.append(folder.child(name))
                case S_IFREG where isWanted:
                    add(folder.child(name), info)
                default:
                    // Reading a FIFO would wait for a writer forever.
                    if isWanted, let kind = Self.oddKind(info.st_mode) { skip(folder.child(name), "it is \(kind), not a regular file") }
                }
            }
        }
        for subfolder in subfolders { try walk(subfolder) }
    }

    /// Reads what a symbolic link leads to, if it is inside the corpus and not
    /// read already; else names it in ``skipped``.
    private mutating func follow(_ link: Place) throws {
        let path = location(link)
        let slash = link.bytes.lastIndex(of: 0x2F)
        let isWanted = Array(link.bytes[(slash.map { $0 + 1 } ?? 0)...]).withUnsafeBytes { wanted($0, atRoot: slash == nil) }
        var info = stat()
        guard Self.withCString(path, { stat($0, &info) }) == 0 else {
            // A link to nothing: worth a word only where a document was meant.
            if isWanted { skip(link, "a symbolic link to nothing: \(Self.lastError)") }
            return
        }
        let kind = info.st_mode & S_IFMT
        guard kind == S_IFDIR || isWanted else { return }
        guard let real = Self.realPath(path) else { return skip(link, "a symbolic link that cannot be resolved: \(Self.lastError)") }
        let shownTarget = FileName.display(real)
        guard real == realRoot || real.starts(with: realRoot + [0x2F]) else {
            return skip(link, "a symbolic link to \(shownTarget), outside the corpus")
        }
        let id = FileID(info)
        switch kind {
        case S_IFDIR:
            if let known = folders[id] {
                return skip(link, "a symbolic link to the folder \(known.isEmpty ? "of the corpus" : known), read already")
            }
            folders[id] = link.shown
            try walk(link)
        case S_IFREG:
            if let known = listed[id] { return skip(link, "a symbolic link to \(known), read already") }
            add(link, info)
        default:
            skip(link, "a symbolic link to \(Self.oddKind(info.st_mode) ?? "not a regular file"), not a regular file")
        }
    }
}
