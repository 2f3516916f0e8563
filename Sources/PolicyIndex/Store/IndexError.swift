/// What can go wrong with an index, each with a message that names the file
/// and says what to do.
public enum IndexError: Error, CustomStringConvertible, Sendable {
    /// No index at this folder.
    case missing(folder: String)
    /// A file of the index is damaged: bad magic, bad checksum, cut short.
    case corrupt(file: String, problem: String)
    /// The index was written by another format version.
    case incompatible(file: String, found: UInt32)
    /// Another process is writing the index.
    case locked(lock: String, holder: String)
    /// A file could not be read or written.
    case io(file: String, operation: String, reason: String)
    /// Nothing could be indexed.
    case emptyCorpus(folder: String)

    public var description: String {
        switch self {
        case .missing(let folder):
            return "no index in \(folder): build one with `policy-search index CORPUS --index \(folder)`"
        case .corrupt(let file, let problem):
            return "index file \(file) is corrupt (\(problem)): rebuild it with `policy-search index --rebuild`"
        case .incompatible(let file, let found):
            return found == IndexFormat.version
                ? "index file \(file) was written by another version of policy-search: rebuild it with `policy-search index --rebuild`"
                : "index file \(file) has format version \(found), this policy-search reads version \(IndexFormat.version): rebuild it with `policy-search index --rebuild`"
        case .locked(let lock, let holder):
            return "another policy-search is writing this index (\(lock) is held\(holder.isEmpty ? "" : " by \(holder)")): wait for it to finish"
        case .io(let file, let operation, let reason):
            return "cannot \(operation) \(file): \(reason)"
        case .emptyCorpus(let folder):
            return "no .txt or .md documents found in \(folder)"
        }
    }
}
