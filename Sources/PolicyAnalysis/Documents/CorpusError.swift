/// Why a corpus folder could not be read.
public struct CorpusError: Error, CustomStringConvertible, Sendable {
    public var description: String

    public init(description: String) {
        self.description = description
    }

    /// An empty corpus path: refused rather than read as the current folder,
    /// which is what the system calls would make of it.
    public static let emptyPath = CorpusError(description: "the corpus folder is an empty path: name a folder")
}
