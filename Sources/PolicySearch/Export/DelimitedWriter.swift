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
        fields.map(quote).joined(separator: String(UnicodeScalar(delimiter))) + "\r\n"
    }

    /// A field as it stands in a row: neutralized, then quoted if it must be.
    public func quote(_ field: String) -> String {
        let field = SpreadsheetSafety.neutralized(field)
        guard field.utf8.contains(where: { $0 == delimiter || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            return field
        }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
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
        guard let first = cell.utf8.first(where: { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D && $0 != 0x0A }) else {
            return cell
        }
        let risky = first == UInt8(ascii: "=") || first == UInt8(ascii: "+") || first == UInt8(ascii: "-")
            || first == UInt8(ascii: "@") || cell.utf8.first == 0x09 || cell.utf8.first == 0x0D
        guard risky else { return cell }
        if Double(cell) != nil { return cell }
        return "'" + cell
    }
}
