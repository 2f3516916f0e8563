import FuzzSupport
import PolicyAnalysis

/// libFuzzer's entry: a Word document must give text or throw, never trap.
/// The first byte picks what the rest is: even, the whole .docx file (the
/// ZIP reading); odd, the `word/document.xml` of an otherwise valid archive
/// with styles and numbering (so mutations reach the XML reading instead of
/// failing the archive's checksums).
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDOCXExtractor(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let rest = Array(fuzzBytes(data, size).dropFirst())
    let bytes = data[0] % 2 == 0 ? rest : StoredZIP.archive([
        ("[Content_Types].xml", Array(contentTypes.utf8)),
        ("word/document.xml", rest),
        ("word/styles.xml", Array(styles.utf8)),
    ])
    if let extracted = try? DOCXExtractor.extract(bytes) {
        _ = PassageSplitter().parse(extracted.text, fallbackTitle: "fuzz")
    }
    return 0
}

private let contentTypes = """
    <?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
    <Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>
    """

private let styles = """
    <?xml version="1.0" encoding="UTF-8"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">\
    <w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr></w:style>\
    <w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/><w:basedOn w:val="1"/></w:style></w:styles>
    """
