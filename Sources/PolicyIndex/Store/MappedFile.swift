#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A read-only file mapped into memory: pages are read when touched, so
/// opening an index costs little whatever its size.
final class MappedFile: @unchecked Sendable {
    let path: String
    let bytes: UnsafeRawBufferPointer

    init(path: String) throws {
        self.path = path
        // Without blocking: a FIFO named as a segment is refused, not waited on.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw IndexError.io(file: path, operation: "open", reason: Self.lastError) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw IndexError.io(file: path, operation: "read", reason: Self.lastError) }
        guard info.st_mode & S_IFMT == S_IFREG else {
            throw IndexError.corrupt(file: path, problem: "it is not a regular file")
        }
        let size = Int(info.st_size)
        guard size > 0 else {
            self.bytes = UnsafeRawBufferPointer(start: nil, count: 0)
            return
        }
        guard let address = mmap(nil, size, PROT_READ, MAP_SHARED, fd, 0), address != MAP_FAILED else {
            throw IndexError.io(file: path, operation: "map", reason: Self.lastError)
        }
        self.bytes = UnsafeRawBufferPointer(start: address, count: size)
    }

    deinit {
        if let base = bytes.baseAddress { munmap(UnsafeMutableRawPointer(mutating: base), bytes.count) }
    }

    static var lastError: String { String(cString: strerror(errno)) }
}
