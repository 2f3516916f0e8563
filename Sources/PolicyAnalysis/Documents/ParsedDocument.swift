/// A document split into passages, ready for indexing.
///
/// Text is kept once, as the document's Unicode scalar values; each passage is
/// a range of them. Line numbers are 1-based and count `\n` only, as grep and
/// ripgrep do.
public struct ParsedDocument: Sendable {
    /// One passage: a paragraph (a line), or a piece of a long one cut at a
    /// sentence end.
    public struct Passage: Sendable, Equatable {
        /// The passage's scalars in ``ParsedDocument/scalars``.
        public var range: Range<Int>
        /// The line the passage is on.
        public var line: Int
        /// The node of ``ParsedDocument/sectionTree`` (and index into
        /// ``ParsedDocument/sections``), or -1 before the first heading.
        public var section: Int32

        public init(range: Range<Int>, line: Int, section: Int32) {
            self.range = range
            self.line = line
            self.section = section
        }
    }

    public var title: String
    /// Front matter fields, if any.
    public var fields: [String: String]
    public var scalars: [UInt32]
    public var passages: [Passage]
    /// The document's headings; a passage's `section` is a node of it.
    public var sectionTree: SectionTree
    /// Every heading's section path, such as `第一章 总则 > 第三条`, in order.
    public var sections: [String] { sectionTree.paths }
    public var lineCount: Int
    public var warnings: [String]

    /// The original text of a passage.
    public func text(of passage: Passage) -> String {
        ScalarText.string(scalars[passage.range])
    }

    /// The section path of a passage ("" before the first heading).
    public func section(of passage: Passage) -> String {
        sectionTree.path(of: Int(passage.section))
    }
}
