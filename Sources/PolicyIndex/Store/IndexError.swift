/// What can go wrong with an index, each with a one-line message that names
/// the file and says what is wrong: the facts only, naming no command and
/// giving no advice (front ends add what to do: the CLI names its commands,
/// the web app its own advice).
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
    /// A file in the index folder that the index did not make, which a build
    /// would overwrite or remove: the build stops instead.
    case foreign(file: String, problem: String)
    /// Nothing could be indexed.
    case emptyCorpus(folder: String)

    /// One line: the file and what is wrong with it.
    public var description: String {
        switch self {
        case .missing(let folder):
            return "no index in \(folder)"
        case .corrupt(let file, let problem):
            return "index file \(file) is corrupt (\(problem))"
        case .incompatible(let file, let found):
            return found == IndexFormat.version
                ? "index file \(file) was written by another version of policy-search"
                : "index file \(file) has format version \(found), this policy-search reads version \(IndexFormat.version)"
        case .locked(let lock, let holder):
            return "another policy-search is writing this index (\(lock) is held\(holder.isEmpty ? "" : " by \(holder)"))"
        case .io(let file, let operation, let reason):
            return "cannot \(operation) \(file): \(reason)"
        case .foreign(let file, let problem):
            return "\(file) is in the way: \(problem), and an index never overwrites or removes a file it did not write"
        case .emptyCorpus(let folder):
            return "no documents (text, Markdown, PDF, Word, HTML) found in \(folder)"
        }
    }
}
