import Foundation
import PolicyAnalysis
import PolicyIndex

/// One generation of an index, open: its reader, the dictionary its queries
/// are cut with, and searchers to lend.
///
/// A ``Searcher`` holds an ICU segmenter and a normalizer's caches, which are
/// not thread-safe; the snapshot lends each caller a searcher of its own for
/// the length of a call and takes it back for the next one, so that many
/// threads search one snapshot at once without making a searcher per search.
/// The reader's segments are memory-mapped and safe to read from any thread.
public final class IndexSnapshot: @unchecked Sendable {
    /// The open index.
    public let reader: IndexReader
    /// The dictionary in force (nil: ICU's words alone).
    public let dictionary: UserDictionary?
    private let lock = NSLock()
    private var idle: [Searcher] = []

    /// Opens the index in force in `directory`; `manifest`, the one just
    /// read from it, if any (read again if its segments are gone).
    public init(directory: IndexDirectory, dictionary: UserDictionary?, manifest: IndexManifest? = nil) throws {
        reader = try IndexReader(directory: directory, manifest: manifest)
        self.dictionary = dictionary
        idle.append(try Searcher(reader: reader, dictionary: dictionary))
    }

    /// The manifest's generation: a later commit has a higher one.
    public var generation: Int { reader.manifest.generation }

    /// Runs `body` with a searcher that no other thread uses meanwhile.
    public func withSearcher<R>(_ body: (Searcher) throws -> R) throws -> R {
        lock.lock()
        let lent = idle.popLast()
        lock.unlock()
        let searcher = try lent ?? Searcher(reader: reader, dictionary: dictionary)
        defer {
            lock.lock()
            // Keep a few for the next callers; a burst's extras go away.
            if idle.count < 16 { idle.append(searcher) }
            lock.unlock()
        }
        return try body(searcher)
    }
}
