import FuzzSupport
import PolicyAnalysis

/// libFuzzer's entry: any bytes as an HTML page (in any encoding it declares
/// or that is detected) must give text or throw — never trap or hang — and
/// the text must split into passages.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzHTMLExtractor(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    if let extracted = try? HTMLExtractor.extract(fuzzBytes(data, size)) {
        _ = PassageSplitter().parse(extracted.text, fallbackTitle: extracted.title ?? "fuzz")
    }
    return 0
}
