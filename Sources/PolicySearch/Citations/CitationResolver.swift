import PolicyAnalysis

/// Finds the document of the index that a citation names.
///
/// - A number names the documents that bear it (``PolicyAnalysis/DocumentCitations/numbers``),
///   compared in ``PolicyAnalysis/DocumentNumber``'s normal form.
/// - A title names the documents that share its first key that any document
///   has (``PolicyAnalysis/TitleKey``: the whole title, then without its
///   issuer, then the document a notice issues), those whose own key matched
///   best (their whole title before their title without issuer before what
///   they issue). A title matched without its issuer, when documents of
///   several issuers have it (关于修改部分地方性法规的决定), names the one of
///   the citing document's region, or none. A document that shares the
///   cited title's key (a version of the same work) cites another version
///   only by the very title, qualifiers included (《民事诉讼法（试行）》 is not
///   the law of 2021).
/// - Of several versions of one document (the dated files of a law), the one
///   in force on the citing document's date: the latest whose version date
///   is on or before it; the earliest when every version is later; the latest
///   when the citing document is undated. Documents of one version date (copies)
///   resolve to the first in corpus order.
struct CitationResolver: Sendable {
    /// Per document node, its title keys.
    let titleKeys: [[String]]
    /// Per document node, its title keys with their qualifiers kept.
    private let strictKeys: [Set<String>]
    private let byNumber: [String: [Int]]
    private let byTitle: [String: [(node: Int, form: TitleKey.Form)]]
    private let versionDates: [String]
    private let regions: [String]
    /// The keys of the titles cited so far: most are cited many times.
    private var citedForms: [String: [(key: String, form: TitleKey.Form)]] = [:]

    init(documents: [CitationNetwork.Node], normalizer: TextNormalizer) {
        var titleKeys: [[String]] = []
        var strictKeys: [Set<String>] = []
        var byNumber: [String: [Int]] = [:]
        var byTitle: [String: [(node: Int, form: TitleKey.Form)]] = [:]
        for (index, node) in documents.enumerated() {
            let title = normalizer.normalize(node.title).string
            let forms = TitleKey.forms(title)
            titleKeys.append(forms.map(\.key))
            strictKeys.append(Set(TitleKey.keys(title, keepingQualifiers: true)))
            for (key, form) in forms { byTitle[key, default: []].append((index, form)) }
            for number in node.numbers { byNumber[number, default: []].append(index) }
        }
        self.titleKeys = titleKeys
        self.strictKeys = strictKeys
        self.byNumber = byNumber
        self.byTitle = byTitle
        versionDates = documents.map(\.versionDate)
        regions = documents.map { $0.fields["region"] ?? "" }
    }

    /// The document a citation by `citing` names, and how it was matched; nil when none.
    /// `citingNode` is the citing document's node: never its own answer (a
    /// guide of 2021 citing its edition of 2018 names another document, or none).
    mutating func resolve(_ citation: Citation, citedBy citing: CitationNetwork.Node, citingNode: Int) -> (node: Int, method: String)? {
        switch citation.kind {
        case .number:
            guard let candidates = byNumber[citation.target]?.filter({ $0 != citingNode }), !candidates.isEmpty else { return nil }
            return choose(candidates, method: "number", citing: citing)
        case .title:
            let forms = citedForms[citation.target] ?? TitleKey.forms(citation.target)
            citedForms[citation.target] = forms
            for (key, citedForm) in forms {
                guard var matches = byTitle[key]?.filter({ $0.node != citingNode }), !matches.isEmpty else { continue }
                if titleKeys[citingNode].contains(key) {
                    // A version of the same work cites another by its
                    // qualifier (《民事诉讼法（试行）》 in the law that repealed
                    // it): only a document of that very title is the one.
                    let strict = TitleKey.key(citation.target, keepingQualifiers: true)
                    matches = matches.filter { strictKeys[$0.node].contains(strict) }
                    if matches.isEmpty { return nil }
                }
                let best = matches.map { rank($0.form) }.min()!
                var candidates = matches.filter { rank($0.form) == best }
                let form = candidates[0].form
                if citedForm != .whole || form != .whole {
                    // A title without its issuer (关于修改部分地方性法规的决定) names
                    // the document of that title in the citing document's
                    // region; of several issuers elsewhere, none.
                    if Set(candidates.map { titleKeys[$0.node][0] }).count > 1 {
                        let region = citing.fields["region"] ?? ""
                        candidates = candidates.filter { !region.isEmpty && regions[$0.node] == region }
                        guard !candidates.isEmpty, Set(candidates.map({ titleKeys[$0.node][0] })).count == 1 else { return nil }
                    }
                }
                let method = citedForm == .whole && form == .whole ? "title"
                    : form == .issued || citedForm == .issued ? "title of the document a notice issues"
                    : "title without its issuer"
                return choose(candidates.map(\.node), method: method, citing: citing)
            }
            return nil
        }
    }

    private func rank(_ form: TitleKey.Form) -> Int {
        switch form {
        case .whole: 0
        case .withoutIssuer: 1
        case .issued: 2
        }
    }

    /// The version in force among `candidates` (node indexes, increasing).
    private func choose(_ candidates: [Int], method: String, citing: CitationNetwork.Node) -> (node: Int, method: String) {
        let dated = candidates.map { (node: $0, date: versionDates[$0]) }
        let dates = Set(dated.map(\.date))
        guard dates.count > 1 else { return (candidates.min()!, method) }
        // The first document of each version date, oldest first.
        var versions: [(node: Int, date: String)] = []
        for candidate in dated.sorted(by: { ($0.date, $0.node) < ($1.date, $1.node) })
        where versions.last?.date != candidate.date {
            versions.append(candidate)
        }
        let on = citing.versionDate.isEmpty ? citing.date : citing.versionDate
        if on.isEmpty {
            let latest = versions.last!
            return (latest.node, method + ", the latest version (\(latest.date)): the citing document is undated")
        }
        if let inForce = versions.last(where: { !$0.date.isEmpty && $0.date <= on }) {
            return (inForce.node, method + ", the version of \(inForce.date) in force on \(on)")
        }
        let earliest = versions.first { !$0.date.isEmpty } ?? versions[0]
        return (earliest.node, method + ", the earliest version (\(earliest.date)): none before \(on)")
    }
}
