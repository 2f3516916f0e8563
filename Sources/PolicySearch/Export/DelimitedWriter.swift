/// Writes CSV (RFC 4180) or TSV rows into a string, quoting a field only when
/// it holds the delimiter, a quote or a line end, with CRLF line ends as Excel
/// expects; cells a spreadsheet would evaluate are neutralized
/// (``SpreadsheetSafety``).
///
/// Written here rather than with CSV.swift's writer, which encodes and writes
/// every character separately: it took minutes for the 277,766 hits of 的.
public struct DelimitedWriter: Sendable {
    /// An ASCII delimiter: "," or "\t".
    public let delimiter: UInt8

    public init(delimiter: UInt8) {
        self.delimiter = delimiter
    }

    /// A comma-separated writer.
    public static let csv = DelimitedWriter(delimiter: 0x2C)
    /// A tab-separated writer.
    public static let tsv = DelimitedWriter(delimiter: 0x09)

    /// One row, ended by CRLF.
    public func line(_ fields: [String]) -> String {
        var bytes: [UInt8] = []
        append(fields, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends one row, ended by CRLF, to `bytes`: each field's UTF-8 copied
    /// once, without the strings a field and a row would otherwise make (an
    /// export writes a row per hit).
    public func append(_ fields: [String], to bytes: inout [UInt8]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(delimiter) }
            var field = field
            field.withUTF8 { append(field: $0, to: &bytes) }
        }
        bytes.append(0x0D)
        bytes.append(0x0A)
    }

    /// A field as it stands in a row: neutralized, then quoted if it must be.
    public func quote(_ field: String) -> String {
        var bytes: [UInt8] = []
        var field = field
        field.withUTF8 { append(field: $0, to: &bytes) }
        return String(decoding: bytes, as: UTF8.self)
    }

    private func append(field: UnsafeBufferPointer<UInt8>, to bytes: inout [UInt8]) {
        let neutral = SpreadsheetSafety.needsApostrophe(field)
        guard field.contains(where: { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            if neutral { bytes.append(UInt8(ascii: "'")) }
            bytes.append(contentsOf: field)
            return
        }
        bytes.append(0x22)
        if neutral { bytes.append(UInt8(ascii: "'")) }
        var start = field.startIndex
        while let quote = field[start...].firstIndex(of: 0x22) {
            // A quote inside is written twice.
            bytes.append(contentsOf: UnsafeBufferPointer(rebasing: field[start...quote]))
            bytes.append(0x22)
            start = quote + 1
        }
        bytes.append(contentsOf: UnsafeBufferPointer(rebasing: field[start...]))
        bytes.append(0x22)
    }
}

/// Keeps spreadsheets from evaluating text as a formula ("CSV injection").
///
/// Excel and LibreOffice evaluate a cell of a CSV or TSV file that begins with
/// `=`, `+`, `-` or `@` (also after leading spaces, tabs or line ends): a
/// passage such as `=HYPERLINK("http://…?"&A1, "…")` would become a live
/// formula. As OWASP recommends, such a cell is written with a leading `'`,
/// which both programs show as text. A cell that is a plain number (`-1.5`)
/// is left as it is: a number is not a formula. XLSX cells are inline strings
/// and never need this.
public enum SpreadsheetSafety {
    /// `cell`, with a `'` in front when a spreadsheet would evaluate it.
    public static func neutralized(_ cell: String) -> String {
        var cell = cell
        return cell.withUTF8(needsApostrophe) ? "'" + cell : cell
    }

    /// Whether a cell (its UTF-8) needs the leading `'`.
    static func needsApostrophe(_ cell: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = cell.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }) else {
            return false
        }
        let risky = first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "@") || cell.first == 0x09 || cell.first == 0x0D
        guard risky else { return false }
        // A number is not a formula.
        return Double(String(decoding: cell, as: UTF8.self)) == nil
    }
}
