import Foundation
import ZIPFoundation

/// Writes a one-sheet Excel workbook (Office Open XML): the rows go to the
/// sheet's XML in a temporary file beside the workbook as they come (so that
/// memory does not grow with them, and a full disk shows while they are
/// written), then the parts are zipped with ZIPFoundation. Cells are inline
/// strings, or numbers for the columns that ``TableWriter`` names numeric, so
/// Excel and LibreOffice open the Chinese text as is and evaluate nothing.
enum XLSXWriter {
    /// Writes the workbook to `path` (a new file) and returns the rows written;
    /// `name` is the file the user knows, for errors.
    static func write(columns: [String], rows: () throws -> [String]?, to path: String, name: String) throws -> Int {
        let numeric = Set(columns.indices.filter {
            TableWriter.integerColumns.contains(columns[$0]) || TableWriter.decimalColumns.contains(columns[$0])
        })
        let sheetPath = path + ".sheet.xml"
        let fd = open(sheetPath, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw OutputError.errno(name) }
        defer { unlink(sheetPath) }
        var sheet = DescriptorSink(fd: fd, name: name)
        var count = 0
        do {
            try sheet.write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
                + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>")
            try sheet.write(row(columns, number: 1, numeric: []))
            while let cells = try rows() {
                count += 1
                try sheet.write(row(cells, number: count + 1, numeric: numeric))
            }
            try sheet.write("</sheetData></worksheet>")
            try sheet.flush()
            if fsync(fd) != 0 { throw OutputError.errno(name) }
            close(fd)
        } catch {
            close(fd)
            throw error
        }
        do {
            try zip(sheet: sheetPath, to: path)
        } catch {
            unlink(path)
            throw OutputError(file: name, reason: Self.reason(for: error, near: path))
        }
        return count
    }

    /// One row of the sheet; `numeric` cells that hold a number are numbers.
    static func row(_ cells: [String], number: Int, numeric: Set<Int>) -> String {
        var xml = "<row r=\"\(number)\">"
        for (column, value) in cells.enumerated() {
            let reference = columnName(column) + String(number)
            if numeric.contains(column), Double(value) != nil {
                xml += "<c r=\"\(reference)\"><v>\(value)</v></c>"
            } else {
                xml += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(escape(value))</t></is></c>"
            }
        }
        return xml + "</row>\n"
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

    /// Zips the parts of the workbook, the sheet from its file.
    private static func zip(sheet sheetPath: String, to path: String) throws {
        let archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .create)
        let parts: [(String, String)] = [
            ("[Content_Types].xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>
                """),
            ("_rels/.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>
                """),
            ("xl/workbook.xml", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="hits" sheetId="1" r:id="rId1"/></sheets></workbook>
                """),
            ("xl/_rels/workbook.xml.rels", """
                <?xml version="1.0" encoding="UTF-8" standalone="yes"?>
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>
                """),
        ]
        for (name, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: name, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) {
                position, size in data.subdata(in: Int(position)..<(Int(position) + size))
            }
        }
        try archive.addEntry(with: "xl/worksheets/sheet1.xml", fileURL: URL(fileURLWithPath: sheetPath), compressionMethod: .deflate)
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
