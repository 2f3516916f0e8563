import PolicyAnalysis

/// A document as the index keeps it: where it came from and what it says of
/// itself.
public struct DocumentEntry: Sendable, Equatable {
    /// The path relative to the corpus folder.
    public var path: String
    /// Its title (from front matter or its first heading).
    public var title: String
    /// The encoding the file was decoded from, such as "UTF-8" or "GB18030".
    public var encoding: String
    /// The file's size in bytes.
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var modified: Int64
    /// FNV-1a 64 of the file's bytes.
    public var contentHash: UInt64
    /// How many lines its text has.
    public var lineCount: Int
    /// Its headings; a passage's section number is 1 + a node of this tree.
    public var sections: SectionTree
    /// Front matter fields.
    public var fields: [String: String]
    /// For a paged document (PDF), the line on which each page starts, page 1
    /// first (see ``ExtractedDocument/pageStarts``); empty otherwise.
    public var pageStarts: [Int]
    /// What it cites and the numbers it bears (written to the index; a
    /// document read back holds them only through ``Segment/citations(ofDocument:)``).
    public var citations: DocumentCitations

    /// A document entry of the given fields.
    public init(path: String, title: String, encoding: String, size: Int64, modified: Int64, contentHash: UInt64,
                lineCount: Int, sections: SectionTree, fields: [String: String], pageStarts: [Int] = [],
                citations: DocumentCitations = DocumentCitations()) {
        self.path = path
        self.title = title
        self.encoding = encoding
        self.size = size
        self.modified = modified
        self.contentHash = contentHash
        self.lineCount = lineCount
        self.sections = sections
        self.fields = fields
        self.pageStarts = pageStarts
        self.citations = citations
    }

    /// The page (1-based) that a line starts on, or nil for a document without pages.
    public func page(ofLine line: Int) -> Int? {
        guard !pageStarts.isEmpty else { return nil }
        // The last page that starts on or before the line.
        var low = 0
        var high = pageStarts.count
        while high - low > 1 {
            let middle = (low + high) / 2
            if pageStarts[middle] <= line { low = middle } else { high = middle }
        }
        return low + 1
    }
}
