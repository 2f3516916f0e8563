import FuzzSupport
import PolicyAnalysis

/// One normalizer and segmenter text for every run (ICU objects are costly).
nonisolated(unsafe) private let normalizer = try! TextNormalizer()
private let sample = "国务院关于印发促进大数据发展行动纲要的通知：推进政府数据资源共享开放，２０１６年“放管服”改革。"

/// libFuzzer's entry: any bytes as a user dictionary file must load or throw
/// a DictionaryError, and a loaded dictionary must segment text into spans
/// that tile it — never trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzUserDictionary(_ data: UnsafePointer<UInt8>, _ size: Int) -> Int32 {
    guard let words = try? UserDictionary.parse(fuzzBytes(data, size), file: "fuzz.txt") else { return 0 }
    let dictionary = UserDictionary(sources: [(name: "fuzz", words: words)], normalizer: normalizer)
    guard let segmenter = try? WordSegmenter(dictionary: dictionary) else { return 0 }
    // The sample and the dictionary's own words, as text to cut.
    for text in [sample] + words.prefix(8) {
        let scalars = normalizer.normalize(text).scalars
        var end = 0
        for span in segmenter.spans(of: scalars[...]) {
            guard span.range.lowerBound >= end, span.range.upperBound <= scalars.count else {
                fatalError("span \(span.range) out of order or beyond \(scalars.count) scalars")
            }
            end = span.range.upperBound
        }
    }
    return 0
}
