import PolicyAnalysis

/// The tables and JSON of `cited-by`, `cites` and `citations` (the CLI's
/// outputs and exports, and the web app's): one schema, in one place.
public enum CitationSchema {
    /// `cited-by`: a row per citing passage.
    public static let citedByColumns = ["file", "title", "date", "issuer", "region", "level", "type", "number", "line",
                                        "page", "section", "cited", "article", "resolved", "resolution", "text"]
    /// `cites`: a row per citation of the document.
    public static let citesColumns = ["file", "line", "page", "section", "kind", "cited", "article", "alias", "resolved",
                                      "resolved_title", "resolution", "text"]
    /// `citations --top`: a row per node.
    public static let mostCitedColumns = ["rank", "cited", "kind", "file", "documents", "count"]

    public static func citedByRows(_ documents: [CitingDocument], paths: PathDisplay) -> [[String]] {
        documents.flatMap { document in
            document.passages.map { passage in
                let node = document.document
                return [paths.show(node.path), node.title, node.date, node.fields["issuer"] ?? "", node.fields["region"] ?? "",
                        node.fields["level"] ?? "", node.fields["type"] ?? "", node.fields["number"] ?? "", String(passage.line),
                        passage.page.map(String.init) ?? "", passage.section, passage.cited, passage.article,
                        resolved(passage.target, paths: paths), passage.resolution, passage.text]
            }
        }
    }

    public static func citesRows(_ documents: [CitingDocument], paths: PathDisplay) -> [[String]] {
        documents.flatMap { document in
            document.passages.map { passage in
                [paths.show(document.document.path), String(passage.line), passage.page.map(String.init) ?? "",
                 passage.section, kind(passage.kind), passage.cited, passage.article, passage.isAlias ? "yes" : "",
                 resolved(passage.target, paths: paths), passage.target.kind == .document ? passage.target.title : "",
                 passage.resolution, passage.text]
            }
        }
    }

    public static func mostCitedRows(_ nodes: [CitedNode], paths: PathDisplay) -> [[String]] {
        nodes.enumerated().map { rank, cited in
            [String(rank + 1), cited.node.title, cited.node.kind == .document ? "document" : "external " + kind(cited.node.citedAs ?? .title),
             resolved(cited.node, paths: paths), String(cited.citingDocuments), String(cited.references)]
        }
    }

    /// A citing document as one JSON object (`cited-by --format json`): its
    /// file and metadata, then its citing passages.
    public static func json(_ document: CitingDocument, paths: PathDisplay) -> String {
        var line = JSONLine()
        let node = document.document
        line.field("file", paths.show(node.path))
        line.field("title", node.title)
        for field in ["date", "issuer", "region", "level", "type", "number"] {
            line.field(field, field == "date" ? node.date : node.fields[field] ?? "")
        }
        line.field("passages", json: "[" + document.passages.map { passage in
            var item = JSONLine()
            item.field("line", passage.line)
            item.field("page", passage.page)
            item.field("section", passage.section)
            item.field("kind", kind(passage.kind))
            item.field("cited", passage.cited)
            item.field("article", passage.article)
            item.field("alias", json: passage.isAlias ? "true" : "false")
            item.field("resolved", resolved(passage.target, paths: paths))
            item.field("resolvedTitle", passage.target.kind == .document ? passage.target.title : "")
            item.field("resolution", passage.resolution)
            item.field("text", passage.text)
            return item.line
        }.joined(separator: ",") + "]")
        return line.line
    }

    /// A node as one JSON object (`citations --format json`).
    public static func json(_ cited: CitedNode, rank: Int, paths: PathDisplay) -> String {
        var line = JSONLine()
        line.field("rank", rank)
        line.field("cited", cited.node.title)
        line.field("kind", cited.node.kind == .document ? "document" : "external " + kind(cited.node.citedAs ?? .title))
        line.field("file", resolved(cited.node, paths: paths))
        line.field("documents", cited.citingDocuments)
        line.field("count", cited.references)
        return line.line
    }

    static func kind(_ kind: Citation.Kind) -> String { kind == .title ? "title" : "number" }

    /// A resolved node's file as shown, "" for an external one.
    static func resolved(_ node: CitationNetwork.Node, paths: PathDisplay) -> String {
        node.kind == .document ? paths.show(node.path) : ""
    }
}
