import Foundation
import PolicyAnalysis

/// An open index: the manifest in force and its segment.
public final class IndexReader: @unchecked Sendable {
    public let directory: IndexDirectory
    public let manifest: IndexManifest
    public let segment: Segment

    /// Opens the index in force in `directory`.
    public init(directory: IndexDirectory) throws {
        self.directory = directory
        // A build may replace the manifest and remove the old segment between
        // reading the one and opening the other: read the manifest again then.
        var attempt = 0
        while true {
            guard let manifest = try directory.readManifest() else { throw IndexError.missing(folder: directory.path) }
            guard manifest.format == IndexFormat.version else {
                throw IndexError.incompatible(file: directory.manifestPath, found: manifest.format)
            }
            do {
                segment = try Segment(path: directory.file(manifest.segment))
                self.manifest = manifest
                return
            } catch IndexError.io(let file, _, _) where attempt < 2 && !FileManager.default.fileExists(atPath: file) {
                attempt += 1
                if attempt == 2 {
                    throw IndexError.corrupt(file: directory.manifestPath, problem: "it names \(manifest.segment), which does not exist")
                }
            }
        }
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

    /// How the corpus differs from what the index holds, by file name, size and
    /// modification time (nil when it matches).
    public func corpusChanges() throws -> CorpusChanges? {
        let files = try CorpusScanner.scan(manifest.corpus, sorted: false)
        if String(CorpusScanner.fingerprint(of: files), radix: 16) == manifest.corpusFingerprint { return nil }
        var indexed: [String: (Int64, Int64)] = [:]
        for number in 0..<segment.documentCount {
            let document = try segment.document(number)
            indexed[document.path] = (document.size, document.modified)
        }
        for skipped in manifest.skipped { indexed[skipped.file.path] = (skipped.file.size, skipped.file.modified) }
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
    public var added: [String] = []
    public var changed: [String] = []
    public var removed: [String] = []

    public var isEmpty: Bool { added.isEmpty && changed.isEmpty && removed.isEmpty }

    public var summary: String {
        var parts: [String] = []
        if !added.isEmpty { parts.append("\(added.count) added") }
        if !changed.isEmpty { parts.append("\(changed.count) changed") }
        if !removed.isEmpty { parts.append("\(removed.count) removed") }
        return parts.joined(separator: ", ")
    }
}
