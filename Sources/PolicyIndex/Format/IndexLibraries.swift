/// The versions of the C libraries the index is written with, for a
/// program's `--version` (which library wrote an index can matter when a
/// report of damage comes in).
public enum IndexLibraries {
    /// The version of the Zstandard library that compresses stored text and
    /// headings, such as "1.5.4".
    public static var zstdVersion: String { BlockCompression.libraryVersion }
}
