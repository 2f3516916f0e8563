import Foundation

/// The parameters of a URL's query, decoded as a browser's form encodes them
/// (`+` for a space, percent escapes of UTF-8); the first of a repeated name
/// by subscript, all of them with ``all(_:)``.
struct QueryParameters: Sendable {
    private(set) var pairs: [(name: String, value: String)] = []
    /// Each pair as `name=value`, percent-encoded, in the order of `pairs`:
    /// a page writes a hundred links that differ from its own URL in one
    /// parameter, and would otherwise encode the query again for each.
    private var encodedPairs: [String] = []

    init(_ query: String?) {
        guard let query, !query.isEmpty else { return }
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let halves = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            append(Self.decode(halves[0]), halves.count > 1 ? Self.decode(halves[1]) : "")
        }
    }

    init(pairs: [(String, String)]) {
        for (name, value) in pairs { append(name, value) }
    }

    private mutating func append(_ name: String, _ value: String) {
        pairs.append((name, value))
        encodedPairs.append(Self.encode(name) + "=" + Self.encode(value))
    }

    /// `+` as a space, `%XY` as the byte XY; the bytes read as UTF-8 (a
    /// malformed sequence becomes U+FFFD, a `%` without two hex digits stays).
    static func decode(_ text: Substring) -> String {
        let input = Array(text.utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(input.count)
        var i = 0
        while i < input.count {
            let byte = input[i]
            if byte == UInt8(ascii: "+") {
                bytes.append(UInt8(ascii: " "))
            } else if byte == UInt8(ascii: "%"), i + 2 < input.count, let high = hexValue(input[i + 1]), let low = hexValue(input[i + 2]) {
                bytes.append(high << 4 | low)
                i += 2
            } else {
                bytes.append(byte)
            }
            i += 1
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): byte - UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): byte - UInt8(ascii: "a") + 10
        case UInt8(ascii: "A")...UInt8(ascii: "F"): byte - UInt8(ascii: "A") + 10
        default: nil
        }
    }

    subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// A copy with `name` set to `value` (nil or empty: removed).
    func setting(_ name: String, _ value: String?) -> QueryParameters {
        var copy = self
        for i in copy.pairs.indices.reversed() where copy.pairs[i].name == name {
            copy.pairs.remove(at: i)
            copy.encodedPairs.remove(at: i)
        }
        if let value, !value.isEmpty { copy.append(name, value) }
        return copy
    }

    /// `?a=b&c=d` (empty when there are none), in a fixed order of names.
    var encoded: String {
        let order = ["q", "region", "year", "type", "issuer", "level", "mode", "page", "limit", "format"]
        guard !pairs.isEmpty else { return "" }
        let ranks = pairs.map { order.firstIndex(of: $0.name) ?? order.count }
        // A stable sort: repeated names keep their order.
        let sorted = pairs.indices.sorted { (ranks[$0], $0) < (ranks[$1], $1) }
        return "?" + sorted.map { encodedPairs[$0] }.joined(separator: "&")
    }

    /// Percent-encodes every byte of the UTF-8 but the unreserved
    /// characters of RFC 3986 (letters, digits, `-._~`). On bytes, not
    /// through Foundation: a results page writes some hundred links.
    static func encode(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count * 3)
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.append(byte)
            default:
                out += [UInt8(ascii: "%"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}
