import Foundation
import PolicyAnalysis
import PolicyIndex

/// The engine as one object: an index opened (or built on first use) with
/// the dictionaries in force, and everything asked of it — searches, hits,
/// concordances, tallies, documents, terms — for the CLI and the web app alike.
///
/// Thread-safe: any number of calls may run at once. Each call works on the
/// ``IndexSnapshot`` in force when it starts; ``reloadIfCommitted()`` switches
/// to a generation that `index` committed since, while calls already running
/// finish on the old one (whose segments are unmapped when the last of them
/// lets it go).
///
/// ```swift
/// let index = try SearchIndex.open(.init(index: "Index", corpus: "Corpus"))
/// let page = try index.search(QueryParser.parse("数据交易"))
/// print(page.total, page.hits.first?.document.title ?? "")
/// ```
public final class SearchIndex: @unchecked Sendable {
    /// Where the index is, its corpus, and how it is analyzed.
    public struct Configuration: Sendable {
        /// The index folder.
        public var index: String
        /// The corpus to build from when there is no index yet (an existing
        /// index names its own corpus).
        public var corpus: String
        public var dictionaries: DictionarySelection
        /// Whether a missing index (or one of another format) is built from the corpus.
        public var buildsIfMissing: Bool
        /// Threads for a build (nil: every core).
        public var threads: Int?

        public init(index: String = "Index", corpus: String = "Corpus", dictionaries: DictionarySelection = .init(),
                    buildsIfMissing: Bool = true, threads: Int? = nil) {
            self.index = index
            self.corpus = corpus
            self.dictionaries = dictionaries
            self.buildsIfMissing = buildsIfMissing
            self.threads = threads
        }

        /// The index folder.
        public var directory: IndexDirectory { IndexDirectory(path: index) }
    }

    public let configuration: Configuration
    /// What opening found or did: a build, another analysis, other dictionaries.
    public let notices: [IndexNotice]
    private let lock = NSLock()
    private var current: IndexSnapshot
    /// The manifest file as last read by ``reloadIfCommitted()``: while it is
    /// the same file, unchanged, there is nothing new to read.
    private var readStamp: IndexDirectory.FileStamp?

    private init(configuration: Configuration, snapshot: IndexSnapshot, notices: [IndexNotice]) {
        self.configuration = configuration
        current = snapshot
        self.notices = notices
    }

    /// The generation in force now.
    public var snapshot: IndexSnapshot {
        lock.lock()
        defer { lock.unlock() }
        return current
    }

    /// The open index of the generation in force.
    public var reader: IndexReader { snapshot.reader }

    /// Opens the index, building it from the corpus first if there is none
    /// (or if it has another format: an index is derived data).
    /// `buildStarts` hears why a build starts (once the dictionaries are
    /// loaded: a bad dictionary is an error before any build), `progress` of
    /// its files as they are read.
    public static func open(_ configuration: Configuration, buildStarts: ((String) -> Void)? = nil,
                            progress: ((BuildProgress) -> Void)? = nil) throws -> SearchIndex {
        let directory = configuration.directory
        var notices: [IndexNotice] = []
        for attempt in 0... {
            let existing: IndexManifest?
            var rebuildReason: String?
            var corpus = configuration.corpus
            do {
                existing = try directory.readManifest()
                if let manifest = existing, manifest.format != IndexFormat.version {
                    rebuildReason = "the index in \(configuration.index)/ has format \(manifest.format), this policy-search reads \(IndexFormat.version)"
                    corpus = manifest.corpus
                } else if let manifest = existing, attempt == 0, let mismatch = manifest.analysis.structureMismatch {
                    // Titles and sections found by other rules: rebuilt, as a
                    // format change is (the index is derived data).
                    rebuildReason = mismatch
                    corpus = manifest.corpus
                }
            } catch IndexError.incompatible(_, let found) {
                existing = nil
                rebuildReason = found == IndexFormat.version
                    ? "the index in \(configuration.index)/ was written by another version of policy-search"
                    : "the index in \(configuration.index)/ has format \(found), this policy-search reads \(IndexFormat.version)"
                corpus = directory.recordedCorpus() ?? configuration.corpus
            }
            if let manifest = existing, rebuildReason == nil {
                let dictionary = try configuration.dictionaries.load(corpus: manifest.corpus)
                let snapshot = try IndexSnapshot(directory: directory, dictionary: dictionary, manifest: manifest)
                if let mismatch = snapshot.reader.analysisMismatch {
                    notices.append(.analysisMismatch(mismatch))
                } else if let mismatch = snapshot.reader.dictionaryMismatch(dictionary) {
                    notices.append(.dictionaryMismatch(mismatch))
                }
                return SearchIndex(configuration: configuration, snapshot: snapshot, notices: notices)
            }
            guard configuration.buildsIfMissing else {
                if let rebuildReason { throw SearchIndexError.needsRebuild(rebuildReason) }
                throw IndexError.missing(folder: configuration.index)
            }
            do {
                let reason = rebuildReason.map { "\($0): rebuilding it from \(corpus)/" }
                    ?? "no index in \(configuration.index)/ yet: building it from \(corpus)/"
                let report = try build(configuration: configuration, corpus: corpus, rebuild: rebuildReason != nil,
                                       starting: { buildStarts?(reason) }, progress: progress)
                notices.append(rebuildReason.map { .rebuilt(corpus: corpus, reason: $0, report: report) }
                    ?? .built(corpus: corpus, report: report))
            } catch IndexError.locked where attempt < 6_000 {
                // Another process is building this index (a concurrent first
                // search): wait for it, then open what it committed.
                directory.waitForWriter()
            }
        }
        preconditionFailure("unreachable")
    }

    /// Builds or updates the index of `corpus` in the configuration's folder.
    public static func build(configuration: Configuration, corpus: String, rebuild: Bool = false,
                             starting: () -> Void = {}, progress: ((BuildProgress) -> Void)? = nil) throws -> BuildReport {
        guard !corpus.isEmpty else { throw SearchIndexError.emptyCorpusPath }
        var builder = IndexBuilder(corpus: corpus, directory: configuration.directory)
        builder.dictionary = try configuration.dictionaries.load(corpus: corpus)
        starting()
        if let threads = configuration.threads { builder.threads = threads }
        builder.rebuild = rebuild
        return try builder.build(progress: progress)
    }

    /// Switches to the generation that a build committed since this one was
    /// opened, if any; calls already running finish on the old one. Returns
    /// whether it switched.
    @discardableResult
    public func reloadIfCommitted() throws -> Bool {
        let directory = configuration.directory
        // A commit renames a new manifest into place: a new file. Reading
        // one unchanged costs a decode (a server checks once a second).
        let stamp = IndexDirectory.FileStamp(path: directory.manifestPath)
        lock.lock()
        let unchanged = stamp != nil && stamp == readStamp
        lock.unlock()
        if unchanged { return false }
        guard let manifest = try directory.readManifest(), manifest.format == IndexFormat.version else { return false }
        lock.lock()
        readStamp = stamp
        lock.unlock()
        let old = snapshot
        guard manifest.generation != old.generation else { return false }
        let fresh = try IndexSnapshot(directory: directory, dictionary: old.dictionary, manifest: manifest)
        lock.lock()
        if fresh.generation > current.generation { current = fresh }
        lock.unlock()
        return true
    }

    /// How the corpus differs from what the index holds (nil: it matches).
    public func corpusChanges() throws -> CorpusChanges? {
        try snapshot.reader.corpusChanges()
    }

    /// Whether files were added, removed or renamed since the build, from a
    /// look at each folder (nil: the index records no folders; see
    /// ``IndexReader/foldersChanged()``).
    public func foldersChanged() -> Bool? {
        snapshot.reader.foldersChanged()
    }

    /// Runs `body` with a searcher of the generation in force that no other
    /// thread uses meanwhile.
    public func withSearcher<R>(_ body: (Searcher) throws -> R) throws -> R {
        try snapshot.withSearcher(body)
    }
}

extension IndexDirectory {
    /// Blocks until no process holds the folder's writer lock (a build in
    /// progress), taking and dropping a shared lock on it.
    func waitForWriter() {
        let fd = Glibc.open(file(IndexFormat.lockName), O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            usleep(100_000)
            return
        }
        defer { Glibc.close(fd) }
        while flock(fd, LOCK_SH) != 0 && errno == EINTR {}
        flock(fd, LOCK_UN)
    }
}

/// What the facade itself refuses.
public enum SearchIndexError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The index must be rebuilt (another format) and building was not allowed.
    case needsRebuild(String)
    /// The corpus folder was given as an empty path.
    case emptyCorpusPath

    public var description: String {
        switch self {
        case .needsRebuild(let reason): "\(reason): it must be rebuilt from its corpus"
        case .emptyCorpusPath: "the corpus folder is an empty path: name a folder"
        }
    }
}
