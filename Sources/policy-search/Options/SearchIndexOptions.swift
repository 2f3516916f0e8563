import ArgumentParser
import Foundation
import PolicySearch

/// The index to search, the corpus it is built from on first use, and the
/// dictionaries in force: the options of every command that searches.
struct SearchIndexOptions: ParsableArguments {
    @OptionGroup var location: IndexLocation

    @Option(name: .long, help: ArgumentHelp("The corpus to index on first use.", valueName: "dir"))
    var corpus: String = "Corpus"

    @OptionGroup(title: "Dictionaries") var dictionaries: DictionaryOptions

    var configuration: SearchIndex.Configuration {
        SearchIndex.Configuration(index: location.index, corpus: corpus, dictionaries: dictionaries.selection)
    }

    /// Opens the index (building it first if need be, with a progress bar on
    /// a terminal) and says on standard error what opening found.
    func open() throws -> SearchIndex {
        let bar = ProgressBar.isAvailable ? ProgressBar() : nil
        let index: SearchIndex
        do {
            index = try SearchIndex.open(configuration, buildStarts: { note("policy-search: \($0) …") }) { bar?.update($0) }
            bar?.finish()
        } catch {
            bar?.finish()
            throw error
        }
        for notice in index.notices { report(notice, index: location.index) }
        return index
    }
}

/// Says a notice on standard error, with the command that acts on it.
func report(_ notice: IndexNotice, index: String) {
    switch notice {
    case .built(let corpus, let report), .rebuilt(let corpus, _, let report):
        IndexRun.reportSkipped(report, corpus: corpus)
        note(IndexRun.summary(report, index: index))
    case .analysisMismatch(let text):
        note("policy-search: warning: \(text); results may be incomplete: run `policy-search index --rebuild`")
    case .dictionaryMismatch(let text):
        note("policy-search: warning: \(text); matches are the same but passage lengths (ranking) differ: run `policy-search index` with the same dictionaries")
    case .corpusChanged(let corpus, let changes):
        note("policy-search: warning: \(corpus) changed since the index was built (\(changes.summary)): run `policy-search index` to update")
    }
}
