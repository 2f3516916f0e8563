import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The writer's lock on an index folder, held while this object lives.
public final class WriteLock: @unchecked Sendable {
    private var fd: Int32

    init(fd: Int32) { self.fd = fd }

    /// Releases the lock (also done when the object goes away).
    public func release() {
        if fd >= 0 {
            ftruncate(fd, 0)
            flock(fd, LOCK_UN)
            Glibc.close(fd)
            fd = -1
        }
    }

    deinit { release() }
}
