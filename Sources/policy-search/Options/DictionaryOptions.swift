import ArgumentParser
import Foundation
import PolicyAnalysis
import PolicyIndex

/// Which user dictionaries override ICU's words: the built-in policy
/// dictionary, the corpus's `dictionary.txt` and `--dictionary` files, in that
/// order. Shared by every subcommand that analyzes text.
struct DictionaryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A user dictionary: one word a line, optionally a frequency after white space, # comments (repeat for more).",
        valueName: "file"))
    var dictionary: [String] = []

    @Flag(name: .long, help: "Leave out the built-in dictionary of policy terms.")
    var noPolicyDictionary = false

    @Flag(name: .long, help: "Leave out the corpus's own dictionary.txt.")
    var noCorpusDictionary = false

    /// The dictionary files in force for `corpus`: its `dictionary.txt` when
    /// there is one (and it is not left out), then the `--dictionary` files.
    func files(corpus: String?) -> [String] {
        var files: [String] = []
        if !noCorpusDictionary, let corpus {
            let path = (corpus as NSString).appendingPathComponent(CorpusScanner.dictionaryName)
            if FileManager.default.fileExists(atPath: path) { files.append(path) }
        }
        return files + dictionary
    }

    /// The dictionary in force for `corpus`, or nil when there is no word at all
    /// (then segmentation is ICU's).
    func load(corpus: String?) throws -> UserDictionary? {
        try UserDictionary.load(files: files(corpus: corpus), includingPolicyWords: !noPolicyDictionary,
                                normalizer: TextNormalizer())
    }
}
