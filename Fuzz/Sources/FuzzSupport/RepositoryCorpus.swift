/// The repository's sample documents (`Corpus/` beside `Fuzz/`), found from
/// this file's own path so that a target runs from any folder.
public enum RepositoryCorpus {
    public static var path: String {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        // …/Fuzz/Sources/FuzzSupport/RepositoryCorpus.swift → …/Corpus
        parts.removeLast(4)
        return parts.joined(separator: "/") + "/Corpus"
    }
}
