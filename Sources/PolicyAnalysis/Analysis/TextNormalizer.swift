/// Normalizes text for matching: NFKC with case folding, then Traditional to
/// Simplified Chinese, then white space collapsed.
///
/// So full-width `ＡＢＣ１２３` and half-width `abc123` are the same text, as are
/// `數據交易` and `数据交易`. Both directions of the index (documents and queries)
/// go through this one normalizer, so matching is consistent.
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

    /// The identity of this analysis, recorded in an index so that an index built
    /// by another analysis (another ICU, another rule) is noticed.
    public static let identity = "nfkc_cf+traditional-simplified+ws1/v1"

    public init() throws {}

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
        text.sourceCount = source.count
        text.scalars.removeAll(keepingCapacity: true)
        text.origins.removeAll(keepingCapacity: true)
        text.originEnds.removeAll(keepingCapacity: true)
        text.scalars.reserveCapacity(source.count)
        text.origins.reserveCapacity(source.count)
        text.originEnds.reserveCapacity(source.count)
        // The table is moved out of `self` for the loop: a class's stored
        // array pays an exclusivity check on every access.
        var basicPlane = self.basicPlane
        self.basicPlane = []
        defer { self.basicPlane = basicPlane }
        var pendingSpace: Int32 = -1

        func emit(_ scalar: UInt32, from origin: Int, to end: Int) {
            if CharacterClasses.isWhitespace(scalar) {
                if !text.scalars.isEmpty && pendingSpace < 0 { pendingSpace = Int32(origin - base) }
                return
            }
            if pendingSpace >= 0 {
                text.scalars.append(0x20)
                text.origins.append(pendingSpace)
                text.originEnds.append(pendingSpace + 1)
                pendingSpace = -1
            }
            text.scalars.append(scalar)
            text.origins.append(Int32(origin - base))
            text.originEnds.append(Int32(end - base))
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

        func combinesBackward(_ scalar: UInt32) -> Bool {
            scalar >= 0x80 && entry(for: scalar) & Self.combinesBackward != 0
        }

        var i = base
        let count = source.endIndex
        while i < count {
            let scalar = source[i]
            if i + 1 < count, combinesBackward(source[i + 1]) {
                // A combining sequence: normalize the run as a whole.
                var j = i + 1
                while j < count, combinesBackward(source[j]) { j += 1 }
                for mapped in mapRun(Array(source[i..<j])) { emit(mapped, from: i, to: j) }
                i = j
                continue
            }
            if scalar < 0x80 {
                emit(scalar &- 0x41 < 26 ? scalar | 0x20 : scalar, from: i, to: i + 1)
            } else {
                let found = entry(for: scalar)
                switch found & Self.kindMask {
                case Self.single: emit(found & 0x1F_FFFF, from: i, to: i + 1)
                case Self.expansion: for mapped in expansions[Int(found & 0xFF_FFFF)] { emit(mapped, from: i, to: i + 1) }
                default: break
                }
            }
            i += 1
        }
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
