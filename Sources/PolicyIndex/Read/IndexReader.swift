import Foundation
import PolicyAnalysis

/// An open index: the manifest in force and its segments, with the documents
/// that later builds deleted taken out, and the corpus statistics of what is
/// left (what BM25 uses).
public final class IndexReader: @unchecked Sendable {
    /// The index folder.
    public let directory: IndexDirectory
    /// The manifest in force when the index was opened.
    public let manifest: IndexManifest
    /// The segments the manifest names, oldest first.
    public let segments: [Segment]
    /// Per segment: the passage ranges of its deleted documents, sorted.
    private let deletedPassages: [[Range<Int>]]
    /// Passages that count, over every segment.
    public let passageCount: Int
    /// Their ICU words.
    public let totalWords: UInt64
    /// Documents that count.
    public let documentCount: Int
    /// What the layers above derive from this generation, kept with it.
    public let memo = ReaderMemo()

    /// Opens the index in force in `directory`. `read`: its manifest, if the
    /// caller has just read it (a search reads it to decide whether to
    /// build), so as not to decode it twice.
    public init(directory: IndexDirectory, manifest read: IndexManifest? = nil) throws {
        self.directory = directory
        // A build may replace the manifest and remove an old segment between
        // reading the one and opening the other: read the manifest again then.
        var attempt = 0
        // A manifest given may be older than one read now: one more try.
        let attempts = read == nil ? 2 : 3
        var opened: (IndexManifest, [Segment])?
        var given = read
        while opened == nil {
            let fresh = try given ?? directory.readManifest()
            given = nil
            guard let manifest = fresh else { throw IndexError.missing(folder: directory.path) }
            guard manifest.format == IndexFormat.version else {
                throw IndexError.incompatible(file: directory.manifestPath, found: manifest.format)
            }
            do {
                opened = (manifest, try manifest.segments.map { try Segment(path: directory.file($0.name), id: $0.id) })
            } catch IndexError.io(let file, _, _) where attempt < attempts && !FileManager.default.fileExists(atPath: file) {
                attempt += 1
                if attempt == attempts {
                    throw IndexError.corrupt(file: directory.manifestPath, problem: "it names \((file as NSString).lastPathComponent), which does not exist")
                }
            }
        }
        let (manifest, segments) = opened!
        self.manifest = manifest
        self.segments = segments
        var deleted: [[Range<Int>]] = []
        var passages = 0
        var words: UInt64 = 0
        var documents = 0
        for (segment, entry) in zip(segments, manifest.segments) {
            var ranges: [Range<Int>] = []
            var deletedWords: UInt64 = 0
            for document in entry.deletedDocuments where document >= 0 && document < segment.documentCount {
                let range = segment.passages(ofDocument: document)
                ranges.append(range)
                for passage in range { deletedWords += UInt64(segment.length(ofPassage: passage)) }
            }
            ranges.sort { $0.lowerBound < $1.lowerBound }
            deleted.append(ranges)
            passages += segment.passageCount - ranges.reduce(0) { $0 + $1.count }
            words += segment.totalWords - min(segment.totalWords, deletedWords)
            documents += segment.documentCount - Set(entry.deletedDocuments).count
        }
        deletedPassages = deleted
        passageCount = passages
        totalWords = words
        documentCount = documents
    }

    /// The mean passage length in ICU words.
    public var averageLength: Double {
        passageCount == 0 ? 0 : Double(totalWords) / Double(passageCount)
    }

    /// Whether any segment has deleted documents.
    public var hasDeletions: Bool { deletedPassages.contains { !$0.isEmpty } }

    /// Whether a passage of a segment counts (its document was not deleted).
    public func isLive(_ passage: Int, in segment: Int) -> Bool {
        let ranges = deletedPassages[segment]
        guard !ranges.isEmpty else { return true }
        var low = 0
        var high = ranges.count
        while low < high {
            let middle = (low + high) / 2
            if ranges[middle].upperBound <= passage { low = middle + 1 } else { high = middle }
        }
        return !(low < ranges.count && ranges[low].contains(passage))
    }

    /// The live documents, as (segment, document) pairs.
    public func liveDocuments() -> [(segment: Int, document: Int)] {
        var result: [(Int, Int)] = []
        for (index, segment) in segments.enumerated() {
            let deleted = Set(manifest.segments[index].deletedDocuments)
            for document in 0..<segment.documentCount where !deleted.contains(document) { result.append((index, document)) }
        }
        return result
    }

    /// Each live document's place in corpus order (by path), for breaking ties
    /// across segments as one segment built from scratch would.
    public func corpusOrder() throws -> [[Int]] {
        var order = segments.map { [Int](repeating: -1, count: $0.documentCount) }
        let live = try liveDocuments().map { ($0.segment, $0.document, try segments[$0.segment].path(ofDocument: $0.document)) }
        for (rank, entry) in live.sorted(by: { $0.2.utf8.lexicographicallyPrecedes($1.2.utf8) }).enumerated() {
            order[entry.0][entry.1] = rank
        }
        return order
    }

    /// The size of the index's segment files in bytes.
    public var byteCount: Int { segments.reduce(0) { $0 + $1.byteCount } }

    /// How the user dictionary in force differs from the one the index was
    /// built with, or nil. Words only give passage lengths: matches are the
    /// same, rankings may not be.
    public func dictionaryMismatch(_ dictionary: UserDictionary?) -> String? {
        guard manifest.analysis.dictionary != dictionary?.identity else { return nil }
        let built = manifest.analysis.dictionary.map { "user dictionary \($0)" } ?? "no user dictionary"
        let now = dictionary.map { "user dictionary \($0.identity): \($0.summary)" } ?? "none"
        return "the index was built with \(built), this search uses \(now)"
    }

    /// Whether the analysis of this build differs from the index's, so that
    /// queries might not match what the index holds.
    public var analysisMismatch: String? {
        let current = AnalysisIdentity(normalizer: TextNormalizer.identity, icu: ICU.version,
                                       passageLimit: manifest.analysis.passageLimit)
        if manifest.analysis.normalizer != current.normalizer {
            return "the index was built with normalizer \(manifest.analysis.normalizer), this policy-search uses \(current.normalizer)"
        }
        if manifest.analysis.icu != current.icu {
            return "the index was built with ICU \(manifest.analysis.icu), this policy-search uses ICU \(current.icu)"
        }
        return nil
    }

    /// The files the index holds as current: live documents, files it skipped,
    /// and files whose time changed with their content the same.
    public func indexedFiles() throws -> [String: (size: Int64, modified: Int64)] {
        var indexed: [String: (Int64, Int64)] = [:]
        for (segment, document) in liveDocuments() {
            let entry = try segments[segment].document(document, withSections: false)
            indexed[entry.path] = (entry.size, entry.modified)
        }
        for skipped in manifest.skipped { indexed[skipped.file.path] = (skipped.file.size, skipped.file.modified) }
        for file in manifest.refreshed + manifest.metadataTables { indexed[file.path] = (file.size, file.modified) }
        return indexed
    }

    /// How the corpus differs from what the index holds, by file name, size and
    /// modification time (nil when it matches).
    public func corpusChanges() throws -> CorpusChanges? {
        let files = try CorpusScanner.scan(manifest.corpus, sorted: false)
        if String(CorpusScanner.fingerprint(of: files), radix: 16) == manifest.corpusFingerprint { return nil }
        return try differences(from: files)
    }

    /// Whether files were added to the corpus, removed or renamed since the
    /// build, told by a look at each of its folders (``IndexManifest/folders``),
    /// not at each file: true when a folder's time differs or a folder is
    /// gone, nil when the manifest records no folders (written before).
    /// Edits inside a file change no folder: only ``corpusChanges()`` sees them.
    public func foldersChanged() -> Bool? {
        let folders = manifest.folders
        guard !folders.isEmpty else { return nil }
        return CorpusScanner.foldersDiffer(from: folders, in: manifest.corpus)
    }

    private func differences(from files: [CorpusFile]) throws -> CorpusChanges? {
        let indexed = try indexedFiles()
        var changes = CorpusChanges()
        var seen = Set<String>()
        for file in files {
            seen.insert(file.path)
            if let known = indexed[file.path] {
                if known != (file.size, file.modified) { changes.changed.append(file.path) }
            } else {
                changes.added.append(file.path)
            }
        }
        changes.added.sort()
        changes.changed.sort()
        changes.removed = indexed.keys.filter { !seen.contains($0) }.sorted()
        return changes.isEmpty ? nil : changes
    }
}

/// Files that differ between a corpus folder and its index.
public struct CorpusChanges: Sendable, Equatable {
    /// Files in the corpus that the index does not hold.
    public var added: [String] = []
    /// Files whose size or time differ from the index's.
    public var changed: [String] = []
    /// Files the index holds that are no longer in the corpus.
    public var removed: [String] = []

    /// Whether nothing differs.
    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }

    /// The changes in a few words, such as "2 added, 1 removed".
    public var summary: String {
        var parts: [String] = []
        if !added.isEmpty { parts.append("\(added.count) added") }
        if !changed.isEmpty { parts.append("\(changed.count) changed") }
        if !removed.isEmpty { parts.append("\(removed.count) removed") }
        return parts.joined(separator: ", ")
    }
}
