/// A passage ready to be indexed: its stored form and its normalized text.
public struct AnalyzedPassage: Sendable {
    /// The 1-based line of its document it is on.
    public var line: Int
    /// 0 for none, else 1 + an index into the document's sections.
    public var sectionNumber: Int
    /// The original text, shown in results, as the UTF-16 code units it is
    /// stored in (made straight from the document's scalars: no String on the way).
    public var utf16: [UInt16]
    /// The normalized scalars the terms are taken from.
    public var normalized: [UInt32]
    /// ICU words in the passage: its length for BM25.
    public var wordCount: Int
    /// Whether the passage continues the line of the passage before it (a long
    /// paragraph cut in pieces).
    public var continuesLine: Bool

    /// The original text.
    public var text: String { String(decoding: utf16, as: UTF16.self) }

    /// A passage of the given text.
    public init(line: Int, sectionNumber: Int, text: String, normalized: [UInt32], wordCount: Int, continuesLine: Bool = false) {
        self.init(line: line, sectionNumber: sectionNumber, utf16: Array(text.utf16), normalized: normalized,
                  wordCount: wordCount, continuesLine: continuesLine)
    }

    /// A passage of the given UTF-16 code units.
    public init(line: Int, sectionNumber: Int, utf16: [UInt16], normalized: [UInt32], wordCount: Int, continuesLine: Bool = false) {
        self.continuesLine = continuesLine
        self.line = line
        self.sectionNumber = sectionNumber
        self.utf16 = utf16
        self.normalized = normalized
        self.wordCount = wordCount
    }
}
