import Foundation
import Hummingbird
import NIOCore
import PolicyAnalysis
import PolicyIndex
import PolicySearch

/// The JSON API: the same answers as the pages, for scripts.
enum API {
    /// `{"query", "total", "documents", "offset", "hits": [Hit.jsonLine + "document"], "facets"}`.
    static func search(_ request: Request, service: SearchService) throws -> Response {
        let parameters = QueryParameters(request.uri.query)
        let search = try SearchRequest(parameters, limits: service.limits, defaultLimit: 10)
        let query = try search.query()
        let results = try service.search(search, query: query)
        let paths = service.paths(service.index.snapshot)
        var object = JSONLine()
        object.field("query", query.description)
        object.field("total", results.total)
        if let distinct = results.distinctTexts { object.field("distinct", distinct) }
        object.field("documents", results.documents)
        object.field("offset", results.offset)
        let hits = results.hits.map { $0.jsonLine(paths: paths, extra: [("document", service.id(of: $0))]) }
        object.field("hits", json: "[" + hits.joined(separator: ",") + "]")
        object.field("facets", json: results.facets.json)
        if let suggestion = results.suggestion {
            var looser = JSONLine()
            looser.field("query", suggestion.query.description)
            looser.field("total", suggestion.total)
            object.field("suggestion", json: looser.line)
        }
        return PolicyServer.json(object.line + "\n")
    }

    /// `{"id", "path", "file", "title", the metadata fields, "lines", "sections", "passages": [{"line", "section", "text"}],
    /// "cites": [{"line", "kind", "cited", "article", "document" (an id, or null), "resolution"}],
    /// "citedBy": [{"document", "title", "date", "lines"}]}`.
    static func document(id: String, service: SearchService) throws -> Response {
        let view = try service.document(id: id, query: nil)
        var object = JSONLine()
        object.field("id", view.entry.id)
        object.field("path", view.document.path)
        object.field("file", view.paths.show(view.document.path))
        object.field("title", view.document.title)
        for name in MetadataExtractor.fieldNames { object.field(name, view.document.fields[name] ?? "") }
        object.field("lines", view.document.lineCount)
        object.field("pages", view.document.pageStarts.count)
        object.field("sections", view.document.sections.paths)
        let passages = view.paragraphs.map { paragraph -> String in
            var item = JSONLine()
            item.field("line", paragraph.line)
            item.field("section", paragraph.section)
            item.field("text", paragraph.text)
            return item.line
        }
        object.field("passages", json: "[" + passages.joined(separator: ",") + "]")
        let cites = view.cites.map { passage -> String in
            var item = JSONLine()
            item.field("line", passage.line)
            item.field("kind", passage.kind == .title ? "title" : "number")
            item.field("cited", passage.cited)
            item.field("article", passage.article)
            item.field("document", json: passage.target.kind == .document ? "\"\(DocumentID.of(path: passage.target.path))\"" : "null")
            item.field("resolution", passage.resolution)
            return item.line
        }
        object.field("cites", json: "[" + cites.joined(separator: ",") + "]")
        let citedBy = view.citedBy.map { citing -> String in
            var item = JSONLine()
            item.field("document", DocumentID.of(path: citing.document.path))
            item.field("title", citing.document.title)
            item.field("date", citing.document.date)
            item.field("lines", json: "[" + citing.passages.map { String($0.line) }.joined(separator: ",") + "]")
            return item.line
        }
        object.field("citedBy", json: "[" + citedBy.joined(separator: ",") + "]")
        return PolicyServer.json(object.line + "\n")
    }

    /// `tally.json` of the `q` parameters, grouped `by` (region when not said).
    static func tally(_ request: Request, service: SearchService) throws -> Response {
        let view = try TallyPage.Request(QueryParameters(request.uri.query), limits: service.limits)
        guard !view.texts.isEmpty else { throw ServerError(400, "give at least one query: ?q=…") }
        let queries = try view.queries(), grouping = view.grouping
        return PolicyServer.json(try service.index.tally(queries, by: grouping).json + "\n")
    }
}
