/// Documents that are the same text under another name: the same body under
/// a different title line, English header or file name (`central/037…` and
/// `shandong/033…` of the corpus), found when an index is committed and
/// recorded in its manifest, so that counts can take each text once.
///
/// The method is shingling at the grain of passages: a document is the set of
/// fingerprints of its passages (``Segment/forEachFingerprint(ofPassages:_:)``)
/// of at least ``minimumWords`` words, and two documents are copies when the
/// Jaccard similarity of their sets is at least ``threshold``. Passages found
/// in more than ``commonLimit`` documents (a closing formula, a standard
/// heading) are left out of every set: they say nothing about copying, and
/// would make every pair of documents a candidate. Copies group transitively.
public enum DuplicateDocuments {
    /// The least Jaccard similarity of two copies.
    public static let threshold = 0.9
    /// Passages shorter than this (headings, cells) are not compared.
    public static let minimumWords = 4
    /// The fewest compared passages a document needs to be a copy of another.
    public static let minimumPassages = 3
    /// A passage in more documents than this is boilerplate, not evidence.
    public static let commonLimit = 8

    /// The groups of copies among the live documents of `segments`
    /// (`deleted[s]`: the documents of segment `s` no longer live), each a
    /// list of paths in order, the groups in order of their first path.
    public static func find(in segments: [Segment], deleted: [Set<Int>]) throws -> [[String]] {
        // Every live document's set of passage fingerprints.
        var paths: [String] = []
        var sets: [Set<UInt64>] = []
        for (s, segment) in segments.enumerated() {
            for document in 0..<segment.documentCount where !deleted[s].contains(document) {
                let passages = segment.passages(ofDocument: document).filter { segment.length(ofPassage: $0) >= minimumWords }
                var set = Set<UInt64>()
                try segment.forEachFingerprint(ofPassages: Array(passages)) { _, fingerprint in set.insert(fingerprint) }
                paths.append(try segment.path(ofDocument: document))
                sets.append(set)
            }
        }
        // The documents of each fingerprint; the common ones left out.
        var holders: [UInt64: [Int]] = [:]
        for (document, set) in sets.enumerated() where set.count >= minimumPassages {
            for fingerprint in set { holders[fingerprint, default: []].append(document) }
        }
        var shared: [Int: Int] = [:]  // a << 32 | b (a < b) → fingerprints in common
        for documents in holders.values where documents.count > 1 && documents.count <= commonLimit {
            for i in documents.indices {
                for j in (i + 1)..<documents.count { shared[documents[i] << 32 | documents[j], default: 0] += 1 }
            }
        }
        // Each set's size without the common passages, as `shared` counts.
        let sizes = sets.map { set in set.filter { (holders[$0]?.count ?? 0) <= commonLimit }.count }
        var parent = Array(sets.indices)
        func root(_ x: Int) -> Int {
            var x = x
            while parent[x] != x { parent[x] = parent[parent[x]]; x = parent[x] }
            return x
        }
        for (pair, common) in shared {
            let a = pair >> 32, b = pair & 0xFFFF_FFFF
            let union = sizes[a] + sizes[b] - common
            if union > 0, Double(common) / Double(union) >= threshold { parent[root(a)] = root(b) }
        }
        var groups: [Int: [String]] = [:]
        for document in sets.indices { groups[root(document), default: []].append(paths[document]) }
        return groups.values.filter { $0.count > 1 }.map { $0.sorted() }.sorted { $0[0] < $1[0] }
    }
}
