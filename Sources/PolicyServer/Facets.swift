import PolicySearch

/// The metadata the search page counts documents by, in the order shown.
public enum Facet: String, CaseIterable, Sendable {
    case region, year, type, issuer, level

    /// The Chinese label of the facet.
    var label: String {
        switch self {
        case .region: "地区"
        case .year: "年份"
        case .type: "类型"
        case .issuer: "发文机关"
        case .level: "层级"
        }
    }

    /// A document's value ("" when its metadata does not say).
    func value(of fields: [String: String]) -> String {
        switch self {
        case .year: String((fields["date"] ?? "").prefix(4))
        default: fields[rawValue] ?? ""
        }
    }
}

/// For each facet, the number of documents with a hit per value, most first
/// (ties by value); documents without the field are not counted. Made by
/// ``DocumentCatalog/facetCounts(_:only:)``.
public struct FacetCounts: Sendable, Equatable {
    public var counts: [Facet: [(value: String, documents: Int)]] = [:]

    init() {}

    /// Most documents first; ties by value (years newest first).
    static func ordered(_ values: [(value: String, documents: Int)], _ facet: Facet) -> [(value: String, documents: Int)] {
        values.sorted {
            $0.documents != $1.documents ? $0.documents > $1.documents
                : (facet == .year ? $0.value > $1.value : $0.value.utf8.lexicographicallyPrecedes($1.value.utf8))
        }
    }

    public static func == (left: FacetCounts, right: FacetCounts) -> Bool {
        Facet.allCases.allSatisfy { facet in
            let l = left.counts[facet] ?? [], r = right.counts[facet] ?? []
            return l.count == r.count && zip(l, r).allSatisfy { $0.value == $1.value && $0.documents == $1.documents }
        }
    }

    /// `{"region": {"贵州": 3, …}, "year": …}`.
    public var json: String {
        var object = JSONLine()
        for facet in Facet.allCases {
            var inner = JSONLine()
            for (value, documents) in counts[facet] ?? [] { inner.field(value, documents) }
            object.field(facet.rawValue, json: inner.line)
        }
        return object.line
    }
}
