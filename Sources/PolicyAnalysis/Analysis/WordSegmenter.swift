/// Splits normalized text into words with ICU's dictionary-based word break
/// iterator (locale `zh`), dropping white space and punctuation; with a
/// ``UserDictionary``, its words override ICU's where they apply (see
/// ``DictionarySegmenter``). Without one, the words are exactly ICU's.
///
/// ICU reads the text as written (``NormalizedText/wordScalars``: not folded
/// to Simplified characters, which would change its words: `显著` folds to
/// `显着`, cut `显|着`); the dictionary, whose words are normalized, is matched
/// against the folded text, which has the same length and offsets.
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
    /// The piece's UTF-16 units with every run of Han characters replaced by
    /// one ``hanMask`` (when Han runs are deferred), and the scalar where each
    /// of its units starts, then the end: ICU steps through a masked run in
    /// one step instead of one per character.
    private var masked: [UInt16] = []
    private var maskedStarts: [Int] = []
    private var unitScalar: [Int32] = []
    private var scalarEnds: [Int] = []
    private var segmentStatuses: [Int32] = []
    private var deferred: [Bool] = []

    /// What stands in for a run of Han characters when ICU's rules alone find
    /// the other boundaries (a noncharacter: ICU breaks around it as around
    /// Han, and no rule looks past it, so one stands for a run as well as one
    /// for each character would).
    static let hanMask: UInt16 = 0xFDD0

    /// The dictionary whose words override ICU's, if any.
    public var dictionary: UserDictionary? { dictionarySegmenter?.dictionary }

    public convenience init(locale: String = "zh", dictionary: UserDictionary? = nil) throws {
        try self.init(locale: locale, dictionary: dictionary, deferringHanRuns: nil)
    }

    /// `deferringHanRuns` overrides the dictionary segmenter's choice (for tests).
    init(locale: String, dictionary: UserDictionary?, deferringHanRuns: Bool?) throws {
        breaker = try ICUWordBreaker(locale: locale)
        dictionarySegmenter = dictionary.map { DictionarySegmenter(dictionary: $0, deferringHanRuns: deferringHanRuns) }
    }

    /// The number of words of normalized text.
    public func countWords(in text: NormalizedText) -> Int {
        text.unfolded.isEmpty ? countWords(in: text.scalars[...]) : countWords(in: text.scalars[...], written: text.unfolded[...])
    }

    /// The number of words in `scalars` (normalized text, read as written).
    public func countWords(in scalars: ArraySlice<UInt32>) -> Int {
        countWords(in: scalars, written: scalars)
    }

    /// The number of words in `scalars` (normalized text), ICU reading
    /// `written` (the same text before folding, at the same indices).
    private func countWords(in scalars: ArraySlice<UInt32>, written: ArraySlice<UInt32>) -> Int {
        var total = 0
        guard let dictionarySegmenter else {
            var start = scalars.startIndex
            while start < scalars.endIndex {
                let end = Self.pieceEnd(of: scalars, from: start)
                total += countICUWords(in: written[start..<end])
                start = end
            }
            return total
        }
        var none: [TextSpan] = []
        var start = scalars.startIndex
        while start < scalars.endIndex {
            let piece = start..<Self.pieceEnd(of: scalars, from: start)
            start = piece.upperBound
            if !dictionarySegmenter.defersHanRuns && !dictionarySegmenter.mayMatch(scalars[piece]) {
                total += countICUWords(in: written[piece])  // no dictionary word: ICU's words stand
                continue
            }
            total += segment(scalars, written: written, piece: piece, with: dictionarySegmenter, collecting: false, into: &none)
        }
        return total
    }

    /// The number of ICU's words in one piece.
    private func countICUWords(in piece: ArraySlice<UInt32>) -> Int {
        encode(piece, keepingOffsets: false)
        return units.withUnsafeBufferPointer { breaker.countWords(in: $0) }
    }

    /// The words of normalized text, with offsets into it and into the original.
    public func tokens(of text: NormalizedText) -> [Token] {
        let scalars = text.scalars[...]
        var spans: [TextSpan] = []
        self.spans(of: text, into: &spans)
        return spans.compactMap { span in
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
        self.spans(of: scalars, into: &spans)
        return spans
    }

    /// ``spans(of:)`` appended to `spans` (for a caller that reuses one array).
    public func spans(of scalars: ArraySlice<UInt32>, into spans: inout [TextSpan]) {
        self.spans(of: scalars, written: scalars, into: &spans)
    }

    /// The segments of normalized text (``spans(of:)``, words cut from the
    /// text as written) appended to `spans`.
    public func spans(of text: NormalizedText, into spans: inout [TextSpan]) {
        self.spans(of: text.scalars[...], written: text.wordScalars[...], into: &spans)
    }

    /// The segments of `scalars`, ICU reading `written` (the same text before
    /// folding, at the same indices), appended to `spans`.
    private func spans(of scalars: ArraySlice<UInt32>, written: ArraySlice<UInt32>, into spans: inout [TextSpan]) {
        var start = scalars.startIndex
        while start < scalars.endIndex {
            let piece = start..<Self.pieceEnd(of: scalars, from: start)
            start = piece.upperBound
            if let dictionarySegmenter {
                _ = segment(scalars, written: written, piece: piece, with: dictionarySegmenter, collecting: true, into: &spans)
                continue
            }
            encode(written[piece], keepingOffsets: true)
            findSegments()
            var start = 0
            for (end, status) in zip(scalarEnds, segmentStatuses) {
                spans.append(TextSpan(range: piece.lowerBound + start..<piece.lowerBound + end,
                                      kind: Self.kind(ofStatus: status), source: nil))
                start = end
            }
        }
    }

    /// Segments one piece with the dictionary (matched in `scalars`, ICU
    /// reading `written`); returns its number of words.
    private func segment(_ scalars: ArraySlice<UInt32>, written: ArraySlice<UInt32>, piece: Range<Int>,
                         with dictionarySegmenter: DictionarySegmenter,
                         collecting: Bool, into spans: inout [TextSpan]) -> Int {
        let deferring = dictionarySegmenter.defersHanRuns && mask(written[piece])
        if deferring {
            findSegmentsDeferringHan()
        } else {
            encode(written[piece], keepingOffsets: true)
            findSegments()
        }
        let breaker = self.breaker
        // A deferred run is all Han characters of the BMP: its UTF-16 units are its scalars.
        var runUnits: [UInt16] = []
        return dictionarySegmenter.segment(
            scalars[piece], icuEnds: scalarEnds, statuses: segmentStatuses[...],
            deferred: deferring ? deferred : nil,
            segmentRun: { run in
                runUnits.removeAll(keepingCapacity: true)
                for scalar in written[piece.lowerBound + run.lowerBound..<piece.lowerBound + run.upperBound] {
                    runUnits.append(UInt16(truncatingIfNeeded: scalar))
                }
                return runUnits.withUnsafeBufferPointer { breaker.segments(of: $0) }
            },
            base: piece.lowerBound, collecting: collecting, into: &spans)
    }

    /// ICU's segments of `units`, ends in scalars, into `scalarEnds` and `segmentStatuses`.
    private func findSegments() {
        let (ends, statuses) = units.withUnsafeBufferPointer { breaker.segments(of: $0) }
        scalarEnds.removeAll(keepingCapacity: true)
        segmentStatuses.removeAll(keepingCapacity: true)
        for end in ends { scalarEnds.append(Int(unitScalar[Int(end)])) }
        segmentStatuses.append(contentsOf: statuses)
    }

    /// ICU's segments of `masked`, ends in scalars, each run of Han characters
    /// as one deferred segment.
    private func findSegmentsDeferringHan() {
        let (ends, statuses) = masked.withUnsafeBufferPointer { breaker.segments(of: $0) }
        var scalarEnds = self.scalarEnds
        var segmentStatuses = self.segmentStatuses
        var deferred = self.deferred
        self.scalarEnds = []
        self.segmentStatuses = []
        self.deferred = []
        defer {
            self.scalarEnds = scalarEnds
            self.segmentStatuses = segmentStatuses
            self.deferred = deferred
        }
        scalarEnds.removeAll(keepingCapacity: true)
        segmentStatuses.removeAll(keepingCapacity: true)
        deferred.removeAll(keepingCapacity: true)
        masked.withUnsafeBufferPointer { masked in
            maskedStarts.withUnsafeBufferPointer { maskedStarts in
                var start = 0
                for k in ends.indices {
                    let end = Int(ends[k])
                    scalarEnds.append(maskedStarts[end])
                    if masked[start] == Self.hanMask {
                        segmentStatuses.append(Self.ideographicStatus)
                        deferred.append(true)
                    } else {
                        segmentStatuses.append(statuses[k])
                        deferred.append(false)
                    }
                    start = end
                }
            }
        }
    }

    /// The rule status ICU gives ideographic words.
    static let ideographicStatus: Int32 = 400

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
        while start < scalars.endIndex {
            let end = pieceEnd(of: scalars, from: start)
            result.append(start..<end)
            start = end
        }
        return result
    }

    /// The end of the piece of `scalars` that starts at `start` (see ``pieces(of:)``).
    static func pieceEnd(of scalars: ArraySlice<UInt32>, from start: Int) -> Int {
        guard scalars.endIndex - start > maximumPiece else { return scalars.endIndex }
        var k = start + maximumPiece
        while k > start + maximumPiece * 3 / 4 {
            let scalar = scalars[k - 1]
            if CharacterClasses.isWhitespace(scalar) || CharacterClasses.isSentenceEnd(scalar)
                || CharacterClasses.isClausePause(scalar)
            {
                return k
            }
            k -= 1
        }
        return start + maximumPiece
    }

    /// Encodes `scalars` as UTF-16 into `units` (with each unit's scalar in
    /// `unitScalar` when `keepingOffsets`).
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

    /// Encodes `scalars` into `masked`, each run of Han characters as one
    /// ``hanMask``, and returns whether that is of use: whether the piece holds
    /// only characters around which ICU's segmentation is its rules' and its
    /// Han runs' apart (see ``ICU/wordCharacterClasses``).
    private func mask(_ scalars: ArraySlice<UInt32>) -> Bool {
        var masked = self.masked
        var maskedStarts = self.maskedStarts
        self.masked = []
        self.maskedStarts = []
        defer {
            self.masked = masked
            self.maskedStarts = maskedStarts
        }
        masked.removeAll(keepingCapacity: true)
        maskedStarts.removeAll(keepingCapacity: true)
        return Self.wordCharacterClasses.withUnsafeBufferPointer { classes in
            var inHan = false
            for (index, value) in scalars.enumerated() {
                guard value < 0x10000 else { return false }
                let kind = classes[Int(value)]
                if kind == 1 {
                    if inHan { continue }
                    masked.append(Self.hanMask)
                } else {
                    if kind == 2 { return false }
                    masked.append(UInt16(truncatingIfNeeded: value))
                }
                maskedStarts.append(index)
                inHan = kind == 1
            }
            maskedStarts.append(scalars.count)
            return true
        }
    }

    private static let wordCharacterClasses = ICU.wordCharacterClasses
}
