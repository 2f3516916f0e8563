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

    /// `{"id", "path", "file", "title", the metadata fields, "lines", "sections", "passages": [{"line", "section", "text"}]}`.
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
        return PolicyServer.json(object.line + "\n")
    }

    /// `tally.json` of the `q` parameters, grouped `by` (region when not said).
    static func tally(_ request: Request, service: SearchService) throws -> Response {
        let parameters = QueryParameters(request.uri.query)
        let texts = parameters.all("q").filter { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        guard !texts.isEmpty else { throw ServerError(400, "give at least one query: ?q=…") }
        guard texts.count <= 20 else { throw ServerError(400, "at most 20 queries at once") }
        guard texts.reduce(0, { $0 + $1.count }) <= service.limits.queryLength else {
            throw ServerError(400, "the queries are longer than \(service.limits.queryLength) characters")
        }
        let byName = parameters["by"] ?? "region"
        guard let grouping = Tally.Grouping(rawValue: byName) else {
            throw ServerError(400, "by must be one of " + Tally.Grouping.allCases.map(\.rawValue).joined(separator: ", "))
        }
        let queries = try texts.map { try QueryParser.parse($0) }
        return PolicyServer.json(try service.index.tally(queries, by: grouping).json + "\n")
    }
}
