import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The index folder: every byte of an index is read and written through it.
///
/// Its contract: a reader never sees a partly written file. New files are
/// written under names never used before and synced; the commit is the atomic
/// rename of `manifest.json.tmp` over `manifest.json`; files no manifest names
/// are removed only after that (see ``IndexFormat``).
public struct IndexDirectory: Sendable {
    /// The folder's path.
    public let path: String

    /// The index folder at `path` (nothing is read or made yet).
    public init(path: String) {
        self.path = path
    }

    /// The path of a file of the folder.
    public func file(_ name: String) -> String { path + "/" + name }

    /// The path of `manifest.json`.
    public var manifestPath: String { file(IndexFormat.manifestName) }

    /// Creates the folder (and its parents) if needed.
    public func create() throws {
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw IndexError.io(file: path, operation: "create folder", reason: "\(error.localizedDescription)")
        }
    }

    /// The manifest in force, or nil when the folder holds no index.
    public func readManifest() throws -> IndexManifest? {
        guard FileManager.default.fileExists(atPath: manifestPath) else { return nil }
        guard let data = FileManager.default.contents(atPath: manifestPath) else {
            throw IndexError.io(file: manifestPath, operation: "read", reason: "permission denied or not a file")
        }
        do {
            return try JSONDecoder().decode(IndexManifest.self, from: data)
        } catch {
            // Valid JSON with a format number, but not this version's manifest:
            // another policy-search wrote it.
            if let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any], let format = object["format"] as? Int {
                throw IndexError.incompatible(file: manifestPath, found: UInt32(clamping: format))
            }
            throw IndexError.corrupt(file: manifestPath, problem: "not a valid manifest")
        }
    }

    /// The corpus folder that the manifest in force names, read leniently, so
    /// that an index written by another version can be rebuilt from the same
    /// corpus; nil when there is no readable manifest.
    public func recordedCorpus() -> String? {
        guard let data = FileManager.default.contents(atPath: manifestPath),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
        else { return nil }
        return object["corpus"] as? String
    }

    /// The segment names that the manifest in force names, read leniently
    /// (an index of another format is rebuilt over, and its files removed).
    func recordedSegments() -> Set<String> {
        guard let data = FileManager.default.contents(atPath: manifestPath),
            let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
            let segments = object["segments"] as? [[String: Any]]
        else { return [] }
        return Set(segments.compactMap { $0["name"] as? String }.filter(Self.isIndexFileName))
    }

    /// What tells one version of a file from another without reading it: the
    /// file (device, inode), its size and its change and modification times.
    public struct FileStamp: Equatable, Sendable {
        var values: [Int64]

        /// The stamp of the file at `path` now, or nil when it cannot be read.
        public init?(path: String) {
            var status = stat()
            guard stat(path, &status) == 0 else { return nil }
            values = [Int64(status.st_dev), Int64(status.st_ino), Int64(status.st_size),
                      Int64(status.st_mtim.tv_sec), Int64(status.st_mtim.tv_nsec),
                      Int64(status.st_ctim.tv_sec), Int64(status.st_ctim.tv_nsec)]
        }
    }

    /// Syncs the folder itself, so that renames in it survive a power cut.
    public func syncFolder() {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            Glibc.close(fd)
        }
    }

    /// Takes the writer's lock, or fails at once naming who holds it. The lock
    /// is released when the returned object goes away (or the process dies).
    public func lockForWriting() throws -> WriteLock {
        let lockPath = file(IndexFormat.lockName)
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IndexError.io(file: lockPath, operation: "open", reason: MappedFile.lastError) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            var buffer = [UInt8](repeating: 0, count: 64)
            let n = pread(fd, &buffer, 64, 0)
            Glibc.close(fd)
            let holder = n > 0 ? String(decoding: buffer.prefix(n), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
            throw IndexError.locked(lock: lockPath, holder: holder.isEmpty ? "" : "process \(holder)")
        }
        ftruncate(fd, 0)
        let pid = Array("\(getpid())\n".utf8)
        _ = pwrite(fd, pid, pid.count, 0)
        return WriteLock(fd: fd)
    }
}
