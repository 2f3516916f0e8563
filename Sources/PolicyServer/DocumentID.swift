import PolicyIndex
import PolicySearch

/// The web app's document ids: FNV-1a 64 of the corpus-relative path, as 16
/// lowercase hex digits. A path never comes from a URL: an id is only looked
/// up among the documents of the index.
public enum DocumentID {
    public static func of(path: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in path.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    /// Whether a text has the form of an id (anything else is a 404 at once).
    public static func isWellFormed(_ text: String) -> Bool {
        text.utf8.count == 16 && text.utf8.allSatisfy { (48...57).contains($0) || (97...102).contains($0) }
    }
}

/// A live document of one generation: where it is and its metadata.
struct CatalogEntry: Sendable {
    var segment: Int
    var document: Int
    var id: String
    var path: String
    var title: String
    var fields: [String: String]
    /// Per facet (``Facet/allCases``), the number of its value in the
    /// catalog's ``DocumentCatalog/facetValues``, or -1 when it has none.
    var facets: [Int32] = []
}

/// The live documents of one index generation, by id and by (segment, document).
final class DocumentCatalog: @unchecked Sendable {
    let generation: Int
    private let byID: [String: CatalogEntry]
    private let bySegment: [[CatalogEntry?]]

    init(reader: IndexReader) throws {
        generation = reader.manifest.generation
        var byID: [String: CatalogEntry] = [:]
        var bySegment = reader.segments.map { [CatalogEntry?](repeating: nil, count: $0.documentCount) }
        var values = [[String]](repeating: [], count: Facet.allCases.count)
        var numbers = [[String: Int32]](repeating: [:], count: Facet.allCases.count)
        for (segment, document) in reader.liveDocuments() {
            let entry = try reader.segments[segment].document(document, withSections: false)
            var item = CatalogEntry(segment: segment, document: document, id: DocumentID.of(path: entry.path),
                                    path: entry.path, title: entry.title, fields: entry.fields)
            item.facets = Facet.allCases.enumerated().map { index, facet in
                let value = facet.value(of: entry.fields)
                guard !value.isEmpty else { return -1 }
                if let number = numbers[index][value] { return number }
                numbers[index][value] = Int32(values[index].count)
                values[index].append(value)
                return Int32(values[index].count - 1)
            }
            byID[item.id] = item
            bySegment[segment][document] = item
        }
        self.byID = byID
        self.bySegment = bySegment
        facetValues = values
    }

    /// Per facet, its values: what ``CatalogEntry/facets`` number.
    let facetValues: [[String]]

    /// The facet counts of some documents, by their values' numbers (a
    /// request counts hundreds of documents: no strings hashed for it).
    func facetCounts(_ keys: [(segment: Int, document: Int)], only: Facet? = nil) -> FacetCounts {
        var tallies = facetValues.map { [Int](repeating: 0, count: $0.count) }
        for key in keys {
            guard let entry = entry(segment: key.segment, document: key.document) else { continue }
            for (index, number) in entry.facets.enumerated() where number >= 0 { tallies[index][Int(number)] += 1 }
        }
        var counts = FacetCounts()
        for (index, facet) in Facet.allCases.enumerated() where only == nil || only == facet {
            counts.counts[facet] = FacetCounts.ordered(zip(facetValues[index], tallies[index]).filter { $0.1 > 0 }
                .map { (value: $0.0, documents: $0.1) }, facet)
        }
        return counts
    }

    func entry(id: String) -> CatalogEntry? { byID[id] }

    func entry(segment: Int, document: Int) -> CatalogEntry? {
        guard segment < bySegment.count, document >= 0, document < bySegment[segment].count else { return nil }
        return bySegment[segment][document]
    }
}
