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
        let head = bytes.prefix(8192)
        let nuls = head.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
        if nuls > 0 {
            // UTF-16 without a byte order mark: Chinese text in UTF-16 has few
            // NULs, but Latin, digits and line ends put one in every other byte,
            // all on the same side.
            if let charset = utf16WithoutMark(head), let text = decode(Array(bytes), charset: charset) {
                return DecodedText(text: text, encoding: charset, warning: "\(charset) without a byte order mark")
            }
            // A stray NUL or two in text (a damaged or concatenated file) is
            // dropped; a file of many NULs is binary. Decided by their share.
            guard nuls * 100 <= head.count else {
                throw TextDecodingError(reason: "looks like a binary file (\(nuls) NUL bytes in its first \(head.count)), not text")
            }
            var decoded = try decode(bytes.filter { $0 != 0 })
            let dropped = bytes.reduce(0) { $0 + ($1 == 0 ? 1 : 0) }
            let note = "\(dropped) NUL byte\(dropped == 1 ? "" : "s") dropped"
            decoded.warning = decoded.warning.map { $0 + "; " + note } ?? note
            return decoded
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

    /// "UTF-16LE" or "UTF-16BE" when the NULs of `bytes` fall mostly on one side
    /// of the code units (ASCII and line ends in UTF-16) and the text read so
    /// is text: almost only Han characters, ASCII, white space and CJK or
    /// full-width punctuation.
    static func utf16WithoutMark(_ bytes: ArraySlice<UInt8>) -> String? {
        guard bytes.count >= 4 else { return nil }
        var even = 0
        var odd = 0
        for (index, byte) in bytes.enumerated() where byte == 0 {
            if index % 2 == 0 { even += 1 } else { odd += 1 }
        }
        // Most NULs on one side (a Han character such as 一, U+4E00, puts one
        // on the other side now and then).
        let charset: String
        if odd > 2 * even { charset = "UTF-16LE" } else if even > 2 * odd { charset = "UTF-16BE" } else { return nil }
        guard let text = decode(Array(bytes.prefix(bytes.count & ~1)), charset: charset) else { return nil }
        var plain = 0
        var total = 0
        for scalar in text.unicodeScalars {
            total += 1
            switch scalar.value {
            case 0x09, 0x0A, 0x0D, 0x20...0x7E, 0x3000...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF00...0xFFEF,
                 0x2000...0x206F:
                plain += 1
            default: break
            }
        }
        return total > 0 && plain * 100 >= total * 95 ? charset : nil
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
