import Foundation
import ZIPFoundation

/// Writes small Word documents for tests: paragraphs with a style, a list
/// numbering or an outline level, and optionally a page header and a footer
/// holding the page number (a PAGE field), as Word writes them.
struct DOCXFixture {
    struct Paragraph {
        var text: String
        var style: String? = nil
        var numbering: (id: Int, level: Int)? = nil
        var outlineLevel: Int? = nil
        /// Text in a deleted revision, which is not part of the document.
        var deleted: String? = nil
    }

    var paragraphs: [Paragraph]
    var header: String? = nil
    var pageNumberFooter = false

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
    }

    static let namespace = "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\" "
        + "xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\""

    var documentXML: String {
        var body = ""
        for paragraph in paragraphs {
            var properties = ""
            if let style = paragraph.style { properties += "<w:pStyle w:val=\"\(style)\"/>" }
            if let numbering = paragraph.numbering {
                properties += "<w:numPr><w:ilvl w:val=\"\(numbering.level)\"/><w:numId w:val=\"\(numbering.id)\"/></w:numPr>"
            }
            if let level = paragraph.outlineLevel { properties += "<w:outlineLvl w:val=\"\(level)\"/>" }
            var runs = "<w:r><w:t xml:space=\"preserve\">\(Self.escape(paragraph.text))</w:t></w:r>"
            if let deleted = paragraph.deleted {
                runs += "<w:del w:id=\"1\" w:author=\"x\"><w:r><w:delText>\(Self.escape(deleted))</w:delText></w:r></w:del>"
            }
            body += "<w:p><w:pPr>\(properties)</w:pPr>\(runs)</w:p>"
        }
        var section = "<w:sectPr>"
        if header != nil { section += "<w:headerReference w:type=\"default\" r:id=\"rIdHeader\"/>" }
        if pageNumberFooter { section += "<w:footerReference w:type=\"default\" r:id=\"rIdFooter\"/>" }
        section += "<w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"1440\" w:right=\"1440\" w:bottom=\"1440\" w:left=\"1440\" w:header=\"720\" w:footer=\"720\"/></w:sectPr>"
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:document \(Self.namespace)><w:body>\(body)\(section)</w:body></w:document>"
    }

    static let styles = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles \(namespace)>\
        <w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/></w:style>\
        <w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/></w:style>\
        <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>\
        <w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/></w:style>\
        <w:style w:type="paragraph" w:styleId="ZhengWenBiaoTi"><w:name w:val="正文标题三"/><w:basedOn w:val="2"/></w:style>\
        <w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/></w:style>\
        </w:styles>
        """

    /// List 1: 第%1条 (Chinese counting); list 2: %1、 at level 0 and （%2） at level 1.
    static let numbering = """
        <?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering \(namespace)>\
        <w:abstractNum w:abstractNumId="0"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="第%1条"/></w:lvl></w:abstractNum>\
        <w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>\
        <w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>\
        <w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num><w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>\
        </w:numbering>
        """

    var contentTypes: String {
        var overrides = "<Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
            + "<Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
            + "<Override PartName=\"/word/numbering.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml\"/>"
        if header != nil { overrides += "<Override PartName=\"/word/header1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml\"/>" }
        if pageNumberFooter { overrides += "<Override PartName=\"/word/footer1.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml\"/>" }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\"/>\(overrides)</Types>"
    }

    var documentRelationships: String {
        let base = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        var relationships = "<Relationship Id=\"rIdStyles\" Type=\"\(base)styles\" Target=\"styles.xml\"/>"
            + "<Relationship Id=\"rIdNumbering\" Type=\"\(base)numbering\" Target=\"numbering.xml\"/>"
        if header != nil { relationships += "<Relationship Id=\"rIdHeader\" Type=\"\(base)header\" Target=\"header1.xml\"/>" }
        if pageNumberFooter { relationships += "<Relationship Id=\"rIdFooter\" Type=\"\(base)footer\" Target=\"footer1.xml\"/>" }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">\(relationships)</Relationships>"
    }

    static let packageRelationships = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        + "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>"

    /// The document's bytes.
    func bytes() throws -> [UInt8] {
        let archive = try Archive(data: Data(), accessMode: .create)
        var parts: [(String, String)] = [
            ("[Content_Types].xml", contentTypes), ("_rels/.rels", Self.packageRelationships),
            ("word/_rels/document.xml.rels", documentRelationships), ("word/document.xml", documentXML),
            ("word/styles.xml", Self.styles), ("word/numbering.xml", Self.numbering),
        ]
        if let header {
            parts.append(("word/header1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:hdr \(Self.namespace)><w:p><w:r><w:t>\(Self.escape(header))</w:t></w:r></w:p></w:hdr>"))
        }
        if pageNumberFooter {
            parts.append(("word/footer1.xml", "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?><w:ftr \(Self.namespace)><w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr>"
                + "<w:r><w:t xml:space=\"preserve\">- </w:t></w:r><w:r><w:fldChar w:fldCharType=\"begin\"/></w:r><w:r><w:instrText>PAGE</w:instrText></w:r>"
                + "<w:r><w:fldChar w:fldCharType=\"separate\"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType=\"end\"/></w:r>"
                + "<w:r><w:t xml:space=\"preserve\"> -</w:t></w:r></w:p></w:ftr>"))
        }
        for (path, text) in parts {
            let data = Data(text.utf8)
            try archive.addEntry(with: path, type: .file, uncompressedSize: Int64(data.count), compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        return Array(archive.data ?? Data())
    }
}
