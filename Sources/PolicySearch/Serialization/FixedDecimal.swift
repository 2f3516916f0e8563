import Foundation

/// A number with a fixed count of decimals, exactly as `String(format: "%.Nf")`
/// writes it, without going through `vsnprintf`: an export writes a score for
/// every hit and a page one for each passage, and the C formatting was a tenth
/// of the cost of a row.
public enum FixedDecimal {
    private static let powers: [Double] = (0...9).map { pow(10, Double($0)) }

    /// `value` with `digits` (0...9) decimals.
    public static func string(_ value: Double, digits: Int) -> String {
        precondition((0...9).contains(digits), "digits must be 0...9")
        let magnitude = value.magnitude
        let scaled = magnitude * powers[digits]
        // The product is rounded to a Double; its error is far below 10⁻³
        // of the last digit here, so only a fraction within that of one half
        // could round the other way than the exact decimal value does. Those,
        // and numbers too large or not finite, go to the C library.
        guard value.isFinite, scaled < 1e12 else { return String(format: "%.\(digits)f", value) }
        let whole = scaled.rounded(.down)
        let fraction = scaled - whole
        guard (fraction - 0.5).magnitude > 1e-3 else { return String(format: "%.\(digits)f", value) }
        var units = UInt64(whole) + (fraction > 0.5 ? 1 : 0)
        // At most 13 digits, a point and a sign.
        var bytes: [UInt8] = []
        bytes.reserveCapacity(16)
        var written = 0
        repeat {
            if written == digits, digits > 0 { bytes.append(UInt8(ascii: ".")) }
            bytes.append(UInt8(ascii: "0") + UInt8(units % 10))
            units /= 10
            written += 1
        } while units > 0 || written <= digits
        if value.sign == .minus { bytes.append(UInt8(ascii: "-")) }
        bytes.reverse()
        return String(decoding: bytes, as: UTF8.self)
    }
}
