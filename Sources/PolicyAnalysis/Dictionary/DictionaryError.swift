/// A dictionary file that cannot be read, with the line at fault.
public struct DictionaryError: Error, CustomStringConvertible, Sendable {
    /// The file, as it was named.
    public var file: String
    /// The 1-based line, or nil when the whole file is at fault.
    public var line: Int?
    public var problem: String

    public init(file: String, line: Int? = nil, problem: String) {
        self.file = file
        self.line = line
        self.problem = problem
    }

    public var description: String {
        "dictionary \(file)\(line.map { ":\($0)" } ?? ""): \(problem)"
    }
}
