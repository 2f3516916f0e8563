import CSV
import Foundation

/// A folder's `metadata.csv`: one row per document of the folder, naming it in
/// a `file` column (its file name, or its path from the folder) and giving
/// fields in the other columns (`title`, `issuer`, `region`, `level`, `date`,
/// `number`, `type`, or any other). A document's fields come from its front
/// matter first, then from this table, then from its text.
public struct MetadataTable: Sendable {
    /// Fields by file name (relative to the table's folder).
    public var rows: [String: [String: String]] = [:]

    public init(rows: [String: [String: String]] = [:]) {
        self.rows = rows
    }

    /// Why a table could not be read.
    public struct Problem: Error, CustomStringConvertible, Sendable {
        public var description: String
    }

    /// Reads a table from CSV text (UTF-8, with or without a byte order mark).
    public init(csv text: String, path: String) throws {
        var body = text
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        let reader: CSVReader
        do {
            reader = try CSVReader(string: body, hasHeaderRow: true, trimFields: true)
        } catch {
            throw Problem(description: "\(path): not a CSV table: \(error)")
        }
        guard let header = reader.headerRow, let fileColumn = header.firstIndex(of: "file") else {
            throw Problem(description: "\(path), line 1: the header has no \"file\" column")
        }
        var line = 1
        while let row = reader.next() {
            line += 1
            guard fileColumn < row.count, !row[fileColumn].isEmpty else {
                throw Problem(description: "\(path), line \(line): no file name in the \"file\" column")
            }
            var fields: [String: String] = [:]
            for (index, name) in header.enumerated() where index != fileColumn && index < row.count && !row[index].isEmpty {
                fields[name] = row[index]
            }
            rows[row[fileColumn]] = fields
        }
    }

    /// The fields of a document, by its path relative to the table's folder.
    public func fields(of relativePath: String) -> [String: String] {
        rows[relativePath] ?? [:]
    }
}
