import Foundation

/// The file formats of exports: every table the tool writes (hits, kwic
/// lines, tallies, documents) can be written in each.
public enum TableFormat: String, CaseIterable, Sendable {
    /// UTF-8 with a byte order mark and RFC 4180 quoting, so that Excel and
    /// LibreOffice open the Chinese intact.
    case csv
    case tsv
    /// JSON Lines: one object a row, numbers as numbers.
    case jsonl
    /// A Markdown table.
    case md
    /// An Excel workbook of one sheet.
    case xlsx

    /// The format a file's extension names, if any.
    public init?(path: String) {
        self.init(rawValue: (path as NSString).pathExtension.lowercased())
    }

    /// The names, for messages: "csv, tsv, jsonl, md or xlsx".
    public static var names: String {
        allCases.dropLast().map(\.rawValue).joined(separator: ", ") + " or " + allCases.last!.rawValue
    }

    /// The media type of a download.
    public var mediaType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .tsv: "text/tab-separated-values; charset=utf-8"
        case .jsonl: "application/x-ndjson; charset=utf-8"
        case .md: "text/markdown; charset=utf-8"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        }
    }
}

/// Writes a table — a header, then rows until the source gives nil — in a
/// ``TableFormat``, to a file (atomically: ``OutputFile``), to standard output
/// or to any ``ByteSink``. Columns named in ``integerColumns`` are numbers in
/// JSON Lines and XLSX, those in ``decimalColumns`` decimals.
public enum TableWriter {
    /// Columns whose cells are whole numbers (empty: null).
    public static let integerColumns: Set<String> = ["rank", "line", "endLine", "page", "documents", "passages", "occurrences", "count"]
    /// Columns whose cells are decimals.
    public static let decimalColumns: Set<String> = ["score", "share"]

    /// Writes the table to `path` ("-": standard output) and returns the number
    /// of rows. A file is replaced only once it is complete.
    public static func write(columns: [String], rows: () throws -> [String]?, format: TableFormat,
                             to path: String) throws -> Int {
        if path == "-" {
            guard format != .xlsx else {
                throw OutputError(file: "standard output", reason: "an xlsx workbook cannot go to standard output: give a file")
            }
            var output = DescriptorSink(fd: STDOUT_FILENO, name: "standard output", endsQuietlyOnClosedPipe: true)
            let count = try write(columns: columns, rows: rows, format: format, to: &output)
            try output.flush()
            return count
        }
        if format == .xlsx {
            return try withoutActuallyEscaping(rows) { rows in
                try writeWorkbook(sheets: [XLSXSheet(name: "hits", columns: columns, rows: rows)], to: path)[0]
            }
        }
        var file = try OutputFile(path: path)
        do {
            let count = try write(columns: columns, rows: rows, format: format, to: &file)
            try file.commit()
            return count
        } catch {
            file.discard()
            throw error
        }
    }

    /// Writes an Excel workbook of several sheets to `path`, atomically as
    /// every export, and returns the rows written in each sheet.
    static func writeWorkbook(sheets: [XLSXSheet], to path: String) throws -> [Int] {
        var file = try OutputFile(path: path)
        do {
            try file.close()
            unlink(file.temporary)  // ZIPFoundation creates the archive itself
            let counts = try XLSXWriter.write(sheets: sheets, to: file.temporary, name: path)
            try file.replaceTarget()
            return counts
        } catch {
            file.discard()
            throw error
        }
    }

    /// Writes the table to a sink; an XLSX workbook is made in a temporary
    /// file first (a ZIP archive ends with its directory) and then copied.
    public static func write<Sink: ByteSink>(columns: [String], rows: () throws -> [String]?, format: TableFormat,
                                             to sink: inout Sink) throws -> Int {
        var count = 0
        switch format {
        case .csv, .tsv:
            // A byte order mark, so that Excel reads the file as UTF-8.
            if format == .csv { try sink.write("\u{FEFF}") }
            let writer = format == .csv ? DelimitedWriter.csv : DelimitedWriter.tsv
            // One buffer for every row, handed to the sink as it is.
            var line: [UInt8] = []
            writer.append(columns, to: &line)
            try line.withUnsafeBytes { try sink.write($0) }
            while let row = try rows() {
                line.removeAll(keepingCapacity: true)
                writer.append(row, to: &line)
                try line.withUnsafeBytes { try sink.write($0) }
                count += 1
            }
        case .jsonl:
            while let row = try rows() {
                try sink.write(jsonLine(columns: columns, row: row) + "\n")
                count += 1
            }
        case .md:
            try sink.write("| " + columns.joined(separator: " | ") + " |\n")
            try sink.write("|" + columns.map { _ in "---" }.joined(separator: "|") + "|\n")
            while let row = try rows() {
                let cells = row.map { $0.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\r", with: " ")
                    .replacingOccurrences(of: "\n", with: " ") }
                try sink.write("| " + cells.joined(separator: " | ") + " |\n")
                count += 1
            }
        case .xlsx:
            let path = NSTemporaryDirectory() + "/policy-search-\(UUID().uuidString).xlsx"
            defer { unlink(path) }
            count = try XLSXWriter.write(columns: columns, rows: rows, to: path, name: "the workbook")
            guard let data = FileManager.default.contents(atPath: path) else {
                throw OutputError(file: "the workbook", reason: "it could not be read back")
            }
            try data.withUnsafeBytes { try sink.write($0) }
        }
        return count
    }

    /// One row as a JSON object, numbers as numbers.
    public static func jsonLine(columns: [String], row: [String]) -> String {
        var object = JSONLine()
        for (column, value) in zip(columns, row) {
            if integerColumns.contains(column) { object.field(column, Int(value)) }
            else if decimalColumns.contains(column) { object.field(column, Double(value) ?? 0) }
            else { object.field(column, value) }
        }
        return object.line
    }
}
