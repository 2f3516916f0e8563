import ArgumentParser
import PolicyAnalysis
import PolicySearch

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

    var selection: DictionarySelection {
        DictionarySelection(files: dictionary, includesPolicyWords: !noPolicyDictionary,
                            includesCorpusDictionary: !noCorpusDictionary)
    }

    /// The dictionary in force for `corpus` (nil: ICU's words alone).
    func load(corpus: String?) throws -> UserDictionary? {
        try selection.load(corpus: corpus)
    }
}
