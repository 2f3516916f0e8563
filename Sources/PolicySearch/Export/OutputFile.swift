import Foundation

/// A file written whole or not at all: the bytes go to a temporary file in
/// the target's folder, which replaces the target by `rename` only once it is
/// complete and synced. So a failed export (a full disk, a damaged index, a
/// kill) leaves the user's previous file as it was.
///
/// The target may be a regular file, a symbolic link to one (the file it
/// points to is replaced, the link stays), or a new name. Anything else — a
/// device, a FIFO, a folder — is refused before any work, so that exporting to
/// `/dev/…` never replaces a device node with a file.
public struct OutputFile: ByteSink {
    /// The path as the user gave it.
    public let path: String
    /// The file that is replaced (the link's target for a symbolic link).
    public let target: String
    /// The temporary file being written.
    public let temporary: String
    private var sink: DescriptorSink
    private var closed = false

    /// Creates the temporary file beside `path`'s target.
    public init(path: String) throws {
        self.path = path
        target = try Self.resolve(path)
        let folder = (target as NSString).deletingLastPathComponent
        let name = (target as NSString).lastPathComponent
        var fd: Int32 = -1
        var candidate = ""
        for _ in 0..<16 {
            candidate = (folder.isEmpty ? "" : folder + "/") + ".\(name).\(UInt32.random(in: 0...UInt32.max)).tmp"
            fd = open(candidate, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            if fd >= 0 || errno != EEXIST { break }
        }
        guard fd >= 0 else { throw OutputError.errno(path) }
        temporary = candidate
        sink = DescriptorSink(fd: fd, name: path)
    }

    /// Checks that `path` can be written as an output ("-" always can), so
    /// that a device or a folder is refused before any work.
    public static func check(_ path: String) throws {
        if path != "-" { _ = try resolve(path) }
    }

    /// The file a path names for writing, or an error if it cannot be one.
    static func resolve(_ path: String) throws -> String {
        guard !path.isEmpty else { throw OutputError(file: "\"\"", reason: "the output path is empty") }
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT { return path }
            throw OutputError.errno(path)
        }
        var target = path
        if info.st_mode & S_IFMT == S_IFLNK {
            guard let resolved = realpath(path, nil) else {
                // A dangling link: the file it names is created.
                if errno == ENOENT, let destination = try? FileManager.default.destinationOfSymbolicLink(atPath: path) {
                    let folder = (path as NSString).deletingLastPathComponent
                    return destination.hasPrefix("/") ? destination : (folder.isEmpty ? destination : folder + "/" + destination)
                }
                throw OutputError.errno(path)
            }
            target = String(cString: resolved)
            free(resolved)
            guard stat(target, &info) == 0 else { throw OutputError.errno(path) }
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return target
        case S_IFDIR: throw OutputError(file: path, reason: "it is a folder, not a file")
        case S_IFIFO: throw OutputError(file: path, reason: "it is a FIFO, not a regular file")
        case S_IFCHR, S_IFBLK: throw OutputError(file: path, reason: "it is a device, not a regular file")
        default: throw OutputError(file: path, reason: "it is not a regular file")
        }
    }

    public mutating func write(_ bytes: UnsafeRawBufferPointer) throws {
        try sink.write(bytes)
    }

    /// Flushes, syncs and closes the temporary file without replacing the
    /// target (for writers that finish the file themselves, such as XLSX).
    mutating func close() throws {
        try sink.flush()
        if fsync(sink.fd) != 0 { throw OutputError.errno(path) }
        Glibc.close(sink.fd)
        closed = true
    }

    /// Puts the finished file in place of the target.
    public mutating func commit() throws {
        try close()
        try replaceTarget()
    }

    /// Renames the temporary file over the target (it must be closed).
    func replaceTarget() throws {
        if rename(temporary, target) != 0 {
            let error = OutputError.errno(path)
            unlink(temporary)
            throw error
        }
    }

    /// Removes the temporary file: the target stays as it was.
    public mutating func discard() {
        if !closed { Glibc.close(sink.fd) }
        closed = true
        unlink(temporary)
    }
}
