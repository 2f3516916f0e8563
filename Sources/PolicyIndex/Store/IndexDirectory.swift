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
    public let path: String

    public init(path: String) {
        self.path = path
    }

    public func file(_ name: String) -> String { path + "/" + name }

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

    /// Makes `manifest` the one in force: write, sync, rename, sync the folder.
    public func commit(_ manifest: IndexManifest) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let data = try encoder.encode(manifest)
        let temporary = manifestPath + IndexFormat.temporaryExtension
        try record(IndexFormat.manifestName + IndexFormat.temporaryExtension)
        unlink(temporary)
        let sink = try FileSink(path: temporary)
        try data.withUnsafeBytes { try sink.write($0) }
        try sink.close()
        try IndexFault.reach(.beforeManifestRename)
        guard rename(temporary, manifestPath) == 0 else {
            throw IndexError.io(file: manifestPath, operation: "replace", reason: MappedFile.lastError)
        }
        syncFolder()
    }

    /// Syncs the folder itself, so that renames in it survive a power cut.
    public func syncFolder() {
        let fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 {
            fsync(fd)
            Glibc.close(fd)
        }
    }

    /// A new segment file name, never used before in this folder, recorded
    /// in the journal before the file is made (so that only files the index
    /// made are ever removed).
    func newSegmentName(generation: Int) throws -> String {
        var generator = SystemRandomNumberGenerator()
        let random = String(generator.next() as UInt32, radix: 16)
        let name = "seg-\(generation)-\(random)\(IndexFormat.segmentExtension)"
        try record(name)
        return name
    }

    /// The names of the files this index made (``IndexFormat/journalName``).
    func journal() -> Set<String> {
        guard let data = FileManager.default.contents(atPath: file(IndexFormat.journalName)) else { return [] }
        return Set(String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init))
    }

    /// Appends a name to the journal and syncs it, before the file is made.
    func record(_ name: String) throws {
        let path = file(IndexFormat.journalName)
        let fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw IndexError.io(file: path, operation: "open", reason: MappedFile.lastError) }
        defer { Glibc.close(fd) }
        let line = Array((name + "\n").utf8)
        guard Glibc.write(fd, line, line.count) == line.count, fsync(fd) == 0 else {
            throw IndexError.io(file: path, operation: "write", reason: MappedFile.lastError)
        }
    }

    /// Whether a file name is one of the kinds the index writes: a segment,
    /// an unfinished segment, an unfinished manifest.
    static func isIndexFileName(_ name: String) -> Bool {
        (name.hasPrefix("seg-") && (name.hasSuffix(IndexFormat.segmentExtension)
            || name.hasSuffix(IndexFormat.segmentExtension + IndexFormat.temporaryExtension)))
            || name == IndexFormat.manifestName + IndexFormat.temporaryExtension
    }

    /// Checks, before a build writes anything, that the folder holds nothing
    /// of someone else's that the build would overwrite or remove: a
    /// `manifest.json` that is not a policy-search manifest, or files named as
    /// the index's own (`seg-*.psi`, `manifest.json.tmp`) that neither the
    /// manifest nor the journal names. Other files (a README) are no concern.
    func checkOwnership() throws {
        var named = journal()
        do {
            if let manifest = try readManifest() { named.formUnion(manifest.segments.map(\.name)) }
        } catch IndexError.corrupt {
            throw IndexError.foreign(file: manifestPath, problem: "it is not a policy-search manifest")
        } catch IndexError.incompatible {
            // Another version's index: its files are an index's, rebuilt over.
            return
        }
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names.sorted() where Self.isIndexFileName(name) {
            let base = name.hasSuffix(IndexFormat.temporaryExtension) ? String(name.dropLast(IndexFormat.temporaryExtension.count)) : name
            if !named.contains(base) && !named.contains(name) {
                throw IndexError.foreign(file: file(name), problem: "no manifest or journal of this index names it")
            }
        }
    }

    /// Removes the files the index made (the journal's, and the segments of
    /// `previous`, the manifest replaced) other than `keeping`, and rewrites
    /// the journal to name what is left.
    func removeUnreferenced(keeping: Set<String>, previous: Set<String> = []) {
        let owned = journal().union(previous)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: path) else { return }
        for name in names where !keeping.contains(name) && Self.isIndexFileName(name) {
            let base = name.hasSuffix(IndexFormat.temporaryExtension) ? String(name.dropLast(IndexFormat.temporaryExtension.count)) : name
            if owned.contains(base) || owned.contains(name) { unlink(file(name)) }
        }
        // The journal names what the manifest keeps, written whole then renamed.
        let journalPath = file(IndexFormat.journalName)
        let fresh = journalPath + IndexFormat.temporaryExtension
        let text = keeping.sorted().map { $0 + "\n" }.joined()
        if FileManager.default.createFile(atPath: fresh, contents: Data(text.utf8)) {
            rename(fresh, journalPath)
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

/// The writer's lock on an index folder, held while this object lives.
public final class WriteLock: @unchecked Sendable {
    private var fd: Int32

    init(fd: Int32) { self.fd = fd }

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

/// Points in a build where a test can make the process die, to prove that a
/// build killed there leaves the previous index in force.
///
/// Set the environment variable `POLICY_SEARCH_FAULT` to a point's name: the
/// process exits at once (status 86, no clean-up) when it gets there; or to
/// `disk-full`, to make writes fail as on a full disk. Only in debug builds
/// (the ones `swift test` runs): a shipped, release binary reads no such
/// variable and never exits on its own.
enum IndexFault: String, Sendable {
    case afterAnalysis = "after-analysis"
    case duringSegmentWrite = "during-segment-write"
    case beforeSegmentRename = "before-segment-rename"
    case beforeManifestRename = "before-manifest-rename"
    case beforeCleanup = "before-cleanup"
    /// Not a crash: every file write fails with "No space left on device" once
    /// a file has 8 KiB, as on a full disk.
    case diskFull = "disk-full"

    static let diskFullLimit = 8 << 10

    #if DEBUG
    static let armed: IndexFault? = ProcessInfo.processInfo.environment["POLICY_SEARCH_FAULT"].flatMap(IndexFault.init)
    #else
    static let armed: IndexFault? = nil
    #endif

    static func reach(_ point: IndexFault) throws {
        if armed == point { _exit(86) }
    }
}
