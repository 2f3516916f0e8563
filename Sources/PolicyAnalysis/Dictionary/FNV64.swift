/// 64-bit FNV-1a over scalars and strings, for identities (not for security).
struct FNV64 {
    private(set) var value: UInt64 = 0xCBF2_9CE4_8422_2325

    mutating func add(_ scalar: UInt32) {
        var v = scalar
        for _ in 0..<4 {
            value ^= UInt64(v & 0xFF)
            value = value &* 0x0000_0100_0000_01B3
            v >>= 8
        }
    }

    mutating func add(_ text: String) {
        for scalar in text.unicodeScalars { add(scalar.value) }
    }

    var hex: String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
