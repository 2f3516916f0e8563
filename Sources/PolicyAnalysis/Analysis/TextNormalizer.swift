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
/// Only a combining sequence (ICU's normalization boundaries tell) goes to ICU
/// whole, as NFKC requires.
/// Not thread-safe: give each thread its own.
public final class TextNormalizer {
    // Table entries: 0 = not yet computed; bits 28...29 kind (1 one scalar in
    // bits 0...20, 2 an expansion whose index is in bits 0...23, 3 nothing);
    // bit 31 set when the character combines with what precedes it.
    private static let single: UInt32 = 1 << 28
    private static let expansion: UInt32 = 2 << 28
    private static let nothing: UInt32 = 3 << 28
    private static let kindMask: UInt32 = 3 << 28
    private static let combinesBackward: UInt32 = 1 << 31

    private var basicPlane = [UInt32](repeating: 0, count: 0x10000)
    private var otherPlanes: [UInt32: UInt32] = [:]
    private var expansions: [[UInt32]] = []
    private var output = Output()

    /// The identity of this analysis, recorded in an index so that an index built
    /// by another analysis (another ICU, another rule) is noticed.
    public static let identity = "nfkc_cf+traditional-simplified+ws1+han-ws0/v2"

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

        @inline(__always)
        func emit(_ scalar: UInt32, from origin: Int, to end: Int) {
            if CharacterClasses.isWhitespace(scalar) {
                if written > 0 && pendingSpace < 0 { pendingSpace = Int32(origin - base) }
                return
            }
            if pendingSpace >= 0 {
                // No space between two Han characters (the one before is the
                // last written: white space writes nothing).
                if !(CharacterClasses.isHan(scalar) && CharacterClasses.isHan(output.scalar(at: written - 1))) {
                    output.write(0x20, origin: pendingSpace, end: pendingSpace + 1, at: written)
                    written += 1
                }
                pendingSpace = -1
            }
            output.write(scalar, origin: Int32(origin - base), end: Int32(end - base), at: written)
            written += 1
        }

        /// Emits the scalars of an expansion or a combining sequence (from `origin` to `end`).
        func emit(_ mapped: [UInt32], from origin: Int, to end: Int) {
            output.reserve(written + 2 * mapped.count + (count - end) + 1, keeping: written)
            for scalar in mapped { emit(scalar, from: origin, to: end) }
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
                emit(scalar &- 0x41 < 26 ? scalar | 0x20 : scalar, from: i, to: i + 1)
            } else {
                switch found & Self.kindMask {
                case Self.single: emit(found & 0x1F_FFFF, from: i, to: i + 1)
                case Self.expansion: emit(expansions[Int(found & 0xFF_FFFF)], from: i, to: i + 1)
                default: break
                }
            }
            i += 1
        }
        output.copy(count: written, into: &text)
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
        switch mapped.count {
        case 0: entry = Self.nothing
        case 1: entry = Self.single | mapped[0]
        default:
            entry = Self.expansion | UInt32(expansions.count)
            expansions.append(mapped)
        }
        if !ICU.hasNormalizationBoundary(before: scalar) { entry |= Self.combinesBackward }
        return entry
    }

    /// NFKC_Casefold by ICU on a short run of scalars, then each character to
    /// its Simplified form.
    func mapRun(_ run: [UInt32]) -> [UInt32] {
        var units: [UInt16] = []
        for value in run {
            guard let scalar = Unicode.Scalar(value) else { continue }
            units.append(contentsOf: UTF16.encode(scalar) ?? [])
        }
        guard let folded = try? ICU.nfkcCasefold(units) else { return run }
        return String(decoding: folded, as: UTF16.self).unicodeScalars.map { Self.simplified[$0.value] ?? $0.value }
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
        private var origins = ScratchBuffer<Int32>()
        private var originEnds = ScratchBuffer<Int32>()

        /// Makes room for `count` scalars, keeping the first `written`.
        mutating func reserve(_ count: Int, keeping written: Int) {
            scalars.setCount(written)
            origins.setCount(written)
            originEnds.setCount(written)
            scalars.reserve(count)
            origins.reserve(count)
            originEnds.reserve(count)
        }

        @inline(__always)
        func write(_ scalar: UInt32, origin: Int32, end: Int32, at index: Int) {
            scalars.base.unsafelyUnwrapped[index] = scalar
            origins.base.unsafelyUnwrapped[index] = origin
            originEnds.base.unsafelyUnwrapped[index] = end
        }

        /// The scalar written at `index`.
        @inline(__always)
        func scalar(at index: Int) -> UInt32 {
            scalars.base.unsafelyUnwrapped[index]
        }

        /// Replaces the contents of `text`'s arrays by the first `count` scalars written.
        func copy(count: Int, into text: inout NormalizedText) {
            text.scalars.removeAll(keepingCapacity: true)
            text.origins.removeAll(keepingCapacity: true)
            text.originEnds.removeAll(keepingCapacity: true)
            guard count > 0 else { return }
            text.scalars.append(contentsOf: UnsafeBufferPointer(start: scalars.base, count: count))
            text.origins.append(contentsOf: UnsafeBufferPointer(start: origins.base, count: count))
            text.originEnds.append(contentsOf: UnsafeBufferPointer(start: originEnds.base, count: count))
        }

        func deallocate() {
            scalars.deallocate()
            origins.deallocate()
            originEnds.deallocate()
        }
    }
}
