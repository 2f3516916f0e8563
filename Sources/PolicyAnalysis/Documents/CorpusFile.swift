/// A document file found in a corpus folder.
public struct CorpusFile: Sendable, Equatable, Hashable, Codable {
    /// The path relative to the corpus folder, with `/` separators, as it is
    /// shown and stored in the index. File names are bytes; most are UTF-8
    /// and read as such. A name that is not (GBK names, common in archives
    /// made on Chinese Windows) is read as GB18030, and one that is neither
    /// shows each byte that is not ASCII as `\xNN` (see ``FileName``). The
    /// file itself is opened by ``pathBytes``.
    public var path: String
    /// The path's bytes on disk when they are not the UTF-8 of ``path`` (a
    /// name that is not UTF-8); nil otherwise.
    public var pathBytes: [UInt8]?
    public var size: Int64
    /// Modification time in nanoseconds since 1970.
    public var modified: Int64

    public init(path: String, size: Int64, modified: Int64) {
        self.path = path
        self.size = size
        self.modified = modified
    }

    /// A file whose relative path on disk is `pathBytes`, shown as `path`.
    public init(path: String, pathBytes: [UInt8], size: Int64, modified: Int64) {
        self.init(path: path, size: size, modified: modified)
        if pathBytes != Array(path.utf8) { self.pathBytes = pathBytes }
    }

    /// The bytes of the path to open, `root` (the corpus folder) joined to the
    /// relative path on disk.
    public func location(in root: String) -> [UInt8] {
        Array(root.utf8) + [0x2F] + (pathBytes ?? Array(path.utf8))
    }
}
