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
