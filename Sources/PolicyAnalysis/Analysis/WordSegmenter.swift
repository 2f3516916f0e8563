/// Splits normalized text into words with ICU's dictionary-based word break
/// iterator (locale `zh`), dropping white space and punctuation.
///
/// ICU slows down sharply on very long runs without a break opportunity, so
/// text is fed to it in bounded pieces (``maximumPiece`` scalars), cut at white
/// space or punctuation where there is one.
/// Not thread-safe: give each thread its own.
public final class WordSegmenter {
    /// The longest piece of text handed to ICU at once, in scalars.
    public static let maximumPiece = 1024

    private let breaker: ICUWordBreaker
    private var units: [UInt16] = []
    private var unitScalar: [Int32] = []

    public init(locale: String = "zh") throws {
        breaker = try ICUWordBreaker(locale: locale)
    }

    /// The number of words in `scalars` (normalized text).
    public func countWords(in scalars: ArraySlice<UInt32>) -> Int {
        var total = 0
        for piece in Self.pieces(of: scalars) {
            encode(scalars[piece], keepingOffsets: false)
            total += units.withUnsafeBufferPointer { breaker.countWords(in: $0) }
        }
        return total
    }

    /// The words of normalized text, with offsets into it and into the original.
    public func tokens(of text: NormalizedText) -> [Token] {
        var tokens: [Token] = []
        let scalars = text.scalars[...]
        for piece in Self.pieces(of: scalars) {
            encode(scalars[piece], keepingOffsets: true)
            let (ends, kinds) = units.withUnsafeBufferPointer { breaker.segments(of: $0) }
            var start = 0
            for (end, status) in zip(ends, kinds) {
                defer { start = Int(end) }
                guard let kind = Self.kind(ofStatus: status) else { continue }
                let lower = piece.lowerBound + Int(unitScalar[start])
                let upper = piece.lowerBound + Int(unitScalar[Int(end)])
                let word = ScalarText.string(scalars[lower..<upper])
                tokens.append(Token(text: word, normalizedRange: lower..<upper,
                                    sourceRange: text.sourceRange(of: lower..<upper), kind: kind))
            }
        }
        return tokens
    }

    static func kind(ofStatus status: Int32) -> Token.Kind? {
        switch status {
        case 100..<200: return .number
        case 200..<300: return .letter
        case 300..<400: return .kana
        case 400..<500: return .ideographic
        default: return nil
        }
    }

    /// Cuts `scalars` into pieces of at most ``maximumPiece``, preferring to cut
    /// after white space or punctuation in the last quarter of a piece.
    static func pieces(of scalars: ArraySlice<UInt32>) -> [Range<Int>] {
        var result: [Range<Int>] = []
        var start = scalars.startIndex
        while scalars.endIndex - start > maximumPiece {
            var cut = start + maximumPiece
            var k = cut
            while k > start + maximumPiece * 3 / 4 {
                let scalar = scalars[k - 1]
                if CharacterClasses.isWhitespace(scalar) || CharacterClasses.isSentenceEnd(scalar)
                    || CharacterClasses.isClausePause(scalar)
                {
                    cut = k
                    break
                }
                k -= 1
            }
            result.append(start..<cut)
            start = cut
        }
        if start < scalars.endIndex { result.append(start..<scalars.endIndex) }
        return result
    }

    private func encode(_ scalars: ArraySlice<UInt32>, keepingOffsets: Bool) {
        units.removeAll(keepingCapacity: true)
        unitScalar.removeAll(keepingCapacity: true)
        var index: Int32 = 0
        for value in scalars {
            if value < 0x10000 {
                units.append(UInt16(truncatingIfNeeded: value))
                if keepingOffsets { unitScalar.append(index) }
            } else {
                let v = value - 0x10000
                units.append(UInt16(0xD800 + (v >> 10)))
                units.append(UInt16(0xDC00 + (v & 0x3FF)))
                if keepingOffsets { unitScalar.append(index); unitScalar.append(index) }
            }
            index += 1
        }
        if keepingOffsets { unitScalar.append(index) }
    }
}
