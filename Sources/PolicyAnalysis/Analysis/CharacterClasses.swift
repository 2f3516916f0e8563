/// Character classes that the analysis and passage rules share.
///
/// Kept as plain switches over scalar values: they run once per character of
/// the corpus.
public enum CharacterClasses {
    /// White space as Python's `str.isspace` and ripgrep's trimming see it, so
    /// that passages trim exactly as the benchmark's line model does.
    @inlinable
    public static func isWhitespace(_ scalar: UInt32) -> Bool {
        if scalar > 0x3000 { return false }  // most Chinese text: one comparison
        switch scalar {
        case 0x09...0x0D, 0x1C...0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000:
            return true
        default:
            return false
        }
    }

    /// Whether a scalar is a Han character: CJK unified ideographs and their
    /// extensions, compatibility ideographs, and 〇. Chinese is written without
    /// spaces, so white space between two of them is no word break
    /// (``TextNormalizer``); what term discovery counts.
    @inlinable
    public static func isHan(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x3007, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x323AF: true
        default: false
        }
    }

    /// Ends of a sentence, where a long paragraph is preferably cut.
    @inlinable
    public static func isSentenceEnd(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x3002, 0xFF01, 0xFF1F, 0xFF1B, 0x21, 0x3F, 0x3B, 0xFF0E:  // 。！？；!?;．
            return true
        default:
            return false
        }
    }

    /// Pauses inside a sentence, where an overlong sentence is cut when it has no end.
    @inlinable
    public static func isClausePause(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0xFF0C, 0x3001, 0xFF1A, 0x2C, 0x3A:  // ，、：,:
            return true
        default:
            return false
        }
    }

    /// Closing quotes and brackets that belong to the sentence before a cut.
    @inlinable
    public static func isClosingMark(_ scalar: UInt32) -> Bool {
        switch scalar {
        case 0x201D, 0x2019, 0x300D, 0x300F, 0xFF09, 0x29, 0x300B, 0x3011, 0x22, 0x27:  // ”’」』）)》】"'
            return true
        default:
            return false
        }
    }
}
