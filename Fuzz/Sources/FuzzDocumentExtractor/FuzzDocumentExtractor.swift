import PolicyAnalysis

/// libFuzzer's entry: any bytes, as a document of each kind the extractor
/// reads (HTML, DOCX, text in any encoding; the first byte picks the kind),
/// must give text or throw — never trap or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzDocumentExtractor(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    let names = ["a.html", "a.docx", "a.txt", "a.md"]
    let name = names[Int(data[0]) % names.count]
    if let extracted = try? DocumentExtractor.extract(bytes, path: name) {
        _ = PassageSplitter().parse(extracted.text, fallbackTitle: "fuzz")
    }
    return 0
}
