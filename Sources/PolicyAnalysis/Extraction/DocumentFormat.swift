import Foundation

/// The kinds of document a corpus may hold.
public enum DocumentFormat: String, Sendable, CaseIterable {
    case text, pdf, docx, html, legacyOffice

    /// The format a file name's extension promises, if it is one of ours.
    public static func byExtension(_ name: String) -> DocumentFormat? {
        let lower = name.lowercased()
        guard let dot = lower.lastIndex(of: ".") else { return nil }
        switch lower[dot...] {
        case ".txt", ".md": return .text
        case ".pdf": return .pdf
        case ".docx": return .docx
        case ".html", ".htm", ".xhtml", ".shtml": return .html
        case ".doc", ".wps": return .legacyOffice
        default: return nil
        }
    }

    /// The format the bytes show (their first bytes), or nil for text or
    /// something unrecognised.
    public static func sniff(_ bytes: [UInt8]) -> DocumentFormat? {
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        // A PDF may have a little junk before its header (readers accept 1 KiB).
        if let first = bytes.prefix(1024).firstIndex(of: 0x25), bytes[first...].starts(with: Array("%PDF-".utf8)),
            !bytes.prefix(first).allSatisfy({ $0 < 0x80 && $0 != 0 })
        {
            return .pdf
        }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) || bytes.starts(with: [0x50, 0x4B, 0x05, 0x06]) { return .docx }
        if bytes.starts(with: [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) { return .legacyOffice }
        if HTMLExtractor.looksLikeHTML(bytes) { return .html }
        return nil
    }

    /// How the format is named in messages.
    var name: String {
        switch self {
        case .text: "text"
        case .pdf: "PDF"
        case .docx: "Word document (.docx)"
        case .html: "HTML page"
        case .legacyOffice: "legacy Office file (.doc, .wps)"
        }
    }
}
