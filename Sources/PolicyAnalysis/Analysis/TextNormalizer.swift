/// Normalizes text for matching: NFKC with case folding, then Traditional to
/// Simplified Chinese, then white space collapsed, and removed where it stands
/// between two Han characters.
///
/// So full-width `ＡＢＣ１２３` and half-width `abc123` are the same text, as are
/// `數據交易` and `数据交易`, and `数据 中心 联 盟` and `数据中心联盟`: Chinese is
/// written without spaces, so a space between two Han characters is letter
/// spacing or the debris of a converted PDF, not a word break. Between Latin
/// words, or between a Han character and a letter or digit (`5G 网络`), white
/// space stays (one U+0020). Both directions of the index (documents and
/// queries) go through this one normalizer, so matching is consistent.
///
/// ICU is asked once per distinct character and the answer cached; the
/// Simplified forms come from a table made from ICU's transliterator
/// (``SimplifiedForms``, checked against the system's ICU by a test). Mapping
/// character by character is deliberate: it makes normalization commute with
/// concatenation, so a passage that contains a string literally always
/// contains it after normalization, and exact recall holds. The price: the
/// transliterator's phrase rules are not applied (計畫 folds to 计画, not 计划).
/// Words are not cut from the folded text, though: folding changes them
/// (`著` is Simplified too, yet folds to `着`: `显著` would be cut `显|着`), so
/// the text before folding is kept beside it (``NormalizedText/wordScalars``),
/// scalar for scalar, for the segmenter.
/// Only a combining sequence (ICU's normalization boundaries tell) goes to ICU
/// whole, as NFKC requires.
/// Not thread-safe: give each thread its own.
public final class TextNormalizer {
    // Table entries: 0 = not yet computed; bits 28...29 kind (1 one scalar in
    // bits 0...20, NFKC_Casefold's, 2 an expansion whose index is in bits
    // 0...23, 3 nothing); bit 30 set when that one scalar has another
    // Simplified form (``simplifiedForms``); bit 31 set when the character
    // combines with what precedes it.
    private static let single: UInt32 = 1 << 28
    private static let expansion: UInt32 = 2 << 28
    private static let nothing: UInt32 = 3 << 28
    private static let kindMask: UInt32 = 3 << 28
    private static let folds: UInt32 = 1 << 30
    private static let combinesBackward: UInt32 = 1 << 31

    private var basicPlane = [UInt32](repeating: 0, count: 0x10000)
    private var otherPlanes: [UInt32: UInt32] = [:]
    /// Expansions by index: NFKC_Casefold's scalars, and each one folded.
    private var expansions: [(unfolded: [UInt32], folded: [UInt32])] = []
    private var output = Output()

    /// The identity of this analysis, recorded in an index so that an index built
    /// by another analysis (another ICU, another rule) is noticed.
    public static let identity = "nfkc_cf+traditional-simplified+ws1+han-ws0+words-unfolded/v3"

    public init() throws {}

    deinit { output.deallocate() }

    /// Simplified forms by Traditional character (``SimplifiedForms``, ICU's
    /// own mapping of each character alone).
    private static let simplified: [UInt32: UInt32] = {
        let pairs = SimplifiedForms.pairs
        var table: [UInt32: UInt32] = [:]
        table.reserveCapacity(pairs.count / 2)
        for index in stride(from: 0, to: pairs.count - 1, by: 2) { table[pairs[index]] = pairs[index + 1] }
        return table
    }()

    /// ``simplified`` as a table over the basic plane (every Traditional
    /// character that folds is there), 0 where a character stays, for the
    /// normalization loop: looked up only for the characters whose entry says
    /// that they fold.
    private static let simplifiedForms: [UInt16] = {
        var table = [UInt16](repeating: 0, count: 0x10000)
        for (from, to) in simplified { table[Int(from)] = UInt16(to) }
        return table
    }()

    /// Normalizes a string.
    public func normalize(_ text: String) -> NormalizedText {
        normalize(ScalarText.scalars(of: text)[...])
    }

    /// Normalizes a sequence of Unicode scalar values; origins count from the
    /// start of the slice.
    public func normalize(_ source: ArraySlice<UInt32>) -> NormalizedText {
        var text = NormalizedText(scalars: [], origins: [], originEnds: [], sourceCount: 0)
        normalize(source, into: &text)
        return text
    }

    /// ``normalize(_:)`` into `text`, whose buffers are reused (for a caller
    /// that normalizes many lines one after another).
    public func normalize(_ source: ArraySlice<UInt32>, into text: inout NormalizedText) {
        let base = source.startIndex
        let count = source.endIndex
        text.sourceCount = source.count
        // The table and the output are moved out of `self` for the loop: a
        // class's stored properties pay an exclusivity check on every access.
        var basicPlane = self.basicPlane
        self.basicPlane = []
        let simplifiedForms = Self.simplifiedForms
        var output = self.output
        defer {
            self.basicPlane = basicPlane
            self.output = output
        }
        // Each character writes at most one scalar, and one space for the white
        // space before it (which wrote nothing); expansions reserve their own.
        output.reserve(source.count + 1, keeping: 0)
        var written = 0
        var pendingSpace: Int32 = -1
        // Whether some scalar was folded to another: else the text's word
        // scalars are its scalars, and are not copied.
        var folded = false

        /// Writes `scalar`, which was `unfolded` before Traditional→Simplified folding.
        @inline(__always)
        func emit(_ scalar: UInt32, unfolded: UInt32, from origin: Int, to end: Int) {
            if CharacterClasses.isWhitespace(scalar) {
                if written > 0 && pendingSpace < 0 { pendingSpace = Int32(origin - base) }
                return
            }
            if pendingSpace >= 0 {
                // No space between two Han characters (the one before is the
                // last written: white space writes nothing).
                if !(CharacterClasses.isHan(scalar) && CharacterClasses.isHan(output.scalar(at: written - 1))) {
                    output.write(0x20, unfolded: 0x20, origin: pendingSpace, end: pendingSpace + 1, at: written)
                    written += 1
                }
                pendingSpace = -1
            }
            output.write(scalar, unfolded: unfolded, origin: Int32(origin - base), end: Int32(end - base), at: written)
            written += 1
        }

        /// Emits the scalars of an expansion or a combining sequence (from `origin` to `end`).
        func emit(_ mapped: (unfolded: [UInt32], folded: [UInt32]), from origin: Int, to end: Int) {
            output.reserve(written + 2 * mapped.folded.count + (count - end) + 1, keeping: written)
            if mapped.unfolded != mapped.folded { folded = true }
            for (scalar, unfolded) in zip(mapped.folded, mapped.unfolded) { emit(scalar, unfolded: unfolded, from: origin, to: end) }
        }

        @inline(__always)
        func entry(for scalar: UInt32) -> UInt32 {
            if scalar < 0x10000 {
                let cached = basicPlane[Int(scalar)]
                if cached != 0 { return cached }
                let computed = computeEntry(for: scalar)
                basicPlane[Int(scalar)] = computed
                return computed
            }
            return otherPlaneEntry(for: scalar)
        }

        /// The entry of the scalar at `i` (0 for ASCII, which the loop maps itself).
        @inline(__always)
        func entry(at i: Int) -> UInt32 {
            guard i < count else { return 0 }
            let scalar = source[i]
            return scalar < 0x80 ? 0 : entry(for: scalar)
        }

        var i = base
        // Each character's entry is looked up once: as the one after, then as the current one.
        var next = entry(at: i)
        while i < count {
            let scalar = source[i]
            let found = next
            next = entry(at: i + 1)
            if next & Self.combinesBackward != 0 {
                // A combining sequence: normalize the run as a whole.
                var j = i + 1
                repeat {
                    j += 1
                    next = entry(at: j)
                } while next & Self.combinesBackward != 0
                emit(mapRun(Array(source[i..<j])), from: i, to: j)
                i = j
                continue
            }
            if scalar < 0x80 {
                let lowered = scalar &- 0x41 < 26 ? scalar | 0x20 : scalar
                emit(lowered, unfolded: lowered, from: i, to: i + 1)
            } else {
                switch found & Self.kindMask {
                case Self.single:
                    let unfolded = found & 0x1F_FFFF
                    if found & Self.folds != 0 {
                        folded = true
                        emit(UInt32(simplifiedForms[Int(unfolded)]), unfolded: unfolded, from: i, to: i + 1)
                    } else {
                        emit(unfolded, unfolded: unfolded, from: i, to: i + 1)
                    }
                case Self.expansion: emit(expansions[Int(found & 0xFF_FFFF)], from: i, to: i + 1)
                default: break
                }
            }
            i += 1
        }
        output.copy(count: written, keepingUnfolded: folded, into: &text)
    }

    private func otherPlaneEntry(for scalar: UInt32) -> UInt32 {
        if let cached = otherPlanes[scalar] { return cached }
        let computed = computeEntry(for: scalar)
        otherPlanes[scalar] = computed
        return computed
    }

    private func computeEntry(for scalar: UInt32) -> UInt32 {
        let mapped = mapRun([scalar])
        var entry: UInt32
        switch mapped.folded.count {
        case 0: entry = Self.nothing
        case 1:
            entry = Self.single | mapped.unfolded[0]
            if mapped.folded[0] != mapped.unfolded[0] { entry |= Self.folds }
        default:
            entry = Self.expansion | UInt32(expansions.count)
            expansions.append(mapped)
        }
        if !ICU.hasNormalizationBoundary(before: scalar) { entry |= Self.combinesBackward }
        return entry
    }

    /// NFKC_Casefold by ICU on a short run of scalars, and that with each
    /// character in its Simplified form.
    func mapRun(_ run: [UInt32]) -> (unfolded: [UInt32], folded: [UInt32]) {
        var units: [UInt16] = []
        for value in run {
            guard let scalar = Unicode.Scalar(value) else { continue }
            units.append(contentsOf: UTF16.encode(scalar) ?? [])
        }
        guard let casefolded = try? ICU.nfkcCasefold(units) else { return (run, run) }
        let unfolded = String(decoding: casefolded, as: UTF16.self).unicodeScalars.map(\.value)
        return (unfolded, unfolded.map { Self.simplified[$0] ?? $0 })
    }
}

extension UTF16 {
    fileprivate static func encode(_ scalar: Unicode.Scalar) -> [UInt16]? {
        var units: [UInt16] = []
        UTF16.encode(scalar) { units.append($0) }
        return units
    }
}

extension TextNormalizer {
    /// Where a call writes normalized text before copying it into the caller's
    /// arrays in one go: writing through pointers to room reserved ahead costs
    /// no uniqueness or capacity check per character, as appending to the
    /// arrays did. Reused from call to call; freed with its normalizer.
    struct Output {
        private var scalars = ScratchBuffer<UInt32>()
        private var unfolded = ScratchBuffer<UInt32>()
        private var origins = ScratchBuffer<Int32>()
        private var originEnds = ScratchBuffer<Int32>()

        /// Makes room for `count` scalars, keeping the first `written`.
        mutating func reserve(_ count: Int, keeping written: Int) {
            scalars.setCount(written)
            unfolded.setCount(written)
            origins.setCount(written)
            originEnds.setCount(written)
            scalars.reserve(count)
            unfolded.reserve(count)
            origins.reserve(count)
            originEnds.reserve(count)
        }

        @inline(__always)
        func write(_ scalar: UInt32, unfolded: UInt32, origin: Int32, end: Int32, at index: Int) {
            scalars.base.unsafelyUnwrapped[index] = scalar
            self.unfolded.base.unsafelyUnwrapped[index] = unfolded
            origins.base.unsafelyUnwrapped[index] = origin
            originEnds.base.unsafelyUnwrapped[index] = end
        }

        /// The scalar written at `index`.
        @inline(__always)
        func scalar(at index: Int) -> UInt32 {
            scalars.base.unsafelyUnwrapped[index]
        }

        /// Replaces the contents of `text`'s arrays by the first `count` scalars
        /// written (the unfolded ones only when `keepingUnfolded`: they differ).
        func copy(count: Int, keepingUnfolded: Bool, into text: inout NormalizedText) {
            text.scalars.removeAll(keepingCapacity: true)
            text.unfolded.removeAll(keepingCapacity: true)
            text.origins.removeAll(keepingCapacity: true)
            text.originEnds.removeAll(keepingCapacity: true)
            guard count > 0 else { return }
            text.scalars.append(contentsOf: UnsafeBufferPointer(start: scalars.base, count: count))
            if keepingUnfolded { text.unfolded.append(contentsOf: UnsafeBufferPointer(start: unfolded.base, count: count)) }
            text.origins.append(contentsOf: UnsafeBufferPointer(start: origins.base, count: count))
            text.originEnds.append(contentsOf: UnsafeBufferPointer(start: originEnds.base, count: count))
        }

        func deallocate() {
            scalars.deallocate()
            unfolded.deallocate()
            origins.deallocate()
            originEnds.deallocate()
        }
    }
}
