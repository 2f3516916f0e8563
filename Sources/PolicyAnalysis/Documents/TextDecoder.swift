/// Text decoded from a file's bytes, with the encoding it was found in.
public struct DecodedText: Sendable {
    public var text: String
    /// The encoding's name: "UTF-8", "GB18030", "Big5", "UTF-16LE" ...
    public var encoding: String
    /// Something a user should know, such as bytes that had to be replaced.
    public var warning: String?
}

/// Why a file's bytes could not be read as text.
public struct TextDecodingError: Error, CustomStringConvertible, Sendable {
    public var reason: String
    public var description: String { reason }
}

/// Decodes a document's bytes: UTF-8 with or without a byte order mark,
/// UTF-16 with a byte order mark, and the legacy Chinese encodings GB18030
/// (which covers GBK and GB2312) and Big5, detected and converted with ICU.
public enum TextDecoder {
    /// At most this many malformed sequences in otherwise valid UTF-8 are
    /// replaced (with U+FFFD) rather than taken as a sign of another encoding:
    /// a file cut in the middle of a character is still UTF-8.
    static let tolerableUTF8Errors = 8

    public static func decode(_ bytes: [UInt8]) throws -> DecodedText {
        if bytes.isEmpty { return DecodedText(text: "", encoding: "UTF-8") }
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) {
            let body = bytes.dropFirst(3)
            let (text, errors, _) = decodeUTF8(body)
            if errors > tolerableUTF8Errors {
                throw TextDecodingError(reason: "starts with a UTF-8 byte order mark but has \(errors) malformed UTF-8 sequences")
            }
            return DecodedText(text: text, encoding: "UTF-8", warning: replacementWarning(errors))
        }
        if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
            let charset = bytes[0] == 0xFF ? "UTF-16LE" : "UTF-16BE"
            if let text = decode(Array(bytes.dropFirst(2)), charset: charset) {
                return DecodedText(text: text, encoding: charset)
            }
            throw TextDecodingError(reason: "starts with a \(charset) byte order mark but is not valid \(charset)")
        }
        if bytes.prefix(8192).contains(0) {
            throw TextDecodingError(reason: "looks like a binary file (it contains NUL bytes), not text")
        }
        let (text, errors, multibyte) = decodeUTF8(bytes[...])
        if errors == 0 { return DecodedText(text: text, encoding: "UTF-8") }
        // A few bad sequences among many good multi-byte characters: UTF-8 that
        // was cut or damaged, not another encoding (GB18030 text hardly ever
        // forms valid UTF-8 sequences).
        if errors <= tolerableUTF8Errors, multibyte >= 8 * errors {
            return DecodedText(text: text, encoding: "UTF-8", warning: replacementWarning(errors))
        }
        // Not UTF-8. Ask ICU's detector first: Big5 text is also well-formed
        // GB18030, so only the detector's statistics tell them apart.
        let guess = bytes.withUnsafeBytes { ICU.detectCharset($0) }
        if let guess, guess.confidence >= 30, ["Big5", "EUC-KR", "Shift_JIS", "EUC-JP"].contains(guess.name),
            let decoded = decode(bytes, charset: guess.name)
        {
            return DecodedText(text: decoded, encoding: guess.name)
        }
        if let decoded = decode(bytes, charset: "GB18030") {
            return DecodedText(text: decoded, encoding: "GB18030")
        }
        throw TextDecodingError(reason: "is neither UTF-8 (\(errors) malformed sequences) nor GB18030, GBK or Big5 text")
    }

    private static func replacementWarning(_ errors: Int) -> String? {
        errors == 0 ? nil : "\(errors) malformed UTF-8 sequence\(errors == 1 ? "" : "s") replaced by U+FFFD"
    }

    /// Decodes UTF-8, replacing malformed sequences; counts them, and the
    /// well-formed characters of more than one byte.
    static func decodeUTF8(_ bytes: ArraySlice<UInt8>) -> (String, errors: Int, multibyte: Int) {
        if let valid = String(validating: bytes, as: UTF8.self) { return (valid, 0, 0) }
        var errors = 0
        var multibyte = 0
        var scalars = String.UnicodeScalarView()
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        loop: while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar):
                if scalar.value >= 0x80 { multibyte += 1 }
                scalars.append(scalar)
            case .emptyInput: break loop
            case .error:
                errors += 1
                scalars.append("\u{FFFD}")
            }
        }
        return (String(scalars), errors, multibyte)
    }

    static func decode(_ bytes: [UInt8], charset: String) -> String? {
        let (units, _) = bytes.withUnsafeBytes { ICU.decode($0, charset: charset) }
        guard let units else { return nil }
        return String(decoding: units, as: UTF16.self)
    }
}
