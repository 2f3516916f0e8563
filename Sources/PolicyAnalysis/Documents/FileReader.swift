#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads whole files with the C library (no Foundation `Data` copies).
public enum FileReader {
    /// The bytes of a regular file (or of the file a link names). A FIFO, a
    /// device or a folder is refused: reading one would block or never end.
    public static func bytes(atPath path: String) throws -> [UInt8] {
        try bytes(path: path) { open($0, O_RDONLY | O_CLOEXEC | O_NONBLOCK) }
    }

    /// The bytes of a corpus file, opened by its path's bytes (which need not
    /// be UTF-8) under the corpus folder `root`; errors name ``CorpusFile/path``.
    public static func bytes(of file: CorpusFile, in root: String) throws -> [UInt8] {
        try bytes(path: root + "/" + file.path) { _ in
            (file.location(in: root) + [0]).withUnsafeBufferPointer {
                open(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), O_RDONLY | O_CLOEXEC | O_NONBLOCK)
            }
        }
    }

    /// Reads the file that `openFile` opens (given `path` as a C string),
    /// naming `path` in errors.
    private static func bytes(path: String, openFile: (UnsafePointer<CChar>) -> Int32) throws -> [UInt8] {
        // Opened without blocking, so that a FIFO with no writer cannot hang
        // the open itself before it is refused.
        let fd = path.withCString(openFile)
        guard fd >= 0 else { throw FileReadError(path: path, reason: String(cString: strerror(errno))) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw FileReadError(path: path, reason: String(cString: strerror(errno))) }
        switch info.st_mode & S_IFMT {
        case S_IFREG: break
        case S_IFDIR: throw FileReadError(path: path, reason: "it is a folder, not a file")
        case S_IFIFO: throw FileReadError(path: path, reason: "it is a FIFO, not a regular file")
        case S_IFCHR, S_IFBLK: throw FileReadError(path: path, reason: "it is a device, not a regular file")
        default: throw FileReadError(path: path, reason: "it is not a regular file")
        }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
        var result = [UInt8](repeating: 0, count: Int(info.st_size))
        var done = 0
        while done < result.count {
            let n = result.withUnsafeMutableBytes { read(fd, $0.baseAddress! + done, $0.count - done) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileReadError(path: path, reason: String(cString: strerror(errno)))
            }
            if n == 0 { break }
            done += n
        }
        if done < result.count { result.removeLast(result.count - done) }
        return result
    }
}
