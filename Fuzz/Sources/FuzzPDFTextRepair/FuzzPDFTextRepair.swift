import FuzzSupport
import PolicyAnalysis

/// libFuzzer's entry: any text as `pdftotext` output (form feeds between
/// pages, cut lines, page numbers) must be repaired without trapping, with
/// page starts that are lines of the repaired text, in order.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPDFTextRepair(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    let raw = String(decoding: UnsafeBufferPointer(start: data, count: size), as: UTF8.self)
    let repaired = PDFTextRepair.repair(raw)
    let lines = repaired.text.split(separator: "\n", omittingEmptySubsequences: false).count
    for (start, next) in zip(repaired.pageStarts, repaired.pageStarts.dropFirst()) where start > next {
        fatalError("page starts out of order: \(repaired.pageStarts)")
    }
    if let last = repaired.pageStarts.last, last < 1 || last > lines + 1 {
        fatalError("page start \(last) beyond the text's \(lines) lines")
    }
    return 0
}
