#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A buffered file writer for new index files: created exclusively, written
/// sequentially, synced to disk before it is used.
///
/// Every failure (a full disk among them) is thrown as an ``IndexError`` that
/// names the file; the caller removes the unfinished file.
final class FileSink {
    let path: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private let bufferLimit = 1 << 20
    private(set) var offset = 0
    private var written = 0

    init(path: String) throws {
        self.path = path
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IndexError.io(file: path, operation: "create", reason: MappedFile.lastError) }
        buffer.reserveCapacity(bufferLimit)
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        offset += bytes.count
        if buffer.count + bytes.count > bufferLimit { try flush() }
        if bytes.count >= bufferLimit {
            try writeFully(bytes)
        } else {
            buffer.append(contentsOf: bytes)
        }
    }

    func write(_ bytes: [UInt8]) throws { try bytes.withUnsafeBytes { try write($0) } }

    func flush() throws {
        guard !buffer.isEmpty else { return }
        try buffer.withUnsafeBytes { try writeFully($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    private func writeFully(_ bytes: UnsafeRawBufferPointer) throws {
        if IndexFault.armed == .diskFull, written + bytes.count > IndexFault.diskFullLimit {
            throw IndexError.io(file: path, operation: "write", reason: String(cString: strerror(ENOSPC)))
        }
        written += bytes.count
        var done = 0
        while done < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
            if n < 0 {
                if errno == EINTR { continue }
                throw IndexError.io(file: path, operation: "write", reason: MappedFile.lastError)
            }
            done += n
        }
    }

    /// Flushes, syncs to disk and closes.
    func close() throws {
        try flush()
        if fsync(fd) != 0 { throw IndexError.io(file: path, operation: "sync", reason: MappedFile.lastError) }
        if Glibc.close(fd) != 0 {
            fd = -1
            throw IndexError.io(file: path, operation: "close", reason: MappedFile.lastError)
        }
        fd = -1
    }
}
