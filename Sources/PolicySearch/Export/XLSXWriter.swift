import Foundation
import ZIPFoundation

/// One sheet of a workbook: its name, its header, and its rows as they come.
/// A row may mark stretches of a cell's text (by Unicode scalar offsets),
/// which the sheet shows in bold red: the match in a passage.
struct XLSXSheet {
    var name: String
    var columns: [String]
    var rows: () throws -> (cells: [String], marks: [Int: [Range<Int>]])?

    /// A sheet of plain rows.
    init(name: String, columns: [String], rows: @escaping () throws -> [String]?) {
        self.init(name: name, columns: columns, markedRows: { try rows().map { ($0, [:]) } })
    }

    init(name: String, columns: [String], markedRows: @escaping () throws -> (cells: [String], marks: [Int: [Range<Int>]])?) {
        self.name = name
        self.columns = columns
        rows = markedRows
    }
}

/// Writes an Excel workbook (Office Open XML): each sheet's rows go to its XML
/// in a temporary file beside the workbook as they come (so that memory does
/// not grow with them, and a full disk shows while they are written), then
/// the parts are zipped with ZIPFoundation. Cells are inline strings, or
/// numbers for the columns that ``TableWriter`` names numeric, so Excel and
/// LibreOffice open the Chinese text as is and evaluate nothing.
enum XLSXWriter {
    /// Writes a workbook of one sheet to `path` (a new file) and returns the
    /// rows written; `name` is the file the user knows, for errors.
    static func write(columns: [String], rows: () throws -> [String]?, to path: String, name: String) throws -> Int {
        try withoutActuallyEscaping(rows) { rows in
            try write(sheets: [XLSXSheet(name: "hits", columns: columns, rows: rows)], to: path, name: name)[0]
        }
    }

    /// The most rows of data a sheet holds: Excel opens no sheet of more
    /// than 1,048,576 rows, the header included.
    static let rowsPerSheet = 1_048_575

    /// Writes a workbook of `sheets` to `path` (a new file) and returns the
    /// rows written from each. A sheet of more than `rowsPerSheet` rows goes
    /// on in sheets of its own, named "evidence (2)", "evidence (3)" …, each
    /// with the header.
    static func write(sheets: [XLSXSheet], to path: String, name: String, rowsPerSheet: Int = rowsPerSheet) throws -> [Int] {
        var parts: [(name: String, path: String)] = []
        defer { for part in parts { unlink(part.path) } }
        var counts: [Int] = []
        for sheetSpec in sheets {
            let numeric = Set(sheetSpec.columns.indices.filter {
                TableWriter.integerColumns.contains(sheetSpec.columns[$0]) || TableWriter.decimalColumns.contains(sheetSpec.columns[$0])
            })
            var count = 0
            var pending = try sheetSpec.rows()
            repeat {
                let continuation = count / rowsPerSheet
                let partPath = path + ".sheet\(parts.count + 1).xml"
                let fd = open(partPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
                guard fd >= 0 else { throw OutputError.errno(name) }
                let suffix = continuation == 0 ? "" : " (\(continuation + 1))"
                parts.append((String(sheetName(sheetSpec.name).prefix(31 - suffix.count)) + suffix, partPath))
                var sheet = DescriptorSink(fd: fd, name: name)
                do {
                    try sheet.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                        + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>")
                    try sheet.write(row(sheetSpec.columns, number: 1, numeric: []))
                    var inPart = 0
                    while let next = pending, inPart < rowsPerSheet {
                        inPart += 1
                        count += 1
                        try sheet.write(row(next.cells, number: inPart + 1, numeric: numeric, marks: next.marks))
                        pending = try sheetSpec.rows()
                    }
                    try sheet.write("</sheetData></worksheet>")
                    try sheet.flush()
                    if fsync(fd) != 0 { throw OutputError.errno(name) }
                    close(fd)
                } catch {
                    close(fd)
                    throw error
                }
            } while pending != nil
            counts.append(count)
        }
        do {
            try archive(sheets: parts, to: path)
        } catch {
            unlink(path)
            throw OutputError(file: name, reason: Self.reason(for: error, near: path))
        }
        return counts
    }

    /// One row of the sheet; `numeric` cells that hold a number are numbers.
    static func row(_ cells: [String], number: Int, numeric: Set<Int>, marks: [Int: [Range<Int>]] = [:]) -> String {
        var xml = "<row r=\"\(number)\">"
        for (column, value) in cells.enumerated() {
            let reference = columnName(column) + String(number)
            if numeric.contains(column), Double(value) != nil {
                xml += "<c r=\"\(reference)\"><v>\(value)</v></c>"
            } else if let ranges = marks[column], !ranges.isEmpty {
                xml += "<c r=\"\(reference)\" t=\"inlineStr\"><is>\(runs(value, marking: ranges))</is></c>"
            } else {
                xml += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(value))</t></is></c>"
            }
        }
        return xml + "</row>\n"
    }

    /// Rich-text runs of a cell: the marked stretches bold and red.
    static func runs(_ text: String, marking ranges: [Range<Int>]) -> String {
        let scalars = Array(text.unicodeScalars)
        func piece(_ range: Range<Int>) -> String { escape(String(String.UnicodeScalarView(scalars[range]))) }
        var xml = "", cursor = 0
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            let lower = max(cursor, min(range.lowerBound, scalars.count)), upper = min(range.upperBound, scalars.count)
            guard lower < upper else { continue }
            if cursor < lower { xml += "<r><t xml:space=\"preserve\">\(piece(cursor..<lower))</t></r>" }
            xml += "<r><rPr><b/><color rgb=\"FFC00000\"/></rPr><t xml:space=\"preserve\">\(piece(lower..<upper))</t></r>"
            cursor = upper
        }
        if cursor < scalars.count || xml.isEmpty { xml += "<r><t xml:space=\"preserve\">\(piece(cursor..<scalars.count))</t></r>" }
        return xml
    }

    /// ZIPFoundation's errors do not carry the system's reason: a full disk is
    /// told by trying to write a little beside the file.
    static func reason(for error: Error, near path: String) -> String {
        let probe = path + ".probe"
        defer { unlink(probe) }
        let fd = open(probe, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        if fd < 0 { return String(cString: strerror(errno)) }
        defer { close(fd) }
        let block = [UInt8](repeating: 0, count: 1 << 16)
        if Glibc.write(fd, block, block.count) < 0 || fsync(fd) != 0 { return String(cString: strerror(errno)) }
        return "the workbook could not be written (\(error))"
    }

    /// Zips the parts of the workbook, each sheet from its file.
    private static func archive(sheets: [(name: String, path: String)], to path: String) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let numbers = sheets.indices.map { $0 + 1 }
        let overrides = numbers.map {
            "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>"
        }.joined()
        let sheetList = zip(sheets, numbers).map { sheet, number in
            "<sheet name=\"\(escape(sheetName(sheet.name)))\" sheetId=\"\(number)\" r:id=\"rId\(number)\"/>"
        }.joined()
        let relations = numbers.map {
            "<Relationship Id=\"rId\($0)\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet\" Target=\"worksheets/sheet\($0).xml\"/>"
        }.joined()
        let parts: [(String, String)] = [
            ("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\(overrides)</Types>
                """),
            ("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """),
            ("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>\(sheetList)</sheets></workbook>
                """),
            ("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\(relations)</Relationships>
                """),
        ]
        for (name, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                position, size in data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        for (sheet, number) in zip(sheets, numbers) {
            try archive.addEntry(with: "xl/worksheets/sheet\(number).xml", fileURL: URL(fileURLWithPath: sheet.path), compressionMethod: .deflate)
        }
    }

    /// A sheet's name as Excel takes it: at most 31 characters, none of `[]:*?/\`.
    static func sheetName(_ name: String) -> String {
        let cleaned = String(name.unicodeScalars.map { "[]:*?/\\".unicodeScalars.contains($0) ? "_" : Character($0) })
        return cleaned.isEmpty ? "sheet" : String(cleaned.prefix(31))
    }

    /// A, B … Z, AA …
    static func columnName(_ index: Int) -> String {
        var name = ""
        var n = index + 1
        while n > 0 {
            let remainder = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + remainder))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// Text as XML character data; characters XML 1.0 cannot hold are dropped.
    static func escape(_ text: String) -> String {
        // Most cells need nothing: a pass over the UTF-8 bytes says so
        // (U+FFFE and U+FFFF are EF BF BE and EF BF BF).
        var clean = true
        var previous: (UInt8, UInt8) = (0, 0)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "\""): clean = false
            case 0..<0x20 where byte != 0x09 && byte != 0x0A && byte != 0x0D: clean = false
            case 0xBE, 0xBF where previous == (0xEF, 0xBF): clean = false
            default: break
            }
            if !clean { break }
            previous = (previous.1, byte)
        }
        if clean { return text }
        var result = ""
        result.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
            case _ where scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF: continue
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }
}
