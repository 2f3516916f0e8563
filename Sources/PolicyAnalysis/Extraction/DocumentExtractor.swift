import Foundation

/// Turns a document file into the clean text that is indexed: plain text
/// decoded (UTF-8, UTF-16, GB18030, Big5), PDF through pdftotext with the
/// text repaired for Chinese (``PDFTextRepair``), Word documents read
/// directly (``DOCXExtractor``), web pages reduced to their main text
/// (``HTMLExtractor``), and legacy .doc and .wps files converted by
/// LibreOffice when it is installed (``LegacyOfficeConverter``).
///
/// The format is taken from the file's content when that is recognisable
/// (a PDF named .txt is read as a PDF, with a warning), else from its extension.
public enum DocumentExtractor {
    /// File name endings that are read as documents.
    public static let extensions = [".txt", ".md", ".pdf", ".docx", ".html", ".htm", ".xhtml", ".shtml", ".doc", ".wps"]

    /// Extracts the text of the file at `path`, whose bytes are `bytes`.
    public static func extract(_ bytes: [UInt8], path: String) throws -> ExtractedDocument {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        let named = DocumentFormat.byExtension(name) ?? .text
        let found = DocumentFormat.sniff(bytes)
        var format = named
        var warnings: [String] = []
        if let found, found != named {
            // The content decides; an HTML file named .md or .txt is still read as text
            // (Markdown may well start with a tag).
            if !(found == .html && named == .text) {
                warnings.append("named \(extensionOf(name)) but is a \(found.name): read as such")
                format = found
            }
        } else if found == nil, named != .text, named != .html {
            if bytes.isEmpty { throw ExtractionError("is empty (0 bytes), not a \(named.name)") }
            throw ExtractionError("is not a \(named.name) (\(describeStart(bytes))): a wrong extension or a damaged file")
        }
        var result: ExtractedDocument
        switch format {
        case .text:
            let decoded = try decodeText(bytes)
            result = ExtractedDocument(text: decoded.text, encoding: decoded.encoding, warnings: decoded.warning.map { [$0] } ?? [])
        case .pdf:
            result = try PDFExtractor.extract(path: path)
        case .docx:
            result = try DOCXExtractor.extract(bytes)
        case .html:
            result = try HTMLExtractor.extract(bytes)
        case .legacyOffice:
            result = try LegacyOfficeConverter.extract(path: path)
        }
        result.warnings = warnings + result.warnings
        return result
    }

    /// Extracts the text of a corpus file under the folder `root`, whose bytes
    /// are `bytes`. A file whose name is not UTF-8 cannot be named to pdftotext
    /// or LibreOffice by ``CorpusFile/path``: they are given a link to it, in a
    /// temporary folder, named by its extension.
    public static func extract(_ bytes: [UInt8], of file: CorpusFile, in root: String) throws -> ExtractedDocument {
        guard file.pathBytes != nil else { return try extract(bytes, path: root + "/" + file.path) }
        let name = file.path.split(separator: "/").last.map(String.init) ?? file.path
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("policy-search-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let alias = folder.path + "/document" + (name.lastIndex(of: ".").map { String(name[$0...]) } ?? "")
        let linked = (file.location(in: root) + [0]).withUnsafeBufferPointer {
            symlink(UnsafeRawPointer($0.baseAddress!).assumingMemoryBound(to: CChar.self), alias)
        }
        guard linked == 0 else { throw ExtractionError("cannot be given to a converter: \(String(cString: strerror(errno)))") }
        return try extract(bytes, path: alias)
    }

    private static func decodeText(_ bytes: [UInt8]) throws -> DecodedText {
        do {
            return try TextDecoder.decode(bytes)
        } catch let error as TextDecodingError {
            throw ExtractionError(error.reason)
        }
    }

    private static func extensionOf(_ name: String) -> String {
        name.lastIndex(of: ".").map { String(name[$0...]) } ?? "without an extension"
    }

    /// The first bytes, as a user can recognise them.
    static func describeStart(_ bytes: [UInt8]) -> String {
        let head = bytes.prefix(8)
        if head.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return "it starts with \"\(String(decoding: head, as: UTF8.self))\"" }
        if (try? TextDecoder.decode(Array(bytes.prefix(4096)))) != nil { return "it is text" }
        return "it starts with bytes " + head.map { String($0, radix: 16, uppercase: true).leftPadded(to: 2) }.joined(separator: " ")
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
