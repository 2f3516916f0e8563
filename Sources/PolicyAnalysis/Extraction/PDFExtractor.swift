/// Reads a PDF's text layer with poppler's `pdftotext` (Debian's poppler-utils)
/// and repairs it for Chinese (``PDFTextRepair``).
///
/// pdftotext runs in its default reading-order mode (not `-layout`, which pads
/// lines with spaces to mimic columns) and ends every page with a form feed.
/// A PDF that opens but yields no text has no text layer (a scan): it is
/// reported as such rather than indexed as empty; there is no OCR.
public enum PDFExtractor {
    /// How long one PDF may take.
    static let timeout = 120.0

    public static var isAvailable: Bool { ExternalProcess.find("pdftotext") != nil }

    public static func extract(path: String) throws -> ExtractedDocument {
        guard let pdftotext = ExternalProcess.find("pdftotext") else {
            throw ExtractionError("is a PDF, and pdftotext is not installed: install poppler-utils (apt-get install poppler-utils) to index PDFs")
        }
        let run = try ExternalProcess.run(pdftotext, ["-enc", "UTF-8", "-eol", "unix", path, "-"], timeout: timeout)
        if run.timedOut { throw ExtractionError("is a PDF that pdftotext could not read within \(Int(timeout)) s") }
        if run.status != 0 { throw ExtractionError(explain(status: run.status, stderr: run.stderr)) }
        let raw = String(decoding: run.stdout, as: UTF8.self)
        if !raw.unicodeScalars.contains(where: { !CharacterClasses.isWhitespace($0.value) }) {
            let pages = raw.reduce(0) { $1 == "\u{0C}" ? $0 + 1 : $0 }
            throw ExtractionError("is a PDF with no text layer (\(pages) page\(pages == 1 ? "" : "s") of images: a scan?); "
                + "it needs OCR, which policy-search does not do")
        }
        let repaired = PDFTextRepair.repair(raw)
        var warnings: [String] = []
        if run.stderr.contains("Error") {
            warnings.append("the PDF is damaged (\(firstLine(run.stderr))): some text may be missing")
        }
        return ExtractedDocument(text: repaired.text, encoding: "PDF", pageStarts: repaired.pageStarts, warnings: warnings)
    }

    /// A one-line reason from pdftotext's exit status and messages.
    static func explain(status: Int32, stderr: String) -> String {
        let lower = stderr.lowercased()
        if lower.contains("password") || status == 3 {
            return "is a password-protected PDF: pdftotext cannot open it without the password (save an unprotected copy)"
        }
        if lower.contains("xref") || lower.contains("trailer") || lower.contains("may not be a pdf") || lower.contains("eof") {
            return "is a truncated or damaged PDF: pdftotext cannot open it (\(firstLine(stderr)))"
        }
        let detail = firstLine(stderr)
        return "is a PDF that pdftotext cannot read (exit status \(status)\(detail.isEmpty ? "" : ": " + detail))"
    }

    private static func firstLine(_ text: String) -> String {
        let lines = text.split(whereSeparator: \.isNewline).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        // The most telling message is usually the last ("Couldn't read xref table").
        return lines.last ?? ""
    }
}
