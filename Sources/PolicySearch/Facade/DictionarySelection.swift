import Foundation
import PolicyAnalysis

/// Which user dictionaries override ICU's words: the built-in policy
/// dictionary, the corpus's `dictionary.txt` and extra files, in that order.
///
/// The words decide passage lengths (BM25) and so an index's identity: an
/// index built with other dictionaries answers the same matches with other
/// scores, which ``SearchIndex`` reports as an ``IndexNotice``.
public struct DictionarySelection: Sendable, Equatable {
    /// Extra dictionary files (one word a line), after the corpus's own.
    public var files: [String]
    /// Whether the built-in policy terms count.
    public var includesPolicyWords: Bool
    /// Whether the corpus's `dictionary.txt` counts.
    public var includesCorpusDictionary: Bool

    public init(files: [String] = [], includesPolicyWords: Bool = true, includesCorpusDictionary: Bool = true) {
        self.files = files
        self.includesPolicyWords = includesPolicyWords
        self.includesCorpusDictionary = includesCorpusDictionary
    }

    /// The dictionary files in force for `corpus`: its `dictionary.txt` when
    /// there is one (and it is not left out), then ``files``.
    public func paths(corpus: String?) -> [String] {
        var paths: [String] = []
        if includesCorpusDictionary, let corpus {
            let path = (corpus as NSString).appendingPathComponent(CorpusScanner.dictionaryName)
            if FileManager.default.fileExists(atPath: path) { paths.append(path) }
        }
        return paths + files
    }

    /// The dictionary in force for `corpus`, or nil when there is no word at
    /// all (then segmentation is ICU's).
    public func load(corpus: String?) throws -> UserDictionary? {
        try UserDictionary.load(files: paths(corpus: corpus), includingPolicyWords: includesPolicyWords,
                                normalizer: TextNormalizer())
    }
}
