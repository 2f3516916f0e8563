import Foundation

/// The clean text of a document, as it is indexed, and where it came from.
public struct ExtractedDocument: Sendable {
    /// The text: paragraphs on lines, headings on their own lines.
    public var text: String
    /// What the text was read from: "UTF-8", "GB18030", "PDF", "DOCX",
    /// "HTML (GB18030)", "DOC via LibreOffice" …
    public var encoding: String
    /// For a paged document (PDF), the 1-based line of `text` on which each
    /// page starts, in page order (page 1 first); empty otherwise.
    public var pageStarts: [Int] = []
    /// A title the file states outside its text (an HTML `<title>`), used
    /// when the text names none.
    public var title: String?
    /// Things a user should know, such as a damaged PDF read in part.
    public var warnings: [String] = []

    public init(text: String, encoding: String, pageStarts: [Int] = [], title: String? = nil, warnings: [String] = []) {
        self.text = text
        self.encoding = encoding
        self.pageStarts = pageStarts
        self.title = title
        self.warnings = warnings
    }
}
