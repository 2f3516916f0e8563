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

    public init(files: [CorpusFile] = [], skipped: [Skipped] = []) {
        self.files = files
        self.skipped = skipped
    }
}
