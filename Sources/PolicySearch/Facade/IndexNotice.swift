import PolicyIndex

/// Something a user should know about an open index, returned as a value so
/// that each front end (the CLI, the web app) says it in its own way.
public enum IndexNotice: Sendable, CustomStringConvertible {
    /// There was no index: it was built from the corpus.
    case built(corpus: String, report: BuildReport)
    /// The index had another format (or an unreadable manifest): it was rebuilt.
    case rebuilt(corpus: String, reason: String, report: BuildReport)
    /// The index was built by another analysis (ICU version, normalizer):
    /// matches may be incomplete until it is rebuilt.
    case analysisMismatch(String)
    /// The index was built with other dictionaries: matches are the same,
    /// passage lengths (ranking) differ.
    case dictionaryMismatch(String)
    /// Files of the corpus changed since the index was built.
    case corpusChanged(corpus: String, changes: CorpusChanges)

    public var description: String {
        switch self {
        case .built(let corpus, let report):
            return "built the index of \(corpus): \(report.documents) documents, \(report.passages) passages"
        case .rebuilt(let corpus, let reason, let report):
            return "\(reason): rebuilt the index of \(corpus): \(report.documents) documents, \(report.passages) passages"
        case .analysisMismatch(let text):
            return "\(text); results may be incomplete until the index is rebuilt"
        case .dictionaryMismatch(let text):
            return "\(text); matches are the same but passage lengths (ranking) differ"
        case .corpusChanged(let corpus, let changes):
            return "\(corpus) changed since the index was built (\(changes.summary))"
        }
    }
}
