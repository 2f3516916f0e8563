import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The commit protocol of an index folder, in the order a build follows it
/// (``IndexFormat``, "Files"):
///
/// 1. ``checkOwnership()``: nothing in the folder that the build would
///    overwrite or remove is someone else's;
/// 2. ``writeSegment(_:generation:)``: a new segment under a name never used
///    before, recorded in the journal first, written as `.tmp`, synced, renamed;
/// 3. ``commit(_:)``: `manifest.json.tmp` written and synced, renamed over
///    `manifest.json` (the atomic commit point), the folder synced;
/// 4. ``removeUnreferenced(keeping:previous:)``: only then, the files of the
///    index that the new manifest no longer names are removed.
///
/// A build killed anywhere leaves the previous manifest and its segments in
/// force, and its own leftovers named in the journal for the next build to remove.
extension IndexDirectory {
    /// Writes a built segment as a new segment file of this folder and
    /// returns its name; the file is complete and synced once this returns.
    func writeSegment(_ segment: inout SegmentBuilder, generation: Int) throws -> String {
        let name = try newSegmentName(generation: generation)
        let temporary = file(name + IndexFormat.temporaryExtension)
        do {
            try segment.write(to: temporary)
        } catch {
            unlink(temporary)
            throw error
        }
        try IndexFault.reach(.beforeSegmentRename)
        guard rename(temporary, file(name)) == 0 else {
            let reason = MappedFile.lastError
            unlink(temporary)
            throw IndexError.io(file: file(name), operation: "rename", reason: reason)
        }
        return name
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
}
