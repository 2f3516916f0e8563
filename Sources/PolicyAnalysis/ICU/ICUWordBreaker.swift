import CICU

/// ICU's dictionary-based word break iterator (UBRK_WORD) for one locale.
///
/// Not thread-safe: give each thread its own.
final class ICUWordBreaker {
    private let handle: OpaquePointer
    private var ends: [Int32] = []
    private var kinds: [Int32] = []

    init(locale: String = "zh") throws {
        var status: Int32 = 0
        guard let handle = cicu_words_open(locale, &status) else {
            throw ICU.Failure(operation: "word break iterator (\(locale))", code: status)
        }
        self.handle = handle
    }

    deinit { cicu_words_close(handle) }

    /// The segments of `units`: each one's end offset and ICU rule status.
    func segments(of units: UnsafeBufferPointer<UInt16>) -> (ends: ArraySlice<Int32>, kinds: ArraySlice<Int32>) {
        if ends.count < units.count + 1 {
            ends = [Int32](repeating: 0, count: units.count + 1)
            kinds = [Int32](repeating: 0, count: units.count + 1)
        }
        var status: Int32 = 0
        let count = cicu_words_segment(handle, units.baseAddress, Int32(units.count), &ends, &kinds, Int32(ends.count), &status)
        if status > 0 { return ([], []) }
        let n = Int(min(count, Int32(ends.count)))
        return (ends[0..<n], kinds[0..<n])
    }

    /// The number of word segments (not spaces or punctuation) in `units`.
    func countWords(in units: UnsafeBufferPointer<UInt16>) -> Int {
        var status: Int32 = 0
        let count = cicu_words_count(handle, units.baseAddress, Int32(units.count), &status)
        return status > 0 ? 0 : Int(count)
    }
}
