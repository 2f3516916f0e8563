/// Splits normalized text into words with ICU's dictionary-based word break
/// iterator (locale `zh`), dropping white space and punctuation; with a
/// ``UserDictionary``, its words override ICU's where they apply (see
/// ``DictionarySegmenter``). Without one, the words are exactly ICU's.
///
/// ICU slows down sharply on very long runs without a break opportunity, so
/// text is fed to it in bounded pieces (``maximumPiece`` scalars), cut at white
/// space or punctuation where there is one.
/// Not thread-safe: give each thread its own.
public final class WordSegmenter {
    /// The longest piece of text handed to ICU at once, in scalars.
    public static let maximumPiece = 1024

    private let breaker: ICUWordBreaker
    private let dictionarySegmenter: DictionarySegmenter?
    private var units: [UInt16] = []
    private var unitScalar: [Int32] = []
    private var scalarEnds: [Int] = []
    private var spanBuffer: [TextSpan] = []

    /// The dictionary whose words override ICU's, if any.
    public var dictionary: UserDictionary? { dictionarySegmenter?.dictionary }

    public init(locale: String = "zh", dictionary: UserDictionary? = nil) throws {
        breaker = try ICUWordBreaker(locale: locale)
        dictionarySegmenter = dictionary.map(DictionarySegmenter.init)
    }

    /// The number of words in `scalars` (normalized text).
    public func countWords(in scalars: ArraySlice<UInt32>) -> Int {
        guard dictionarySegmenter != nil else {
            var total = 0
            for piece in Self.pieces(of: scalars) {
                encode(scalars[piece], keepingOffsets: false)
                total += units.withUnsafeBufferPointer { breaker.countWords(in: $0) }
            }
            return total
        }
        spanBuffer.removeAll(keepingCapacity: true)
        collectSpans(of: scalars, into: &spanBuffer)
        return spanBuffer.reduce(0) { $0 + ($1.kind == nil ? 0 : 1) }
    }

    /// The words of normalized text, with offsets into it and into the original.
    public func tokens(of text: NormalizedText) -> [Token] {
        let scalars = text.scalars[...]
        return spans(of: scalars).compactMap { span in
            guard let kind = span.kind else { return nil }
            return Token(text: ScalarText.string(scalars[span.range]), normalizedRange: span.range,
                         sourceRange: text.sourceRange(of: span.range), kind: kind,
                         dictionary: span.source.flatMap { dictionary?.sources[$0].name })
        }
    }

    /// Every segment of normalized text in order, words and what lies between
    /// them (punctuation, spaces), so that they join back to the whole text.
    public func spans(of scalars: ArraySlice<UInt32>) -> [TextSpan] {
        var spans: [TextSpan] = []
        collectSpans(of: scalars, into: &spans)
        return spans
    }

    private func collectSpans(of scalars: ArraySlice<UInt32>, into spans: inout [TextSpan]) {
        for piece in Self.pieces(of: scalars) {
            encode(scalars[piece], keepingOffsets: true)
            let (ends, statuses) = units.withUnsafeBufferPointer { breaker.segments(of: $0) }
            scalarEnds.removeAll(keepingCapacity: true)
            for end in ends { scalarEnds.append(Int(unitScalar[Int(end)])) }
            if let dictionarySegmenter {
                dictionarySegmenter.segment(scalars[piece], icuEnds: scalarEnds, statuses: statuses,
                                            base: piece.lowerBound, into: &spans)
            } else {
                var start = 0
                for (end, status) in zip(scalarEnds, statuses) {
                    spans.append(TextSpan(range: piece.lowerBound + start..<piece.lowerBound + end,
                                          kind: Self.kind(ofStatus: status), source: nil))
                    start = end
                }
            }
        }
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
        // The buffers are moved into locals for the loop: appending to a
        // class's stored arrays pays an exclusivity check per character.
        var units = self.units
        var unitScalar = self.unitScalar
        self.units = []
        self.unitScalar = []
        defer {
            self.units = units
            self.unitScalar = unitScalar
        }
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
