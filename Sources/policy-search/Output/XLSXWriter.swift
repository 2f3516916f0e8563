import Foundation
import ZIPFoundation

/// Writes a one-sheet Excel workbook (Office Open XML): the rows go to the
/// sheet's XML in a temporary file as they come, then the parts are zipped
/// with ZIPFoundation. Cells are inline strings, or numbers for the columns
/// named in `numeric`, so Excel and LibreOffice open the Chinese text as is.
final class XLSXWriter {
    private let path: String
    private let numeric: Set<Int>
    private let sheet: FileHandle
    private let sheetPath: String
    private var row = 0

    init(path: String, numericColumns: Set<Int>) throws {
        self.path = path
        numeric = numericColumns
        sheetPath = NSTemporaryDirectory() + "/policy-search-sheet-\(UUID().uuidString).xml"
        guard FileManager.default.createFile(atPath: sheetPath, contents: nil),
            let handle = FileHandle(forWritingAtPath: sheetPath)
        else { throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: sheetPath]) }
        sheet = handle
        try write("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
            + "<worksheet xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"><sheetData>")
    }

    deinit { try? FileManager.default.removeItem(atPath: sheetPath) }

    private func write(_ text: String) throws {
        try sheet.write(contentsOf: Data(text.utf8))
    }

    /// Appends a row (the first is the header: all text).
    func append(_ cells: [String]) throws {
        row += 1
        var xml = "<row r=\"\(row)\">"
        for (column, value) in cells.enumerated() {
            let reference = Self.columnName(column) + String(row)
            if row > 1, numeric.contains(column), Double(value) != nil {
                xml += "<c r=\"\(reference)\"><v>\(value)</v></c>"
            } else {
                xml += "<c r=\"\(reference)\" t=\"inlineStr\"><is><t xml:space=\"preserve\">\(Self.escape(value))</t></is></c>"
            }
        }
        try write(xml + "</row>\n")
    }

    /// Finishes the sheet and writes the workbook to `path`.
    func finish() throws {
        try write("</sheetData></worksheet>")
        try sheet.close()
        try? FileManager.default.removeItem(atPath: path)
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
