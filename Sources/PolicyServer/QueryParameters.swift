import Foundation

/// The parameters of a URL's query, decoded as a browser's form encodes them
/// (`+` for a space, percent escapes of UTF-8); the first of a repeated name
/// by subscript, all of them with ``all(_:)``.
struct QueryParameters: Sendable {
    private(set) var pairs: [(name: String, value: String)] = []

    init(_ query: String?) {
        guard let query, !query.isEmpty else { return }
        for item in query.split(separator: "&", omittingEmptySubsequences: true) {
            let halves = item.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            pairs.append((Self.decode(halves[0]), halves.count > 1 ? Self.decode(halves[1]) : ""))
        }
    }

    init(pairs: [(String, String)]) { self.pairs = pairs.map { (name: $0.0, value: $0.1) } }

    static func decode(_ text: Substring) -> String {
        let spaced = text.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }

    subscript(_ name: String) -> String? { pairs.first { $0.name == name }?.value }

    func all(_ name: String) -> [String] { pairs.filter { $0.name == name }.map(\.value) }

    /// A copy with `name` set to `value` (nil or empty: removed).
    func setting(_ name: String, _ value: String?) -> QueryParameters {
        var copy = self
        copy.pairs.removeAll { $0.name == name }
        if let value, !value.isEmpty { copy.pairs.append((name, value)) }
        return copy
    }

    /// `?a=b&c=d` (empty when there are none), in a fixed order of names.
    var encoded: String {
        let order = ["q", "region", "year", "type", "issuer", "level", "mode", "page", "limit", "format"]
        let sorted = pairs.sorted { (order.firstIndex(of: $0.name) ?? 99) < (order.firstIndex(of: $1.name) ?? 99) }
        guard !sorted.isEmpty else { return "" }
        return "?" + sorted.map { Self.encode($0.name) + "=" + Self.encode($0.value) }.joined(separator: "&")
    }

    private static let unreserved = CharacterSet(charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")

    static func encode(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: unreserved) ?? ""
    }
}
