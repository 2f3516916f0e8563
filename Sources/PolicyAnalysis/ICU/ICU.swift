import CICU

/// The one place that talks to the system ICU, through the `CICU` shim.
///
/// Everything above works with Swift arrays of UTF-16 units or Unicode scalar
/// values; this file turns them into the plain C buffers that the shim takes.
public enum ICU {
    /// The version of the ICU library in use, such as "72.1".
    public static let version: String = {
        var buffer = [CChar](repeating: 0, count: 32)
        cicu_version(&buffer, Int32(buffer.count))
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }()

    /// For each BMP code point, how the dictionary segmenter may treat it: 1
    /// for Han, 2 where ICU's segmentation is not a plain function of its
    /// rules and separate Han runs (kana, complex-context scripts, marks), else 0.
    static let wordCharacterClasses: [UInt8] = {
        var table = [UInt8](repeating: 2, count: 0x10000)
        table.withUnsafeMutableBufferPointer { cicu_word_character_classes($0.baseAddress) }
        return table
    }()

    /// A failed ICU call, with ICU's own name for the error.
    public struct Failure: Error, CustomStringConvertible {
        public let operation: String
        public let code: Int32
        public var description: String {
            "ICU \(operation) failed: \(String(cString: cicu_error_name(code)))"
        }
    }

    static func check(_ status: Int32, _ operation: String) throws {
        if status > 0 { throw Failure(operation: operation, code: status) }
    }

    /// NFKC with case folding of a short piece of text.
    static func nfkcCasefold(_ units: [UInt16]) throws -> [UInt16] {
        var status: Int32 = 0
        var output = [UInt16](repeating: 0, count: max(8, units.count * 3))
        var needed = cicu_nfkc_casefold(units, Int32(units.count), &output, Int32(output.count), &status)
        if Int(needed) > output.count {
            output = [UInt16](repeating: 0, count: Int(needed))
            needed = cicu_nfkc_casefold(units, Int32(units.count), &output, Int32(output.count), &status)
        }
        try check(status, "normalization (NFKC_Casefold)")
        return Array(output.prefix(Int(needed)))
    }

    /// Whether NFKC_Casefold may normalize text piecewise before `scalar`.
    static func hasNormalizationBoundary(before scalar: UInt32) -> Bool {
        cicu_nfkc_casefold_boundary_before(scalar) != 0
    }

    /// Decodes `bytes` from `charset` strictly: nil when a byte sequence is not valid
    /// there, with the byte offset of the first bad sequence.
    static func decode(_ bytes: UnsafeRawBufferPointer, charset: String) -> (units: [UInt16]?, errorOffset: Int) {
        let source = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        var status: Int32 = 0
        var errorOffset: Int32 = -1
        var output = [UInt16](repeating: 0, count: bytes.count + 1)
        let produced = cicu_decode(charset, source, Int32(bytes.count), &output, Int32(output.count), &errorOffset, &status)
        if status > 0 { return (nil, Int(errorOffset)) }
        return (Array(output.prefix(Int(produced))), -1)
    }

    /// ICU's guess at the charset of `bytes`, with its confidence (0...100).
    static func detectCharset(_ bytes: UnsafeRawBufferPointer) -> (name: String, confidence: Int)? {
        let source = bytes.baseAddress?.assumingMemoryBound(to: CChar.self)
        var name = [CChar](repeating: 0, count: 64)
        var status: Int32 = 0
        let confidence = cicu_detect_charset(source, Int32(min(bytes.count, 1 << 20)), &name, Int32(name.count), &status)
        guard status <= 0, confidence >= 0 else { return nil }
        let text = String(decoding: name.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        return (text, Int(confidence))
    }
}

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

/// An ICU transliterator, such as "Traditional-Simplified". Not thread-safe.
final class ICUTransliterator {
    private let handle: OpaquePointer

    init(_ identifier: String) throws {
        var status: Int32 = 0
        guard let handle = cicu_transliterator_open(identifier, &status) else {
            throw ICU.Failure(operation: "transliterator \(identifier)", code: status)
        }
        self.handle = handle
    }

    deinit { cicu_transliterator_close(handle) }

    func transliterate(_ units: [UInt16]) throws -> [UInt16] {
        var buffer = units + [UInt16](repeating: 0, count: max(8, units.count * 2))
        var status: Int32 = 0
        var length = cicu_transliterate(handle, &buffer, Int32(units.count), Int32(buffer.count), &status)
        if Int(length) > buffer.count {
            buffer = units + [UInt16](repeating: 0, count: Int(length))
            length = cicu_transliterate(handle, &buffer, Int32(units.count), Int32(buffer.count), &status)
        }
        try ICU.check(status, "transliteration")
        return Array(buffer.prefix(Int(length)))
    }
}
