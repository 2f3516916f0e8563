/// What a scan of a corpus folder found: the documents (and metadata tables),
/// and what it passed over, by name, with the reason.
public struct CorpusListing: Sendable, Equatable {
    /// Something in the corpus that looked like a document or a folder of
    /// them but was not read: an unreadable folder, a FIFO named `.txt`, a
    /// symbolic link that leads out of the corpus or to something read already.
    public struct Skipped: Sendable, Equatable {
        /// The path relative to the corpus folder, shown as ``CorpusFile/path`` is.
        public var path: String
        public var reason: String

        public init(path: String, reason: String) {
            self.path = path
            self.reason = reason
        }
    }

    public var files: [CorpusFile] = []
    public var skipped: [Skipped] = []
    /// Every folder read, the corpus folder first (path ""), with its
    /// modification time (size 0): adding, removing or renaming a file
    /// changes its folder's time, so comparing these tells whether the set
    /// of files changed at the cost of a look at each folder.
    public var folders: [CorpusFile] = []

    public init(files: [CorpusFile] = [], skipped: [Skipped] = []) {
        self.files = files
        self.skipped = skipped
    }
}
